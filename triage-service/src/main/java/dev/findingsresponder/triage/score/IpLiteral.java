package dev.findingsresponder.triage.score;

/**
 * An IPv4 or IPv6 address parsed from its literal text only: no name resolution ever happens, so a
 * hostname is simply invalid (unlike {@code InetAddress.getByName}, which would resolve it).
 *
 * <p>IPv4 is {@code lo} (32 bits, {@code hi} is 0); IPv6 is {@code hi}/{@code lo} (upper/lower 64 bits).
 * IPv4 octets must be plain decimal without leading zeros ({@code 010} is octal to some parsers, so it is
 * rejected rather than guessed). IPv6 accepts {@code ::} compression and a dotted IPv4 tail; zone ids
 * ({@code %eth0}) and brackets are rejected. IPv4-mapped IPv6 ({@code ::ffff:a.b.c.d}) parses as IPv4.
 *
 * @param v4 true for IPv4 (including IPv4-mapped IPv6 input)
 * @param hi upper 64 bits of an IPv6 address, 0 for IPv4
 * @param lo lower 64 bits of an IPv6 address, or the IPv4 address as an unsigned 32-bit value
 */
public record IpLiteral(boolean v4, long hi, long lo) {

    private static final int MAX_V6_LENGTH = 45;
    private static final long MAPPED_V4_PREFIX = 0xffffL << 32;

    /** The address, or {@code null} when {@code text} is not an IPv4 or IPv6 literal. */
    public static IpLiteral parseOrNull(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        if (text.indexOf(':') >= 0) {
            return parseV6(text);
        }
        long v4 = parseV4(text, 0, text.length());
        return v4 < 0 ? null : new IpLiteral(true, 0, v4);
    }

    /** 32 for IPv4, 128 for IPv6. */
    public int bits() {
        return v4 ? 32 : 128;
    }

    /** This address with every bit after the first {@code prefix} bits cleared. */
    public IpLiteral masked(int prefix) {
        if (v4) {
            return new IpLiteral(true, 0, maskV4(lo, prefix));
        }
        if (prefix <= 64) {
            return new IpLiteral(false, hi & highBits(prefix), 0);
        }
        return new IpLiteral(false, hi, lo & highBits(prefix - 64));
    }

    static long maskV4(long address, int prefix) {
        return prefix == 0 ? 0 : address & (0xffffffffL << (32 - prefix)) & 0xffffffffL;
    }

    static long highBits(int count) {
        return count == 0 ? 0 : -1L << (64 - count);
    }

    /** IPv4 in {@code [from, to)} of {@code s} as an unsigned value, or -1. */
    static long parseV4(String s, int from, int to) {
        long address = 0;
        int octets = 0;
        int i = from;
        while (true) {
            int start = i;
            int value = 0;
            while (i < to && i - start < 4) {
                char c = s.charAt(i);
                if (c < '0' || c > '9') {
                    break;
                }
                value = value * 10 + (c - '0');
                i++;
            }
            int digits = i - start;
            if (digits == 0 || digits > 3 || value > 255 || (digits > 1 && s.charAt(start) == '0')) {
                return -1;
            }
            address = (address << 8) | value;
            octets++;
            if (i == to) {
                return octets == 4 ? address : -1;
            }
            if (s.charAt(i) != '.' || octets == 4) {
                return -1;
            }
            i++;
        }
    }

    private static IpLiteral parseV6(String s) {
        int length = s.length();
        if (length > MAX_V6_LENGTH) {
            return null;
        }
        int[] words = new int[8];
        int compression = s.indexOf("::");
        int count;
        if (compression < 0) {
            count = parseWords(s, 0, length, words, 0, true);
            if (count != 8) {
                return null;
            }
        } else {
            if (s.indexOf("::", compression + 1) >= 0) {
                return null;
            }
            int head = parseWords(s, 0, compression, words, 0, false);
            int[] tailWords = new int[8];
            int tail = parseWords(s, compression + 2, length, tailWords, 0, true);
            if (head < 0 || tail < 0 || head + tail > 7) {
                return null;
            }
            System.arraycopy(tailWords, 0, words, 8 - tail, tail);
        }
        long hi = ((long) words[0] << 48) | ((long) words[1] << 32) | ((long) words[2] << 16) | words[3];
        long lo = ((long) words[4] << 48) | ((long) words[5] << 32) | ((long) words[6] << 16) | words[7];
        if (hi == 0 && (lo & 0xffffffff00000000L) == MAPPED_V4_PREFIX) {
            return new IpLiteral(true, 0, lo & 0xffffffffL);
        }
        return new IpLiteral(false, hi, lo);
    }

    /**
     * Colon-separated hex words of {@code s[from, to)} into {@code words} from {@code offset}; a dotted
     * IPv4 last piece counts as two words when {@code allowV4Tail}. An empty range is zero words.
     * Returns the number of words written, or -1 when malformed.
     */
    private static int parseWords(String s, int from, int to, int[] words, int offset, boolean allowV4Tail) {
        if (from == to) {
            return 0;
        }
        int count = 0;
        int i = from;
        while (true) {
            int start = i;
            int value = 0;
            while (i < to && s.charAt(i) != ':') {
                int digit = hexDigit(s.charAt(i));
                if (digit < 0 || i - start >= 4) {
                    return lastPieceAsV4(s, start, to, words, offset + count, allowV4Tail, count);
                }
                value = (value << 4) | digit;
                i++;
            }
            if (i == start || offset + count >= 8) {
                return -1;
            }
            words[offset + count++] = value;
            if (i == to) {
                return count;
            }
            i++; // skip ':'
            if (i == to) {
                return -1; // trailing single colon
            }
        }
    }

    /** ASCII hex only: {@code Character.digit} would also accept non-ASCII digits. */
    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    private static int lastPieceAsV4(String s, int start, int to, int[] words, int at, boolean allowed, int count) {
        if (!allowed || at > 6) {
            return -1;
        }
        long v4 = parseV4(s, start, to);
        if (v4 < 0) {
            return -1;
        }
        words[at] = (int) (v4 >>> 16);
        words[at + 1] = (int) (v4 & 0xffff);
        return count + 2;
    }

    /** Canonical text (IPv4 dotted, IPv6 as eight hex words without compression) for messages and tests. */
    @Override
    public String toString() {
        if (v4) {
            return (lo >>> 24) + "." + ((lo >>> 16) & 0xff) + "." + ((lo >>> 8) & 0xff) + "." + (lo & 0xff);
        }
        StringBuilder text = new StringBuilder(39);
        for (int word = 0; word < 8; word++) {
            long half = word < 4 ? hi : lo;
            int shift = 48 - 16 * (word % 4);
            if (word > 0) {
                text.append(':');
            }
            text.append(Long.toHexString((half >>> shift) & 0xffff));
        }
        return text.toString();
    }
}
