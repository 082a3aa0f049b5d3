package dev.findingsresponder.triage.policy;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A set of IPv4 and IPv6 networks (CIDRs or single addresses) parsed once into prefixes, so testing an
 * address is a few mask-and-compare operations. Serializes as the list of entries as written.
 */
public final class CidrMatcher {

    private final List<String> entries;
    private final int[] v4Net;
    private final int[] v4Mask;
    private final long[] v6Net;  // pairs: high, low
    private final long[] v6Mask; // pairs: high, low

    private CidrMatcher(List<String> entries, int[] v4Net, int[] v4Mask, long[] v6Net, long[] v6Mask) {
        this.entries = entries;
        this.v4Net = v4Net;
        this.v4Mask = v4Mask;
        this.v6Net = v6Net;
        this.v6Mask = v6Mask;
    }

    /**
     * Why {@code entry} is not a valid CIDR or address, or empty when it is; {@code where} names the list it
     * is in. Host bits set below the prefix ({@code 10.0.0.1/8}) are refused: they usually mean a typo.
     */
    public static Optional<String> problem(String entry, String where) {
        return parse(entry, where).problem;
    }

    /** The matcher of valid entries; throws {@link IllegalArgumentException} naming the first invalid one. */
    public static CidrMatcher of(List<String> entries) {
        List<Network> networks = new ArrayList<>();
        for (String entry : entries) {
            Network n = parse(entry, "the list");
            if (n.problem.isPresent()) {
                throw new IllegalArgumentException(n.problem.get());
            }
            networks.add(n);
        }
        List<Network> v4 = networks.stream().filter(n -> n.v4).toList();
        List<Network> v6 = networks.stream().filter(n -> !n.v4).toList();
        int[] v4Net = new int[v4.size()];
        int[] v4Mask = new int[v4.size()];
        for (int i = 0; i < v4.size(); i++) {
            v4Net[i] = (int) v4.get(i).lo;
            v4Mask[i] = (int) v4.get(i).maskLo;
        }
        long[] v6Net = new long[v6.size() * 2];
        long[] v6Mask = new long[v6.size() * 2];
        for (int i = 0; i < v6.size(); i++) {
            v6Net[2 * i] = v6.get(i).hi;
            v6Net[2 * i + 1] = v6.get(i).lo;
            v6Mask[2 * i] = v6.get(i).maskHi;
            v6Mask[2 * i + 1] = v6.get(i).maskLo;
        }
        return new CidrMatcher(List.copyOf(entries), v4Net, v4Mask, v6Net, v6Mask);
    }

    /** Whether an IPv4 or IPv6 literal is inside one of the networks; false for anything unparseable. */
    public boolean contains(String address) {
        if (address == null) {
            return false;
        }
        long v4 = IpAddresses.parseV4(address);
        if (v4 >= 0) {
            return containsV4((int) v4);
        }
        long[] v6 = new long[2];
        return IpAddresses.parseV6(address, v6) && containsV6(v6[0], v6[1]);
    }

    public boolean containsV4(int address) {
        for (int i = 0; i < v4Net.length; i++) {
            if ((address & v4Mask[i]) == v4Net[i]) {
                return true;
            }
        }
        return false;
    }

    /** IPv4-mapped addresses ({@code ::ffff:a.b.c.d}) are tested against the IPv4 networks. */
    public boolean containsV6(long hi, long lo) {
        if (IpAddresses.isV4Mapped(hi, lo)) {
            return containsV4((int) lo);
        }
        for (int i = 0; i < v6Net.length; i += 2) {
            if ((hi & v6Mask[i]) == v6Net[i] && (lo & v6Mask[i + 1]) == v6Net[i + 1]) {
                return true;
            }
        }
        return false;
    }

    /** The entries as written in the policy. */
    @JsonValue
    public List<String> entries() {
        return entries;
    }

    @Override
    public String toString() {
        return entries.toString();
    }

    private static Network parse(String entry, String where) {
        String text = entry == null ? "" : entry.trim();
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        boolean v4 = IpAddresses.parseV4(address) >= 0;
        long[] v6 = new long[2];
        if (!v4 && !IpAddresses.parseV6(address, v6)) {
            return Network.invalid((slash < 0 ? "invalid IP address '" : "invalid CIDR '") + entry + "' in " + where
                    + " (expected an IPv4 or IPv6 address or CIDR)");
        }
        int maxBits = v4 ? 32 : 128;
        int bits = maxBits;
        if (slash >= 0) {
            String len = text.substring(slash + 1);
            if (!len.matches("\\d{1,3}") || Integer.parseInt(len) > maxBits || len.length() > 1 && len.startsWith("0")) {
                return Network.invalid("invalid CIDR '" + entry + "' in " + where + ": prefix length must be 0-" + maxBits);
            }
            bits = Integer.parseInt(len);
        }
        long hi = v4 ? 0 : v6[0];
        long lo = v4 ? IpAddresses.parseV4(address) : v6[1];
        long maskHi = v4 ? 0 : prefixMask(Math.min(bits, 64));
        long maskLo = v4 ? prefixMask(bits + 32) & 0xFFFFFFFFL : prefixMask(Math.max(bits - 64, 0));
        if ((hi & ~maskHi) != 0 || (lo & ~maskLo) != 0) {
            return Network.invalid("invalid CIDR '" + entry + "' in " + where + ": address bits are set after the /"
                    + bits + " prefix");
        }
        if (!v4 && bits >= 96 && IpAddresses.isV4Mapped(hi, lo)) {
            // ::ffff:a.b.c.d/N is the IPv4 network a.b.c.d/(N-96): addresses in that form are tested as IPv4
            int v4Bits = bits - 96;
            return new Network(true, 0, lo & 0xFFFFFFFFL, 0, prefixMask(v4Bits + 32) & 0xFFFFFFFFL, Optional.empty());
        }
        return new Network(v4, hi, lo, maskHi, maskLo, Optional.empty());
    }

    /** A 64-bit mask with the top {@code bits} bits set. */
    private static long prefixMask(int bits) {
        return bits <= 0 ? 0L : bits >= 64 ? -1L : -1L << (64 - bits);
    }

    private record Network(boolean v4, long hi, long lo, long maskHi, long maskLo, Optional<String> problem) {
        static Network invalid(String problem) {
            return new Network(false, 0, 0, 0, 0, Optional.of(problem));
        }
    }
}
