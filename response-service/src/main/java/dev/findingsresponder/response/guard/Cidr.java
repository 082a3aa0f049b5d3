package dev.findingsresponder.response.guard;

import java.util.Optional;

/**
 * An address with a prefix length, e.g. {@code 10.0.0.0/8}; a bare address is its own /32 or /128.
 *
 * @param network the address as written (host bits are not required to be zero)
 * @param prefix  prefix length, 0-32 for IPv4, 0-128 for IPv6
 * @param text    the text it was read from
 */
record Cidr(IpLiteral network, int prefix, String text) {

    /** The CIDR, or empty when {@code text} is not an address with an optional decimal prefix length. */
    static Optional<Cidr> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        Optional<IpLiteral> ip = IpLiteral.parse(address);
        if (ip.isEmpty()) {
            return Optional.empty();
        }
        if (slash < 0) {
            return Optional.of(new Cidr(ip.get(), ip.get().bits(), text));
        }
        int prefix = IpLiteral.decimal(text.substring(slash + 1), ip.get().bits());
        return prefix < 0 ? Optional.empty() : Optional.of(new Cidr(ip.get(), prefix, text));
    }

    /** A CIDR known to be valid (the guardrails' own tables). */
    static Cidr of(String text) {
        return parse(text).orElseThrow(() -> new IllegalArgumentException("not a CIDR: " + text));
    }

    boolean contains(IpLiteral address) {
        return address.matches(network, prefix);
    }

    /** True when this names exactly one address. */
    boolean isSingleAddress() {
        return prefix == network.bits();
    }
}
