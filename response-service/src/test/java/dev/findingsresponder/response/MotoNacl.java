package dev.findingsresponder.response;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.findingsresponder.model.ActionRequest;
import dev.findingsresponder.model.Mode;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.NetworkAclEntry;
import software.amazon.awssdk.services.ec2.model.RuleAction;

/** A network ACL in a fresh VPC in moto, the nacl-deny requests that name it, and the inbound denies it holds. */
record MotoNacl(Ec2Client ec2, String account, String region, String naclId) {

    static MotoNacl create(Ec2Client ec2, String account, String region) {
        String vpcId = ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
        return new MotoNacl(ec2, account, region, ec2.createNetworkAcl(r -> r.vpcId(vpcId)).networkAcl().networkAclId());
    }

    /** The inbound DENY entries for {@code address}/32. */
    List<NetworkAclEntry> denies(String address) {
        return ec2.describeNetworkAcls(r -> r.networkAclIds(naclId)).networkAcls().get(0).entries().stream()
                .filter(e -> !e.egress() && e.ruleAction() == RuleAction.DENY && (address + "/32").equals(e.cidrBlock()))
                .toList();
    }

    /** An enforce-mode nacl-deny of {@code address} in this NACL, with a fresh request id. */
    ActionRequest naclDeny(String address, Duration ttl) {
        return new ActionRequest("req-" + UUID.randomUUID(), "nacl-deny", Map.of("nacl-id", naclId),
                new ActionRequest.Target("nacl:" + account + ":" + region, account, region, "network-acl", naclId,
                        address),
                Mode.ENFORCE, ttl, "block-attackers", "first alert", Instant.now(), null, null);
    }
}
