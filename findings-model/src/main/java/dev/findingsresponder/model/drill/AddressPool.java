package dev.findingsresponder.model.drill;

import java.math.BigInteger;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The attacker addresses a drill draws from: literals and CIDR blocks, IPv4 and IPv6. Parsing never touches DNS
 * (only literal-looking text reaches {@link InetAddress}). A draw picks an entry uniformly, then an address inside
 * it; IPv4 blocks of four addresses or more never yield their network or broadcast address.
 */
final class AddressPool {

    private static final String FORMS = "an IPv4 or IPv6 address or CIDR block (like 203.0.113.7, 198.51.100.0/24, "
            + "2001:db8::/64)";

    /** One entry: a network (host bits cleared) and its prefix length; a literal has the full length. */
    private record Block(BigInteger network, int prefix, int bits) {
    }

    private static final BigInteger LOW_64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private final List<Block> blocks;

    private AddressPool(List<Block> blocks) {
        this.blocks = blocks;
    }

    /** Parses every entry; the first malformed one is refused with its text and the accepted forms. */
    static AddressPool parse(List<String> entries) {
        List<Block> blocks = new ArrayList<>(entries.size());
        for (String entry : entries) {
            blocks.add(block(entry));
        }
        return new AddressPool(List.copyOf(blocks));
    }

    /** A random address of the pool, in canonical text (IPv6 compressed as RFC 5952 says). */
    String draw(RandomGenerator random) {
        Block b = blocks.get(blocks.size() == 1 ? 0 : random.nextInt(blocks.size()));
        int hostBits = b.bits() - b.prefix();
        BigInteger address = b.network();
        if (hostBits > 0) {
            BigInteger hostMask = BigInteger.ONE.shiftLeft(hostBits).subtract(BigInteger.ONE);
            boolean avoidEdges = b.bits() == 32 && hostBits >= 2;
            BigInteger host;
            do {
                host = BigInteger.valueOf(random.nextLong()).shiftLeft(64)
                        .or(BigInteger.valueOf(random.nextLong()).and(LOW_64)).and(hostMask);
            } while (avoidEdges && (host.signum() == 0 || host.equals(hostMask)));
            address = address.or(host);
        }
        return b.bits() == 32 ? formatV4(address.intValue()) : formatV6(address);
    }

    private static Block block(String entry) {
        String text = entry == null ? "" : entry.trim();
        if (text.isEmpty()) {
            throw new InvalidDrillSpecException("empty entry in addresses; each must be " + FORMS);
        }
        int slash = text.indexOf('/');
        String literal = slash < 0 ? text : text.substring(0, slash);
        boolean v6 = literal.indexOf(':') >= 0;
        int bits = v6 ? 128 : 32;
        BigInteger address = v6 ? parseV6(literal, text) : parseV4(literal, text);
        int prefix = bits;
        if (slash >= 0) {
            String length = text.substring(slash + 1);
            if (!length.matches("\\d{1,3}") || Integer.parseInt(length) > bits) {
                throw new InvalidDrillSpecException("address '" + entry + "': prefix length /" + length
                        + " is not valid for IPv" + (v6 ? 6 : 4) + " (0-" + bits + ")");
            }
            prefix = Integer.parseInt(length);
        }
        // 198.51.100.7/24 means the block 198.51.100.0/24: clear the host bits rather than refuse it
        BigInteger mask = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
                .shiftRight(prefix).xor(BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE));
        return new Block(address.and(mask), prefix, bits);
    }

    private static BigInteger parseV4(String literal, String entry) {
        String[] parts = literal.split("\\.", -1);
        if (parts.length != 4) {
            throw malformed(entry);
        }
        long value = 0;
        for (String part : parts) {
            if (!part.matches("\\d{1,3}") || Integer.parseInt(part) > 255) {
                throw malformed(entry);
            }
            value = value << 8 | Integer.parseInt(part);
        }
        return BigInteger.valueOf(value);
    }

    private static BigInteger parseV6(String literal, String entry) {
        // only hex digits, colons and dots reach InetAddress, so it parses a literal and never asks DNS
        if (!literal.matches("[0-9A-Fa-f:.]+")) {
            throw malformed(entry);
        }
        InetAddress parsed;
        try {
            parsed = InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw malformed(entry);
        }
        if (!(parsed instanceof Inet6Address)) {
            throw new InvalidDrillSpecException("address '" + entry
                    + "' is an IPv4-mapped IPv6 address; give the IPv4 address instead");
        }
        return new BigInteger(1, parsed.getAddress());
    }

    private static InvalidDrillSpecException malformed(String entry) {
        return new InvalidDrillSpecException("address '" + entry + "' is not " + FORMS);
    }

    static String formatV4(int v) {
        return (v >>> 24) + "." + (v >>> 16 & 0xff) + "." + (v >>> 8 & 0xff) + "." + (v & 0xff);
    }

    /** RFC 5952 text: lower case, no leading zeros, the longest run of two or more zero groups as {@code ::}. */
    static String formatV6(BigInteger v) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[7 - i] = v.shiftRight(16 * i).intValue() & 0xffff;
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; i++) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = Math.max(i, j);
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (!text.isEmpty() && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }
}
