package dev.findingsresponder.triage.score;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class CidrSetTest {

    private static CidrSet set(String... lines) {
        CidrSet.ParseResult result = CidrSet.parse("test", List.of(lines));
        assertThat(result.errors()).isEmpty();
        return result.set();
    }

    @Test
    void matchesIpv4AddressesAndBlocks() {
        CidrSet set = set("# threat list", "", "203.0.113.9", "198.51.100.0/24   tor exits", "  10.0.0.0/8#rfc1918");

        assertThat(set.size()).isEqualTo(3);
        assertThat(set.match("203.0.113.9")).contains("203.0.113.9");
        assertThat(set.match("203.0.113.10")).isEmpty();
        assertThat(set.match("198.51.100.255")).contains("198.51.100.0/24");
        assertThat(set.match("198.51.101.0")).isEmpty();
        assertThat(set.match("10.200.3.4")).contains("10.0.0.0/8");
        assertThat(set.match(" 10.200.3.4 ")).contains("10.0.0.0/8");
    }

    @Test
    void matchesIpv6AddressesAndBlocks() {
        CidrSet set = set("2001:db8::/32", "2001:db8:aaaa::1", "fe80::/10", "2a00:1450:4001:82a::/64");

        assertThat(set.match("2001:db8:1::1")).contains("2001:db8::/32");
        assertThat(set.match("2001:DB8:AAAA:0:0:0:0:1")).contains("2001:db8:aaaa::1");
        assertThat(set.match("febf:ffff::1")).contains("fe80::/10");
        assertThat(set.match("fec0::1")).isEmpty();
        assertThat(set.match("2a00:1450:4001:82a:ffff:ffff:ffff:ffff")).contains("2a00:1450:4001:82a::/64");
        assertThat(set.match("2a00:1450:4001:82b::")).isEmpty();
        assertThat(set.match("2001:db9::1")).isEmpty();
    }

    @Test
    void ipv4MappedIpv6MatchesIpv4EntriesBothWays() {
        CidrSet set = set("192.0.2.0/24", "::ffff:198.51.100.0/120", "::ffff:203.0.113.7");

        assertThat(set.match("::ffff:192.0.2.44")).contains("192.0.2.0/24");
        assertThat(set.match("::ffff:c000:022c")).contains("192.0.2.0/24");
        assertThat(set.match("198.51.100.3")).contains("::ffff:198.51.100.0/120");
        assertThat(set.match("203.0.113.7")).contains("::ffff:203.0.113.7");
        assertThat(set.match("::192.0.2.44")).as("IPv4-compatible form is not mapped").isEmpty();
    }

    @Test
    void mostSpecificEntryWins() {
        CidrSet set = set("10.0.0.0/8", "10.1.0.0/16", "10.1.2.0/24", "10.1.2.3", "2001:db8::/32",
                "2001:db8:1::/48", "2001:db8:1:2:3::/80");

        assertThat(set.match("10.1.2.3")).contains("10.1.2.3");
        assertThat(set.match("10.1.2.4")).contains("10.1.2.0/24");
        assertThat(set.match("10.1.3.4")).contains("10.1.0.0/16");
        assertThat(set.match("10.2.3.4")).contains("10.0.0.0/8");
        assertThat(set.match("2001:db8:1:2:3:4::")).contains("2001:db8:1:2:3::/80");
        assertThat(set.match("2001:db8:1:9::")).contains("2001:db8:1::/48");
        assertThat(set.match("2001:db8:2::")).contains("2001:db8::/32");
    }

    @Test
    void hostBitsAreMaskedAndDuplicatesCountOnce() {
        CidrSet set = set("10.1.2.3/24", "10.1.2.0/24", "2001:db8::1/32");

        assertThat(set.size()).isEqualTo(2);
        assertThat(set.match("10.1.2.200")).contains("10.1.2.3/24");
        assertThat(set.match("2001:db8:ffff::")).contains("2001:db8::1/32");
    }

    @Test
    void invalidLinesAreReportedWithLineNumbers() {
        CidrSet.ParseResult result = CidrSet.parse("tor.txt", List.of(
                "# header",
                "203.0.113.9",
                "1.23.456.789",
                "10.0.0.0/33",
                "2001:db8::/129",
                "10.0.0.0/",
                "10.0.0.0/x",
                "::ffff:10.0.0.0/64",
                "198.51.100.1"));

        assertThat(result.set().size()).isEqualTo(2);
        assertThat(result.errors()).containsExactly(
                "tor.txt line 3: '1.23.456.789': not an IPv4 or IPv6 address or CIDR",
                "tor.txt line 4: '10.0.0.0/33': prefix length must be a number from 1 to 32",
                "tor.txt line 5: '2001:db8::/129': prefix length must be a number from 1 to 128",
                "tor.txt line 6: '10.0.0.0/': prefix length must be a number from 1 to 32",
                "tor.txt line 7: '10.0.0.0/x': prefix length must be a number from 1 to 32",
                "tor.txt line 8: '::ffff:10.0.0.0/64': IPv4-mapped IPv6 block must be /96 or longer");
    }

    @Test
    void slashZeroIsRejected() {
        CidrSet.ParseResult result = CidrSet.parse("bad", List.of("0.0.0.0/0", "::/0", "10.0.0.0/0",
                "::ffff:0.0.0.0/96"));

        assertThat(result.set().isEmpty()).isTrue();
        assertThat(result.errors()).hasSize(4).allSatisfy(error -> assertThat(error).contains("/0 block"));
        assertThat(result.set().match("1.2.3.4")).isEmpty();
    }

    @Test
    void hostnamesAreRejectedAndNeverResolved() {
        CidrSet.ParseResult result = CidrSet.parse("names", List.of("localhost", "example.com", "127.0.0.0/8"));

        assertThat(result.errors()).containsExactly(
                "names line 1: 'localhost': not an IPv4 or IPv6 address or CIDR",
                "names line 2: 'example.com': not an IPv4 or IPv6 address or CIDR");
        // Were "localhost" resolved (InetAddress.getByName), it would become 127.0.0.1 and match.
        assertThat(result.set().match("localhost")).isEmpty();
        assertThat(result.set().match("127.0.0.1")).contains("127.0.0.0/8");
    }

    @Test
    void errorListIsCappedButCountsTheRest() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            lines.add("bad" + i);
        }
        CidrSet.ParseResult result = CidrSet.parse("junk", lines);

        assertThat(result.errors()).hasSize(CidrSet.MAX_REPORTED_ERRORS + 1);
        assertThat(result.errors().getLast()).isEqualTo("junk: 50 more invalid lines not listed");
    }

    @Test
    void largeListsLoadAndMatchQuickly() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            lines.add(i % 2 == 0
                    ? "10." + (i >> 16 & 0xff) + "." + (i >> 8 & 0xff) + "." + (i & 0xff)
                    : "2001:" + Integer.toHexString(i >> 16) + ":" + Integer.toHexString(i & 0xffff) + "::/48");
        }
        lines.add("172.16.0.0/12");
        long start = System.nanoTime();
        CidrSet set = set(lines.toArray(String[]::new));
        for (int i = 0; i < 200_000; i++) {
            set.match("10.0." + (i >> 8 & 0xff) + "." + (i & 0xff));
        }
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(set.size()).isEqualTo(100_001);
        assertThat(set.match("10.0.1.2")).contains("10.0.1.2");
        assertThat(set.match("10.0.1.3")).isEmpty();
        assertThat(set.match("2001:0:3:ffff::1")).contains("2001:0:3::/48");
        assertThat(set.match("2001:1:869f::")).contains("2001:1:869f::/48");
        assertThat(set.match("172.31.255.255")).contains("172.16.0.0/12");
        assertThat(millis).as("parse 100k entries and 200k lookups").isLessThan(5_000);
    }
}
