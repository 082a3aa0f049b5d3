package dev.findingsresponder.model.decode;

import java.util.List;

/**
 * Cheap address classification used to split a resource's addresses into public and private lists.
 * Not a validator: malformed addresses are kept as given (guardrails downstream decide what is blockable).
 */
final class IpAddresses {

    private IpAddresses() {
    }

    /** 6 if the text contains ':', 4 if it contains '.', else {@code null}. */
    static Integer version(String ip) {
        if (ip == null) {
            return null;
        }
        if (ip.indexOf(':') >= 0) {
            return 6;
        }
        return ip.indexOf('.') >= 0 ? 4 : null;
    }

    /**
     * True for RFC 1918, loopback, link-local, CGNAT (100.64/10), 0.0.0.0/8, IPv6 ULA (fc00::/7),
     * IPv6 link-local (fe80::/10) and ::1.
     */
    static boolean isPrivate(String ip) {
        if (ip == null || ip.isEmpty()) {
            return false;
        }
        if (ip.indexOf(':') >= 0) {
            String lower = ip.length() >= 4 ? ip.substring(0, 4).toLowerCase() : ip.toLowerCase();
            return ip.equals("::1") || lower.startsWith("fc") || lower.startsWith("fd")
                    || lower.startsWith("fe8") || lower.startsWith("fe9") || lower.startsWith("fea")
                    || lower.startsWith("feb");
        }
        int dot1 = ip.indexOf('.');
        if (dot1 <= 0) {
            return false;
        }
        int dot2 = ip.indexOf('.', dot1 + 1);
        int a = octet(ip, 0, dot1);
        int b = dot2 > dot1 ? octet(ip, dot1 + 1, dot2) : -1;
        if (a < 0) {
            return false;
        }
        return a == 10 || a == 127 || a == 0
                || (a == 172 && b >= 16 && b <= 31)
                || (a == 192 && b == 168)
                || (a == 169 && b == 254)
                || (a == 100 && b >= 64 && b <= 127);
    }

    private static int octet(String s, int from, int to) {
        if (to - from < 1 || to - from > 3) {
            return -1;
        }
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** Adds {@code ip} to the private or public list (no duplicates). */
    static void classify(String ip, List<String> publicIps, List<String> privateIps) {
        if (ip == null) {
            return;
        }
        List<String> target = isPrivate(ip) ? privateIps : publicIps;
        if (!target.contains(ip)) {
            target.add(ip);
        }
    }
}
