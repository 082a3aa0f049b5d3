package dev.findingsresponder.model.drill;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * {@code service.action} of each drill type, in the shape GuardDuty publishes: the attacker's address sits where
 * the decoders (and every GuardDuty consumer) look for it for that action type.
 */
final class DrillActions {

    /** Ports a port-probe drill picks from, with the names GuardDuty gives them. */
    private static final int[] PROBE_PORTS = {22, 23, 80, 443, 445, 1433, 3306, 3389, 5432, 6379, 8080};
    private static final String[] PROBE_PORT_NAMES = {"SSH", "Telnet", "HTTP", "HTTPS", "SMB", "MSSQL", "MySQL",
        "RDP", "PostgreSQL", "Redis", "HTTP"};
    private static final int[] MINING_POOL_PORTS = {3333, 4444, 8333};
    private static final String[] CALLER_APIS = {"DescribeInstances", "ListBuckets", "GetCallerIdentity",
        "ListUsers"};
    /** Made-up geography; ASNs from the documentation range (RFC 5398). */
    private static final String[][] PLACES = {
        {"NL", "Netherlands", "Amsterdam", "52.37", "4.89"},
        {"US", "United States", "Ashburn", "39.04", "-77.49"},
        {"BR", "Brazil", "Sao Paulo", "-23.55", "-46.63"},
        {"SG", "Singapore", "Singapore", "1.29", "103.85"},
        {"DE", "Germany", "Frankfurt am Main", "50.11", "8.68"}};

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private DrillActions() {
    }

    static ObjectNode action(DrillType type, String attacker, DrillInstance instance, RandomGenerator random) {
        ObjectNode action = JSON.objectNode();
        switch (type) {
            case SSH_BRUTE_FORCE -> inbound(action, attacker, instance, 22, "SSH", random);
            case RDP_BRUTE_FORCE -> inbound(action, attacker, instance, 3389, "RDP", random);
            case PORT_PROBE -> portProbe(action, attacker, instance, random);
            case CRYPTO_MINING -> outbound(action, attacker, instance,
                    MINING_POOL_PORTS[random.nextInt(MINING_POOL_PORTS.length)], random);
            case MALICIOUS_IP_CALLER -> outbound(action, attacker, instance, random.nextBoolean() ? 443 : 80, random);
            case CREDENTIAL_EXFILTRATION -> apiCall(action, attacker, random);
        }
        return action;
    }

    private static void inbound(ObjectNode action, String attacker, DrillInstance instance, int localPort,
            String portName, RandomGenerator random) {
        connection(action, "INBOUND", attacker, instance, 1024 + random.nextInt(64_512), "Unknown", localPort,
                portName);
    }

    private static void outbound(ObjectNode action, String attacker, DrillInstance instance, int remotePort,
            RandomGenerator random) {
        connection(action, "OUTBOUND", attacker, instance, remotePort, "Unknown", 32_768 + random.nextInt(28_232),
                "Unknown");
    }

    private static void connection(ObjectNode action, String direction, String attacker, DrillInstance instance,
            int remotePort, String remotePortName, int localPort, String localPortName) {
        action.put("actionType", "NETWORK_CONNECTION");
        ObjectNode nc = action.putObject("networkConnectionAction");
        nc.put("connectionDirection", direction);
        localIp(nc.putObject("localIpDetails"), instance.localIpFor(attacker));
        remoteIpDetails(nc.putObject("remoteIpDetails"), attacker);
        port(nc.putObject("remotePortDetails"), remotePort, remotePortName);
        port(nc.putObject("localPortDetails"), localPort, localPortName);
        nc.put("protocol", "TCP");
        nc.put("blocked", false);
    }

    private static void portProbe(ObjectNode action, String attacker, DrillInstance instance,
            RandomGenerator random) {
        action.put("actionType", "PORT_PROBE");
        ObjectNode probe = action.putObject("portProbeAction");
        probe.put("blocked", false);
        ArrayNode details = probe.putArray("portProbeDetails");
        List<Integer> choices = new ArrayList<>();
        for (int i = 0; i < PROBE_PORTS.length; i++) {
            choices.add(i);
        }
        int ports = 2 + random.nextInt(3);
        for (int n = 0; n < ports; n++) {
            int i = choices.remove(random.nextInt(choices.size()));
            ObjectNode detail = details.addObject();
            port(detail.putObject("localPortDetails"), PROBE_PORTS[i], PROBE_PORT_NAMES[i]);
            localIp(detail.putObject("localIpDetails"), instance.localIpFor(attacker));
            remoteIpDetails(detail.putObject("remoteIpDetails"), attacker);
        }
    }

    private static void apiCall(ObjectNode action, String attacker, RandomGenerator random) {
        action.put("actionType", "AWS_API_CALL");
        ObjectNode api = action.putObject("awsApiCallAction");
        String name = CALLER_APIS[random.nextInt(CALLER_APIS.length)];
        api.put("api", name);
        api.put("serviceName", switch (name) {
            case "ListBuckets" -> "s3.amazonaws.com";
            case "GetCallerIdentity" -> "sts.amazonaws.com";
            case "ListUsers" -> "iam.amazonaws.com";
            default -> "ec2.amazonaws.com";
        });
        api.put("callerType", "Remote IP");
        api.put("userAgent", "aws-cli/2.15.30 Python/3.11.8 Linux/6.1");
        remoteIpDetails(api.putObject("remoteIpDetails"), attacker);
        api.putObject("affectedResources");
    }

    /** The attacker's details; its made-up place and ASN follow from the address, so they agree across findings. */
    private static void remoteIpDetails(ObjectNode remote, String address) {
        remote.put(address.indexOf(':') >= 0 ? "ipAddressV6" : "ipAddressV4", address);
        int hash = Math.floorMod(address.hashCode(), PLACES.length * 16);
        String[] place = PLACES[hash % PLACES.length];
        ObjectNode org = remote.putObject("organization");
        org.put("asn", String.valueOf(64_496 + hash / PLACES.length));
        org.put("asnOrg", "DRILL-EXAMPLE-AS");
        org.put("isp", "Drill Example Hosting");
        org.put("org", "Drill Example Hosting");
        ObjectNode country = remote.putObject("country");
        country.put("countryCode", place[0]);
        country.put("countryName", place[1]);
        remote.putObject("city").put("cityName", place[2]);
        ObjectNode geo = remote.putObject("geoLocation");
        geo.put("lat", Double.parseDouble(place[3]));
        geo.put("lon", Double.parseDouble(place[4]));
    }

    private static void localIp(ObjectNode local, String address) {
        local.put(address.indexOf(':') >= 0 ? "ipAddressV6" : "ipAddressV4", address);
    }

    private static void port(ObjectNode node, int port, String name) {
        node.put("port", port);
        node.put("portName", name);
    }
}
