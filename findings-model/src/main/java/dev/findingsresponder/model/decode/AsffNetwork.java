package dev.findingsresponder.model.decode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.findingsresponder.model.Direction;
import dev.findingsresponder.model.Finding.NetworkIndicator;
import dev.findingsresponder.model.IndicatorKind;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Network indicators of an ASFF finding, from (in this order, without repeating an address): {@code Action}
 * (PascalCase GuardDuty action model), for GuardDuty findings without {@code Action} the GuardDuty action
 * flattened into {@code ProductFields} ({@code aws/guardduty/service/action/...} or legacy {@code action/...}; list
 * entries as {@code /N/} or as AWS writes them, {@code name.N_/...}), then the {@code Network} object (flow and
 * {@code OpenPortRange}).
 */
final class AsffNetwork {

    private static final String ACTION = "action/";
    private static final int MAX_INDEX = 1000;
    /** AWS's flattening of list entries: {@code portProbeDetails.0_/...} stands for {@code portProbeDetails/0/...}. */
    private static final Pattern DOT_INDEX = Pattern.compile("\\.(\\d{1,4})_(?=/|$)");

    private AsffNetwork() {
    }

    static void extract(JsonNode f, JsonNode pf, boolean guardDuty, JPath at, List<NetworkIndicator> out) {
        JsonNode action = Json.obj(f, "Action", at);
        if (action != null) {
            NetworkActions.extract(action, ActionKeys.PASCAL, at.field("Action"), out);
        } else if (guardDuty && pf != null) {
            ObjectNode flat = unflattenAction(pf);
            if (flat != null) {
                NetworkActions.extract(flat, ActionKeys.CAMEL, at.field("ProductFields"), out);
            }
        }
        JsonNode net = Json.obj(f, "Network", at);
        if (net != null) {
            flow(net, out);
        }
    }

    private static void flow(JsonNode net, List<NetworkIndicator> out) {
        Direction dir = NetworkActions.direction(Json.text(net, "Direction"));
        boolean outbound = dir == Direction.OUTBOUND;
        String remote = outbound ? "Destination" : "Source";
        String local = outbound ? "Source" : "Destination";
        String protocol = Json.text(net, "Protocol");
        Integer remotePort = Json.port(net, remote + "Port");
        Integer localPort = Json.port(net, local + "Port");
        String localIp = Arns.firstNonBlank(Json.text(net, local + "IpV4"), Json.text(net, local + "IpV6"));
        String domain = Json.text(net, remote + "Domain");
        boolean added = false;
        for (String v : new String[] {"IpV4", "IpV6"}) {
            String ip = Json.text(net, remote + v);
            if (ip != null && !known(out, ip)) {
                out.add(new NetworkIndicator(IndicatorKind.NETWORK_FLOW, dir, ip, IpAddresses.version(ip), remotePort,
                        localIp, localPort, null, protocol, null, null, null, null, null, domain, null));
                added = true;
            }
        }
        if (!added && domain != null && Json.text(net, remote + "IpV4") == null) {
            out.add(new NetworkIndicator(IndicatorKind.NETWORK_FLOW, dir, null, null, remotePort, localIp, localPort,
                    null, protocol, null, null, null, null, null, domain, null));
        }
        JsonNode range = Json.objOrNull(net, "OpenPortRange");
        if (range != null) {
            out.add(new NetworkIndicator(IndicatorKind.NETWORK_REACHABILITY, Direction.INBOUND, null, null, null, null,
                    Json.port(range, "Begin"), Json.port(range, "End"), protocol, null, null, null, null, null,
                    null, null));
        }
    }

    private static boolean known(List<NetworkIndicator> out, String ip) {
        for (NetworkIndicator n : out) {
            if (ip.equals(n.remoteIp())) {
                return true;
            }
        }
        return false;
    }

    /** Rebuilds the {@code action} object from flattened ProductFields keys; {@code null} if there are none. */
    static ObjectNode unflattenAction(JsonNode pf) {
        ObjectNode root = null;
        for (Map.Entry<String, JsonNode> e : pf.properties()) {
            String key = e.getKey();
            int start = key.startsWith(AsffDecoder.GD_PREFIX) ? AsffDecoder.GD_PREFIX.length() : 0;
            if (!key.startsWith(ACTION, start)) {
                continue;
            }
            if (root == null) {
                root = JsonNodeFactory.instance.objectNode();
            }
            insert(root, slashIndexes(key), start + ACTION.length(), e.getValue());
        }
        return root;
    }

    /** {@code a.N_/b} becomes {@code a/N/b} (same length before the index, so offsets into the key still hold). */
    static String slashIndexes(String key) {
        return key.indexOf('_') < 0 ? key : DOT_INDEX.matcher(key).replaceAll("/$1");
    }

    private static void insert(ObjectNode root, String key, int from, JsonNode value) {
        JsonNode cur = root;
        int pos = from;
        while (pos <= key.length()) {
            int slash = key.indexOf('/', pos);
            String seg = slash < 0 ? key.substring(pos) : key.substring(pos, slash);
            if (seg.isEmpty()) {
                return;
            }
            if (slash < 0) {
                set(cur, seg, value);
                return;
            }
            int nextSlash = key.indexOf('/', slash + 1);
            String next = nextSlash < 0 ? key.substring(slash + 1) : key.substring(slash + 1, nextSlash);
            JsonNode child = get(cur, seg);
            if (child == null || child.isNull()) {
                child = index(next) >= 0 ? JsonNodeFactory.instance.arrayNode() : JsonNodeFactory.instance.objectNode();
                if (!set(cur, seg, child)) {
                    return;
                }
            } else if (!child.isContainerNode()) {
                return;
            }
            cur = child;
            pos = slash + 1;
        }
    }

    private static JsonNode get(JsonNode container, String seg) {
        if (container.isArray()) {
            int i = index(seg);
            return i >= 0 ? container.get(i) : null;
        }
        return container.get(seg);
    }

    private static boolean set(JsonNode container, String seg, JsonNode value) {
        if (container instanceof ObjectNode o) {
            o.set(seg, value);
            return true;
        }
        int i = index(seg);
        if (i < 0 || !(container instanceof ArrayNode a)) {
            return false;
        }
        while (a.size() <= i) {
            a.addNull();
        }
        a.set(i, value);
        return true;
    }

    private static int index(String seg) {
        if (seg.isEmpty() || seg.length() > 4) {
            return -1;
        }
        int v = 0;
        for (int i = 0; i < seg.length(); i++) {
            char c = seg.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v <= MAX_INDEX ? v : -1;
    }
}
