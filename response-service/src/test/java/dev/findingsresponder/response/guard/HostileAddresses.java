package dev.findingsresponder.response.guard;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * Target addresses a blocking action must never reach AWS with: special-purpose ranges, /0, the configured own and
 * trusted ranges ({@link #OWN_CIDR}, {@link #TRUSTED_CIDRS}), private addresses hidden in IPv6 embeddings or odd
 * notations, and malformed or oversized text.
 */
public final class HostileAddresses {

    /** Own infrastructure in the hostile-input tests: a documentation range, which the fixed rules allow. */
    public static final String OWN_CIDR = "198.51.100.0/28";
    /** Trusted lists in the hostile-input tests. */
    public static final List<String> TRUSTED_CIDRS = List.of("203.0.113.200/29", "2001:db8:feed::/48");

    private HostileAddresses() {
    }

    /** Every address, each refused by the guardrails configured with {@link #OWN_CIDR} and {@link #TRUSTED_CIDRS}. */
    public static List<String> all() {
        List<String> all = new ArrayList<>(List.of(
                // special-purpose ranges and /0
                "0.0.0.0", "0.0.0.0/0", "::/0", "203.0.113.10/0", "2001:db8::/0", "::", "10.0.0.1", "10.255.255.255",
                "172.16.0.1", "172.31.255.254", "192.168.1.1", "100.64.0.1", "100.127.255.254", "127.0.0.1",
                "169.254.169.254", "fe80::1", "febf:ffff::1", "fc00::1", "fd00:ec2::254", "224.0.0.251",
                "239.255.255.250", "ff02::1", "255.255.255.255", "240.0.0.1",
                // own infrastructure and trusted lists
                "198.51.100.5", "198.51.100.5/32", "203.0.113.201", "2001:db8:feed::1", "2001:DB8:FEED:0::1/128",
                // private addresses inside IPv6 forms
                "::ffff:10.0.0.1", "::ffff:a00:1", "::FFFF:127.0.0.1", "::ffff:0:10.0.0.1", "::10.0.0.1",
                "64:ff9b::192.168.1.1", "2002:0a00:0001::1", "2002:c0a8:0101::1",
                "2001:0000:4136:e378:8000:63bf:f5ff:fffe", "2001:0:a00:1::1", "::ffff:198.51.100.5",
                // zone ids, leading zeros, decimal and hex forms, white space, brackets, non-ASCII digits
                "fe80::1%eth0", "fe80::1%25eth0", "2606:4700::1111%eth0", "010.0.0.1", "0010.0.0.1", "012.0.0.1",
                "167772161", "0x0a000001", "0xa.0.0.1", "10.1", "10.0.1", " 10.0.0.1", "10.0.0.1 ", "\t203.0.113.10\n",
                "203.0.113.10 ", "[::1]", "[2001:db8::1]", "\uFF11\uFF10.0.0.1", "10.0.0.1\u0000", "203.0.113.10\u200B",
                // ranges, malformed, host names
                "10.0.0.0/8", "203.0.113.0/24", "2001:db8::/64", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1.2.3.4/33",
                "1.2.3.4/-1", "1.2.3.4/032", "::1::1", "1:2:3:4:5:6:7:8:9", "not-an-ip", "evil.example.com",
                "localhost", "", " "));
        StringJoiner probeList = new StringJoiner(",");
        for (int i = 0; i < 5_000; i++) {
            probeList.add("10." + (i >> 8 & 0xff) + "." + (i & 0xff) + ".1");
        }
        all.add(probeList.toString());
        all.add("203.0.113.10".repeat(10_000));
        return all;
    }
}
