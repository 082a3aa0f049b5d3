package dev.findingsresponder.model.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bad drill specs are refused with a message an operator can act on. */
class DrillSpecTest {

    @Test
    void unknownTypeListsTheKnownOnes() {
        assertThatThrownBy(() -> DrillType.named("sql-injection"))
                .isInstanceOf(InvalidDrillSpecException.class)
                .hasMessage("unknown drill type 'sql-injection'; known types: ssh-brute-force, rdp-brute-force, "
                        + "port-probe, crypto-mining, credential-exfiltration, malicious-ip-caller");
        assertThatThrownBy(() -> DrillType.named(" ")).hasMessageStartingWith("type is required; known types: ");
        assertThat(DrillType.named("SSH-Brute-Force")).isEqualTo(DrillType.SSH_BRUTE_FORCE);
        assertThatThrownBy(() -> DrillSpec.of(null, 1)).hasMessageContaining("known types: ssh-brute-force");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 100_001})
    void countOutside1To100000IsRefused(int count) {
        assertThatThrownBy(() -> DrillSpec.of(DrillType.PORT_PROBE, count))
                .isInstanceOf(InvalidDrillSpecException.class)
                .hasMessage("count must be from 1 to 100000, got " + count);
    }

    @Test
    void repeatsAreBoundedAndSoIsTheirProductWithTheCount() {
        assertThatThrownBy(() -> spec(null, null, null, 0)).hasMessage("repeat must be from 1 (no repeats) to 1000, got 0");
        assertThatThrownBy(() -> new DrillSpec(DrillType.SSH_BRUTE_FORCE, 1000, null, null, null, null, null, 101))
                .hasMessage("count 1000 x repeat 101 = 101000 events; a drill is at most 100000 events");
        assertThat(new DrillSpec(DrillType.SSH_BRUTE_FORCE, 1000, null, null, null, null, null, 100).events())
                .isEqualTo(100_000);
    }

    @ParameterizedTest
    @ValueSource(strings = {"300.1.2.3", "198.51.100", "198.51.100.1.2", "not-an-ip", "example.com",
        "2001:db8::zz", "2001:db8:::1", "fe80::1%eth0", "1.2.3.4/", "1.2.3.4/abc"})
    void malformedAddressesAreRefusedNamingTheEntry(String address) {
        assertThatThrownBy(() -> spec(null, List.of("203.0.113.0/24", address), null, 1))
                .isInstanceOf(InvalidDrillSpecException.class)
                .hasMessageStartingWith("address '" + address + "'")
                .hasMessageContaining("is not");
    }

    @Test
    void prefixLengthsMustFitTheIpVersion() {
        assertThatThrownBy(() -> spec(null, List.of("198.51.100.0/33"), null, 1))
                .hasMessage("address '198.51.100.0/33': prefix length /33 is not valid for IPv4 (0-32)");
        assertThatThrownBy(() -> spec(null, List.of("2001:db8::/129"), null, 1))
                .hasMessage("address '2001:db8::/129': prefix length /129 is not valid for IPv6 (0-128)");
        assertThatThrownBy(() -> spec(null, List.of("::ffff:198.51.100.1"), null, 1))
                .hasMessageContaining("give the IPv4 address instead");
        assertThatThrownBy(() -> spec(null, List.of(""), null, 1)).hasMessageStartingWith("empty entry in addresses");
    }

    @Test
    void accountsRegionsAndInstancesMustLookLikeAwsOnes() {
        assertThatThrownBy(() -> spec(List.of("12345"), null, null, 1))
                .hasMessage("account '12345' is not a 12-digit AWS account id");
        assertThatThrownBy(() -> new DrillSpec(DrillType.PORT_PROBE, 1, null, "Mars", null, null, null, 1))
                .hasMessage("region 'Mars' is not an AWS region name (like us-east-1)");
        assertThatThrownBy(() -> spec(null, null, List.of("i-xyz"), 1))
                .hasMessageStartingWith("instance id 'i-xyz' is not an EC2 instance id");
    }

    @Test
    void absentOptionsTakeTheirDefaults() {
        DrillSpec spec = DrillSpec.of(DrillType.RDP_BRUTE_FORCE, 3);
        assertThat(spec.accounts()).containsExactly("123456789012");
        assertThat(spec.region()).isEqualTo("us-east-1");
        assertThat(spec.partition()).isEqualTo("aws");
        assertThat(spec.addresses()).containsExactly("198.51.100.0/24", "203.0.113.0/24");
        assertThat(spec.instanceIds()).isEmpty();
        assertThat(spec.seed()).isNull();
        assertThat(spec.events()).isEqualTo(3);
        assertThat(new DrillSpec(DrillType.RDP_BRUTE_FORCE, 1, List.of(" 111122223333 "), " us-gov-west-1 ",
                List.of(" 198.51.100.7/24 "), null, null, 1))
                .satisfies(s -> {
                    assertThat(s.accounts()).containsExactly("111122223333");
                    assertThat(s.partition()).isEqualTo("aws-us-gov");
                    assertThat(s.addresses()).containsExactly("198.51.100.7/24");
                });
    }

    private static DrillSpec spec(List<String> accounts, List<String> addresses, List<String> instances, int repeat) {
        return new DrillSpec(DrillType.PORT_PROBE, 1, accounts, null, addresses, instances, null, repeat);
    }
}
