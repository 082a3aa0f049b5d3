package dev.findingsresponder.response.action;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * One host address to block, parsed from its literal text only (never a DNS lookup), with the canonical
 * host CIDR written to AWS ({@code a.b.c.d/32}, or {@code /128} in RFC 5952 form for IPv6).
 *
 * <p>Addresses are compared by value, never by text: AWS and moto hand back what was written, so
 * {@code 2001:DB8::1/128} and {@code 2001:db8:0:0::1/128} are the same block. An IPv4-mapped IPv6 address
 * ({@code ::ffff:a.b.c.d}) is the IPv4 address.
 *
 * @param v6 true for IPv6
 * @param hi upper 64 bits of an IPv6 address, 0 for IPv4
 * @param lo lower 64 bits of an IPv6 address, or the IPv4 address as an unsigned 32-bit value
 */
record BlockAddress(boolean v6, long hi, long lo) {

    private static final String V4 = "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}";

    /** The address in {@code text} (a bare address, or one with its host prefix /32 or /128), if it is one. */
    static Optional<BlockAddress> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String trimmed = text.trim();
        return trimmed.contains("/")
                ? Cidr.parse(trimmed).filter(Cidr::isHost).map(Cidr::network)
                : literal(trimmed);
    }

    int bits() {
        return v6 ? 128 : 32;
    }

    /** The host CIDR AWS is given: {@code 203.0.113.7/32}, {@code 2001:db8::7/128}. */
    String cidr() {
        return this + "/" + bits();
    }

    /** IPv4 dotted quad, IPv6 in RFC 5952 form (lower case, longest run of zero words as {@code ::}). */
    @Override
    public String toString() {
        if (!v6) {
            return (lo >>> 24) + "." + ((lo >>> 16) & 0xff) + "." + ((lo >>> 8) & 0xff) + "." + (lo & 0xff);
        }
        int[] words = new int[8];
        for (int i = 0; i < 8; i++) {
            words[i] = (int) (((i < 4 ? hi : lo) >>> (48 - 16 * (i % 4))) & 0xffff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; i++) {
            int j = i;
            while (j < 8 && words[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = Math.max(i, j);
        }
        StringBuilder text = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(words[i]));
        }
        return text.toString();
    }

    /**
     * A CIDR block as AWS returns it in NACL entries and IP sets.
     *
     * @param network the address with its host bits cleared
     * @param prefix  prefix length
     */
    record Cidr(BlockAddress network, int prefix) {

        /** The block in {@code text} ({@code address/prefix}), or empty when it is not one. */
        static Optional<Cidr> parse(String text) {
            if (text == null) {
                return Optional.empty();
            }
            int slash = text.indexOf('/');
            if (slash < 0) {
                return Optional.empty();
            }
            Optional<BlockAddress> address = literal(text.substring(0, slash));
            if (address.isEmpty()) {
                return Optional.empty();
            }
            String length = text.substring(slash + 1);
            int bits = address.get().bits();
            if (!length.matches("\\d{1,3}") || Integer.parseInt(length) > bits) {
                return Optional.empty();
            }
            int prefix = Integer.parseInt(length);
            return Optional.of(new Cidr(mask(address.get(), prefix), prefix));
        }

        boolean isHost() {
            return prefix == network.bits();
        }

        /** Whether this block is exactly the host address {@code address}. */
        boolean isHost(BlockAddress address) {
            return isHost() && network.equals(address);
        }

        /** Whether {@code address} lies inside this block (same IP version). */
        boolean contains(BlockAddress address) {
            return address.v6() == network.v6() && mask(address, prefix).equals(network);
        }

        private static BlockAddress mask(BlockAddress a, int prefix) {
            if (!a.v6()) {
                long mask = prefix == 0 ? 0 : (0xffffffffL << (32 - prefix)) & 0xffffffffL;
                return new BlockAddress(false, 0, a.lo() & mask);
            }
            long hiMask = prefix >= 64 ? -1L : prefix == 0 ? 0 : -1L << (64 - prefix);
            long loMask = prefix <= 64 ? 0 : prefix == 128 ? -1L : -1L << (128 - prefix);
            return new BlockAddress(true, a.hi() & hiMask, a.lo() & loMask);
        }
    }

    /** Parses a literal without name resolution: IPv4 by pattern, IPv6 only from hex digits, colons and dots. */
    private static Optional<BlockAddress> literal(String text) {
        if (text.matches(V4)) {
            String[] octets = text.split("\\.");
            long value = 0;
            for (String octet : octets) {
                value = (value << 8) | Integer.parseInt(octet);
            }
            return Optional.of(new BlockAddress(false, 0, value));
        }
        // a string with ':' that starts with a hex digit or ':' is parsed by InetAddress as a literal, never resolved
        if (text.length() > 45 || !text.contains(":") || !text.matches("[0-9A-Fa-f:][0-9A-Fa-f:.]*")) {
            return Optional.empty();
        }
        try {
            InetAddress address = InetAddress.getByName(text);
            byte[] b = address.getAddress();
            if (address instanceof Inet4Address) {
                return Optional.of(new BlockAddress(false, 0, toLong(b, 0, 4)));
            }
            return Optional.of(new BlockAddress(true, toLong(b, 0, 8), toLong(b, 8, 8)));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static long toLong(byte[] bytes, int from, int count) {
        long value = 0;
        for (int i = from; i < from + count; i++) {
            value = (value << 8) | (bytes[i] & 0xff);
        }
        return value;
    }
}
