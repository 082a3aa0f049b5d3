package dev.findingsresponder.triage.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CidrMatcherTest {

    private static final CidrMatcher NETWORKS = CidrMatcher.of(List.of(
            "203.0.113.0/24", "198.51.100.7", "10.0.0.0/8", "2001:db8:abcd::/48", "2001:db8::1", "fe80::/10"));

    @ParameterizedTest(name = "{0} inside = {1}")
    @CsvSource({
            "203.0.113.0, true", "203.0.113.255, true", "203.0.114.0, false", "203.0.112.255, false",
            "198.51.100.7, true", "198.51.100.8, false",
            "10.255.255.255, true", "11.0.0.0, false",
            "2001:db8:abcd::1, true", "2001:db8:abcd:ffff:ffff:ffff:ffff:ffff, true", "2001:db8:abce::, false",
            "2001:db8::1, true", "2001:db8::2, false", "2001:0db8:0000:0000:0000:0000:0000:0001, true",
            "FE80::1, true", "fec0::1, false",
            "::ffff:203.0.113.9, true", "::ffff:204.0.113.9, false",
            "1.23.456.789, false", "not-an-ip, false", "'', false"})
    void matchesAddressesInsideTheNetworks(String address, boolean inside) {
        assertThat(NETWORKS.contains(address)).isEqualTo(inside);
    }

    @Test
    void zeroPrefixMatchesEveryAddressOfItsVersionOnly() {
        CidrMatcher anyV4 = CidrMatcher.of(List.of("0.0.0.0/0"));
        assertThat(anyV4.contains("255.255.255.255")).isTrue();
        assertThat(anyV4.contains("2001:db8::1")).isFalse();
        CidrMatcher anyV6 = CidrMatcher.of(List.of("::/0"));
        assertThat(anyV6.contains("2001:db8::1")).isTrue();
        assertThat(anyV6.contains("8.8.8.8")).isFalse();
    }

    @Test
    void prefixesAcrossTheSixtyFourBitBoundary() {
        CidrMatcher m = CidrMatcher.of(List.of("2001:db8:0:1:8000::/65", "2001:db8::/32"));
        assertThat(m.contains("2001:db8:0:1:8000::5")).isTrue();
        assertThat(m.contains("2001:db9::")).isFalse();
        CidrMatcher host = CidrMatcher.of(List.of("2001:db8::7/128"));
        assertThat(host.contains("2001:db8::7")).isTrue();
        assertThat(host.contains("2001:db8::6")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.2.3.4", "0.0.0.0/0", "255.255.255.255/32", "::", "::1", "1::", "::/0",
            "2001:db8::/32", "2001:db8:0:0:0:0:2:1", "::ffff:192.0.2.1", "64:ff9b::192.0.2.33", "1:2:3:4:5:6:7::"})
    void acceptsValidEntries(String entry) {
        assertThat(CidrMatcher.problem(entry, "remote-ip")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.2.3", "1.2.3.4.5", "01.2.3.4", "256.1.1.1", "1.2.3.4/", "1.2.3.4/33", "1.2.3.4/08",
            "1.2.3.0/-1", ":::", "1:::2", "1::2::3", "2001:db8:0:0:0:0:0:0:1", "12345::", "2001:db8::/129", "1:2:3:4:5:6:7:8::",
            "fe80::1%eth0", "2001:db8::g", "::1.2.3", ":1::", "1:", "host.example.com", "١.٢.٣.٤", "1.2.3.4/24"})
    void refusesInvalidEntries(String entry) {
        assertThat(CidrMatcher.problem(entry, "remote-ip")).isPresent();
        assertThatThrownBy(() -> CidrMatcher.of(List.of(entry))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anEntryInIpv4MappedFormIsTheIpv4NetworkForEitherSpellingOfAnAddress() {
        CidrMatcher scanner = CidrMatcher.of(List.of("::ffff:198.51.100.240/124", "::ffff:c633:64f0"));

        assertThat(scanner.contains("198.51.100.241")).isTrue();
        assertThat(scanner.contains("::ffff:198.51.100.255")).isTrue();
        assertThat(scanner.contains("198.51.100.239")).isFalse();
        assertThat(scanner.contains("198.51.100.240")).isTrue();
        assertThat(scanner.contains("2001:db8::1")).isFalse();
    }

    @Test
    void serializesAsTheEntriesAsWritten() throws Exception {
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(NETWORKS))
                .isEqualTo("[\"203.0.113.0/24\",\"198.51.100.7\",\"10.0.0.0/8\",\"2001:db8:abcd::/48\","
                        + "\"2001:db8::1\",\"fe80::/10\"]");
    }
}
