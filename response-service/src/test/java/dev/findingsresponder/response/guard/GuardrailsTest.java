package dev.findingsresponder.response.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.findingsresponder.model.ActionRequest;
import dev.findingsresponder.model.Mode;

class GuardrailsTest {

    private final Guardrails guardrails = new Guardrails(GuardrailSettings.none());

    /** Every special-purpose range, at both edges, with the range the message must name. */
    static Stream<Arguments> refusedAddresses() {
        return Stream.of(
                Arguments.of("0.0.0.0", "0.0.0.0/8"),
                Arguments.of("0.255.255.255", "0.0.0.0/8"),
                Arguments.of("10.0.0.0", "private range 10.0.0.0/8 (RFC 1918)"),
                Arguments.of("10.255.255.255", "private range 10.0.0.0/8 (RFC 1918)"),
                Arguments.of("100.64.0.0", "100.64.0.0/10 (RFC 6598)"),
                Arguments.of("100.127.255.255", "100.64.0.0/10 (RFC 6598)"),
                Arguments.of("127.0.0.0", "loopback range 127.0.0.0/8"),
                Arguments.of("127.255.255.255", "loopback range 127.0.0.0/8"),
                Arguments.of("169.254.0.0", "169.254.0.0/16"),
                Arguments.of("169.254.169.254", "169.254.0.0/16"),
                Arguments.of("169.254.255.255", "169.254.0.0/16"),
                Arguments.of("172.16.0.0", "private range 172.16.0.0/12 (RFC 1918)"),
                Arguments.of("172.31.255.255", "private range 172.16.0.0/12 (RFC 1918)"),
                Arguments.of("192.0.0.0", "192.0.0.0/24 (RFC 6890)"),
                Arguments.of("192.0.0.255", "192.0.0.0/24 (RFC 6890)"),
                Arguments.of("192.88.99.0", "6to4 relay anycast range 192.88.99.0/24"),
                Arguments.of("192.88.99.255", "6to4 relay anycast range 192.88.99.0/24"),
                Arguments.of("100::", "discard-only range 100::/64"),
                Arguments.of("100::ffff:ffff:ffff:ffff", "discard-only range 100::/64"),
                Arguments.of("2001:2::", "benchmarking range 2001:2::/48"),
                Arguments.of("2001:2:0:ffff:ffff:ffff:ffff:ffff", "benchmarking range 2001:2::/48"),
                Arguments.of("2001:10::", "ORCHID range 2001:10::/28"),
                Arguments.of("2001:1f:ffff:ffff:ffff:ffff:ffff:ffff", "ORCHID range 2001:10::/28"),
                Arguments.of("2001:20::", "ORCHIDv2 range 2001:20::/28"),
                Arguments.of("2001:2f:ffff:ffff:ffff:ffff:ffff:ffff", "ORCHIDv2 range 2001:20::/28"),
                Arguments.of("3fff::", "documentation range 3fff::/20"),
                Arguments.of("3fff:fff:ffff:ffff:ffff:ffff:ffff:ffff", "documentation range 3fff::/20"),
                Arguments.of("fec0::", "site-local range fec0::/10"),
                Arguments.of("fec0::1", "site-local range fec0::/10"),
                Arguments.of("feff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "site-local range fec0::/10"),
                Arguments.of("192.168.0.0", "private range 192.168.0.0/16 (RFC 1918)"),
                Arguments.of("192.168.255.255", "private range 192.168.0.0/16 (RFC 1918)"),
                Arguments.of("198.18.0.0", "benchmarking range 198.18.0.0/15"),
                Arguments.of("198.19.255.255", "benchmarking range 198.18.0.0/15"),
                Arguments.of("224.0.0.0", "multicast range 224.0.0.0/4"),
                Arguments.of("239.255.255.255", "multicast range 224.0.0.0/4"),
                Arguments.of("240.0.0.0", "reserved range 240.0.0.0/4"),
                Arguments.of("255.255.255.254", "reserved range 240.0.0.0/4"),
                Arguments.of("255.255.255.255", "limited broadcast address 255.255.255.255/32"),
                Arguments.of("10.1.2.3/32", "private range 10.0.0.0/8"),
                Arguments.of("::", "unspecified address ::/128"),
                Arguments.of("0:0:0:0:0:0:0:0", "unspecified address ::/128"),
                Arguments.of("::1", "loopback address ::1/128"),
                Arguments.of("::1/128", "loopback address ::1/128"),
                Arguments.of("::2", "IPv4-compatible range ::/96"),
                Arguments.of("::198.51.100.7", "IPv4-compatible range ::/96"),
                Arguments.of("fe80::", "link-local range fe80::/10"),
                Arguments.of("fe80::1", "link-local range fe80::/10"),
                Arguments.of("febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "link-local range fe80::/10"),
                Arguments.of("fc00::", "unique local range fc00::/7"),
                Arguments.of("FDFF:FFFF:FFFF:FFFF:FFFF:FFFF:FFFF:FFFF", "unique local range fc00::/7"),
                Arguments.of("ff00::", "multicast range ff00::/8"),
                Arguments.of("ff02::1", "multicast range ff00::/8"),
                Arguments.of("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "multicast range ff00::/8"),
                Arguments.of("::ffff:10.1.2.3", "IPv4-mapped ::ffff:0:0/96, embedding 10.1.2.3) is in private range 10.0.0.0/8"),
                Arguments.of("::ffff:a01:203", "embedding 10.1.2.3) is in private range 10.0.0.0/8"),
                Arguments.of("::FFFF:127.0.0.1", "loopback range 127.0.0.0/8"),
                Arguments.of("::ffff:0.0.0.0", "0.0.0.0/8"),
                Arguments.of("::ffff:169.254.169.254", "169.254.0.0/16"),
                Arguments.of("::ffff:255.255.255.255", "255.255.255.255/32"),
                Arguments.of("0:0:0:0:0:ffff:192.168.1.1", "private range 192.168.0.0/16"),
                Arguments.of("64:ff9b::10.0.0.1", "NAT64 64:ff9b::/96, embedding 10.0.0.1) is in private range 10.0.0.0/8"),
                Arguments.of("64:ff9b::c0a8:101", "embedding 192.168.1.1"),
                Arguments.of("64:ff9b::7f00:1", "loopback range 127.0.0.0/8"),
                Arguments.of("64:ff9b:1::1", "local-use NAT64 range 64:ff9b:1::/48"),
                Arguments.of("2002:a00:1::1", "6to4 2002::/16, embedding 10.0.0.1) is in private range 10.0.0.0/8"));
    }

    @ParameterizedTest(name = "{0} refused")
    @MethodSource("refusedAddresses")
    void specialPurposeAddressesAreRefusedNamingTheRange(String address, String expected) {
        assertThat(guardrails.addressViolation(address)).hasValueSatisfying(message -> assertThat(message)
                .startsWith(address).contains(expected));
        assertThat(guardrails.violation(block("nacl-deny", address))).isPresent();
        assertThat(guardrails.violation(block("waf-block", address))).isPresent();
    }

    @Test
    void messageNamesTheRuleThatStoppedIt() {
        assertThat(guardrails.addressViolation("10.1.2.3"))
                .hasValue("10.1.2.3 is in private range 10.0.0.0/8 (RFC 1918)");
    }

    @ParameterizedTest(name = "{0} passes")
    @ValueSource(strings = {
            // just outside each range
            "1.0.0.0", "9.255.255.255", "11.0.0.0", "100.63.255.255", "100.128.0.0", "126.255.255.255",
            "128.0.0.0", "169.253.255.255", "169.255.0.0", "172.15.255.255", "172.32.0.0", "191.255.255.255",
            "192.0.1.0", "192.167.255.255", "192.169.0.0", "198.17.255.255", "198.20.0.0", "223.255.255.255",
            "192.88.98.255", "192.88.100.0", "100:0:0:1::", "2001:1:ffff:ffff:ffff:ffff:ffff:ffff", "2001:2:1::",
            "2001:f:ffff:ffff:ffff:ffff:ffff:ffff", "2001:30::", "3ffe:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "3fff:1000::",
            // public addresses, and the documentation ranges our fixtures use as attackers
            "8.8.8.8", "1.1.1.1", "52.94.76.10", "198.51.100.7", "203.0.113.9", "192.0.2.1", "8.8.8.8/32",
            "2001:db8::1", "2001:db8::1/128", "2600:1f18:4a3:6900::1", "2a00:1450:4001:82a::200e",
            "2001:4860:4860::8888", "::ffff:198.51.100.7", "64:ff9b::198.51.100.7", "2002:c633:6407::1",
            "fe7f:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "fbff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"})
    void publicAddressesPass(String address) {
        assertThat(guardrails.addressViolation(address)).isEmpty();
        assertThat(guardrails.violation(block("nacl-deny", address))).isEmpty();
        assertThat(guardrails.violation(block("waf-block", address))).isEmpty();
    }

    @ParameterizedTest(name = "''{0}'' is malformed")
    @NullAndEmptySource
    @ValueSource(strings = {
            "1.2.3", "1.2.3.4.5", "01.2.3.4", "1.2.3.04", "256.1.1.1", "1.2.3.-4", "1.2.3.+4", "0x7f.0.0.1",
            "127.1", "2130706433", " 1.2.3.4", "1.2.3.4 ", "1.2.3.4\n", "\uFF11.2.3.4", "1.2.3.4/", "/32",
            "1.2.3.4/33", "1.2.3.4/032", "1.2.3.4/-1", "1.2.3.4/32/32", "1.2.3.4/3a",
            "::g", ":::1", "1::2::3", ":1:2:3:4:5:6:7", "1:2:3:4:5:6:7:", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7",
            "12345::", "::1.2.3", "1.2.3.4::", "::1.2.3.4:5", "1:2:3:4:5:6:7:8::", "[::1]", "fe80::1%eth0",
            "::1/129", "evil.example.com", "localhost", "example.com/32", "1.2.3.4,5.6.7.8"})
    void malformedAddressesAreRefused(String address) {
        assertThat(guardrails.addressViolation(address)).hasValueSatisfying(
                message -> assertThat(message).startsWith("malformed address"));
        assertThat(guardrails.violation(block("nacl-deny", address))).hasValueSatisfying(
                message -> assertThat(message).startsWith("malformed address"));
    }

    @ParameterizedTest(name = "{0} refused: /0")
    @ValueSource(strings = {"1.2.3.4/0", "0.0.0.0/0", "::/0", "2001:db8::/0"})
    void slashZeroIsAlwaysRefused(String address) {
        assertThat(guardrails.addressViolation(address)).hasValueSatisfying(
                message -> assertThat(message).contains("/0 prefix is always refused"));
    }

    @ParameterizedTest(name = "{0} refused: a range")
    @ValueSource(strings = {"198.51.100.0/24", "8.8.8.8/31", "8.0.0.0/1", "2001:db8::/32", "2001:db8::1/127"})
    void rangesAreRefused(String address) {
        assertThat(guardrails.addressViolation(address)).hasValueSatisfying(
                message -> assertThat(message).contains("is a range"));
    }

    @Test
    void ownAndTrustedRangesAreRefused() {
        Guardrails configured = new Guardrails(new GuardrailSettings(
                List.of("203.0.113.0/24", "2600:1f18:aaaa::/48"), List.of("198.51.100.7", "2001:db8:abcd::/48"), false));

        assertThat(configured.addressViolation("203.0.113.9"))
                .hasValue("203.0.113.9 is in own-infrastructure range 203.0.113.0/24");
        assertThat(configured.addressViolation("::ffff:203.0.113.9")).hasValueSatisfying(
                m -> assertThat(m).contains("embedding 203.0.113.9) is in own-infrastructure range 203.0.113.0/24"));
        assertThat(configured.addressViolation("2600:1f18:aaaa:1::9")).hasValueSatisfying(
                m -> assertThat(m).contains("own-infrastructure range 2600:1f18:aaaa::/48"));
        assertThat(configured.addressViolation("198.51.100.7"))
                .hasValue("198.51.100.7 is in trusted range 198.51.100.7 (trusted list)");
        assertThat(configured.addressViolation("2001:db8:abcd::5")).hasValueSatisfying(
                m -> assertThat(m).contains("trusted range 2001:db8:abcd::/48"));
        assertThat(configured.addressViolation("198.51.100.8")).isEmpty();
        assertThat(configured.addressViolation("2001:db8:abce::5")).isEmpty();
    }

    @Test
    void malformedConfiguredRangeNeverLoads() {
        assertThatThrownBy(() -> new Guardrails(new GuardrailSettings(List.of("10.0.0.0/33"), List.of(), false)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("10.0.0.0/33");
        assertThatThrownBy(() -> new Guardrails(new GuardrailSettings(List.of(), List.of("office.example.com"), false)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void killSwitchRefusesEveryAction() {
        Guardrails off = new Guardrails(new GuardrailSettings(List.of(), List.of(), true));

        for (String action : List.of("nacl-deny", "waf-block", "sns-notify", "ssm-remediate", "isolate-instance")) {
            assertThat(off.violation(block(action, "198.51.100.7"))).hasValueSatisfying(why -> assertThat(why)
                    .startsWith("kill switch on: every action is refused (set by configuration"));
        }
    }

    @Test
    void nonBlockingActionsNeedNoAddressButUnknownActionsAreRefused() {
        assertThat(guardrails.violation(block("sns-notify", null))).isEmpty();
        assertThat(guardrails.violation(block("isolate-instance", "10.1.2.3"))).isEmpty();
        assertThat(guardrails.violation(block("rm-rf", "198.51.100.7"))).hasValueSatisfying(
                m -> assertThat(m).contains("unknown action 'rm-rf'"));
        assertThat(guardrails.violation(null)).isPresent();
        assertThat(guardrails.violation(new ActionRequest("r", "nacl-deny", Map.of(), null, Mode.ENFORCE, null, "p",
                "first alert", Instant.now(), null, null))).hasValueSatisfying(m -> assertThat(m).startsWith("malformed"));
    }

    private static ActionRequest block(String action, String address) {
        ActionRequest.Target target = new ActionRequest.Target("nacl:111122223333:us-east-1", "111122223333",
                "us-east-1", "network-acl", "vpc-1", address);
        return new ActionRequest("req-1", action, Map.of(), target, Mode.ENFORCE, null, "playbook", "first alert",
                Instant.now(), null, null);
    }
}
