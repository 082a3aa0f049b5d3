package dev.findingsresponder.triage.policy;

/**
 * Strict parsing of IPv4 and IPv6 literals without DNS and without allocation (unlike
 * {@code InetAddress.getByName}, which resolves anything that is not a literal).
 */
final class IpAddresses {

    private IpAddresses() {
    }

    /** The address as an unsigned 32-bit value, or -1 when {@code s[from, to)} is not a dotted quad. */
    static long parseV4(CharSequence s, int from, int to) {
        long value = 0;
        int octets = 0;
        int i = from;
        while (i < to) {
            int start = i;
            int octet = 0;
            while (i < to && i - start < 4 && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                octet = octet * 10 + (s.charAt(i) - '0');
                i++;
            }
            int digits = i - start;
            boolean leadingZero = digits > 1 && s.charAt(start) == '0';
            if (digits == 0 || digits > 3 || leadingZero || octet > 255 || ++octets > 4) {
                return -1;
            }
            value = (value << 8) | octet;
            if (i < to) {
                if (s.charAt(i) != '.' || i == to - 1) {
                    return -1;
                }
                i++;
            }
        }
        return octets == 4 ? value : -1;
    }

    static long parseV4(CharSequence s) {
        return parseV4(s, 0, s.length());
    }

    /**
     * Parses an IPv6 literal ({@code ::} compression and a dotted IPv4 tail allowed, no zone id) into
     * {@code out[0]} (high 64 bits) and {@code out[1]} (low 64 bits).
     */
    static boolean parseV6(CharSequence s, int from, int to, long[] out) {
        int n = to - from;
        if (n < 2 || n > 45) {
            return false;
        }
        int[] groups = new int[8];
        int count = 0;
        int gapAt = -1;
        int i = from;
        if (s.charAt(i) == ':') {
            if (s.charAt(i + 1) != ':') {
                return false;
            }
            gapAt = 0;
            i += 2;
        }
        while (i < to) {
            int start = i;
            int group = 0;
            while (i < to && hex(s.charAt(i)) >= 0 && i - start < 5) {
                group = group * 16 + hex(s.charAt(i));
                i++;
            }
            if (i < to && s.charAt(i) == '.') {
                long v4 = count <= 6 ? parseV4(s, start, to) : -1;
                if (v4 < 0) {
                    return false;
                }
                groups[count++] = (int) (v4 >>> 16);
                groups[count++] = (int) (v4 & 0xFFFF);
                break;
            }
            if (i == start || i - start > 4 || count == 8) {
                return false;
            }
            groups[count++] = group;
            if (i == to) {
                break;
            }
            if (s.charAt(i) != ':' || i == to - 1) {
                return false;
            }
            i++;
            if (s.charAt(i) == ':') {
                if (gapAt >= 0) {
                    return false;
                }
                gapAt = count;
                i++;
            }
        }
        if (gapAt < 0 ? count != 8 : count > 7) {
            return false;
        }
        long hi = 0;
        long lo = 0;
        int tail = gapAt < 0 ? 0 : count - gapAt;
        for (int pos = 0; pos < 8; pos++) {
            int group;
            if (gapAt < 0 || pos < gapAt) {
                group = groups[pos];
            } else if (pos >= 8 - tail) {
                group = groups[gapAt + pos - (8 - tail)];
            } else {
                group = 0;
            }
            if (pos < 4) {
                hi = (hi << 16) | group;
            } else {
                lo = (lo << 16) | group;
            }
        }
        out[0] = hi;
        out[1] = lo;
        return true;
    }

    static boolean parseV6(CharSequence s, long[] out) {
        return parseV6(s, 0, s.length(), out);
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }

    /** {@code ::ffff:a.b.c.d}: an IPv4 address written as IPv6, matched as IPv4. */
    static boolean isV4Mapped(long hi, long lo) {
        return hi == 0 && (lo >>> 32) == 0xFFFFL;
    }
}
