package dev.findingsresponder.response.action;

import java.util.Optional;

/** The canonical host CIDR the blocking plug-ins write for an address, for code outside this package. */
public final class HostCidr {

    private HostCidr() {
    }

    /** {@code 203.0.113.7/32}, {@code 2001:db8::7/128}; empty when {@code address} is not one host address. */
    public static Optional<String> of(String address) {
        return BlockAddress.parse(address).map(BlockAddress::cidr);
    }
}
