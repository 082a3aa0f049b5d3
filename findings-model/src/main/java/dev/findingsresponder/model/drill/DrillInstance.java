package dev.findingsresponder.model.drill;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.findingsresponder.model.Hashes;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.SplittableRandom;

/**
 * The EC2 instance a drill finding is about. Everything but the id is derived from the id, so one instance keeps
 * the same interface, subnet, VPC and addresses across findings and runs. Its public addresses come from
 * TEST-NET-1 (192.0.2.0/24) and 2001:db8:a0::/48, apart from the default attacker ranges.
 */
record DrillInstance(String instanceId, String eniId, String subnetId, String vpcId, String securityGroupId,
        String privateIp, String publicIp, String ipv6, int launchDaysAgo) {

    static DrillInstance of(String instanceId) {
        String digest = Hashes.sha256Hex(instanceId.getBytes(StandardCharsets.UTF_8));
        SplittableRandom r = new SplittableRandom(HexFormat.fromHexDigitsToLong(digest, 0, 16));
        String publicIp = "192.0.2." + (1 + r.nextInt(254));
        String privateIp = "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + (4 + r.nextInt(250));
        BigInteger v6 = new BigInteger("20010db800a00000", 16).shiftLeft(64)
                .or(BigInteger.valueOf(r.nextLong() & Long.MAX_VALUE));
        return new DrillInstance(instanceId, "eni-" + hex(r, 17), "subnet-" + hex(r, 17), "vpc-" + hex(r, 17),
                "sg-" + hex(r, 17), privateIp, publicIp, AddressPool.formatV6(v6), 1 + r.nextInt(90));
    }

    static String hex(SplittableRandom r, int digits) {
        StringBuilder s = new StringBuilder(digits);
        while (s.length() < digits) {
            s.append(Character.forDigit(r.nextInt(16), 16));
        }
        return s.toString();
    }

    /** The local address GuardDuty reports for a connection with {@code remote}: same IP version. */
    String localIpFor(String remote) {
        return remote.indexOf(':') >= 0 ? ipv6 : privateIp;
    }

    /** {@code resource.instanceDetails} as GuardDuty writes it. */
    ObjectNode toJson(ObjectNode details, String region, Instant firstSeen) {
        details.put("instanceId", instanceId);
        details.put("instanceType", "t3.medium");
        details.put("launchTime", DrillFindings.timestamp(firstSeen.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                .minusSeconds(86_400L * launchDaysAgo)));
        details.putNull("platform");
        details.putArray("productCodes");
        ArrayNode nics = details.putArray("networkInterfaces");
        ObjectNode nic = nics.addObject();
        nic.putArray("ipv6Addresses").add(ipv6);
        nic.put("networkInterfaceId", eniId);
        String privateDns = "ip-" + privateIp.replace('.', '-') + "." + internalDomain(region);
        nic.put("privateDnsName", privateDns);
        nic.put("privateIpAddress", privateIp);
        ObjectNode privateAddress = nic.putArray("privateIpAddresses").addObject();
        privateAddress.put("privateDnsName", privateDns);
        privateAddress.put("privateIpAddress", privateIp);
        nic.put("subnetId", subnetId);
        nic.put("vpcId", vpcId);
        ObjectNode group = nic.putArray("securityGroups").addObject();
        group.put("groupName", "drill-target");
        group.put("groupId", securityGroupId);
        nic.put("publicDnsName", "ec2-" + publicIp.replace('.', '-') + "." + publicDomain(region));
        nic.put("publicIp", publicIp);
        details.putNull("outpostArn");
        details.putArray("tags");
        details.put("instanceState", "running");
        details.put("availabilityZone", region + "a");
        details.put("imageId", "ami-0" + instanceId.substring(2, Math.min(instanceId.length(), 18)));
        details.put("imageDescription", "Amazon Linux 2023 AMI");
        return details;
    }

    private static String internalDomain(String region) {
        return region.equals("us-east-1") ? "ec2.internal" : region + ".compute.internal";
    }

    private static String publicDomain(String region) {
        return region.equals("us-east-1") ? "compute-1.amazonaws.com" : region + ".compute.amazonaws.com";
    }
}
