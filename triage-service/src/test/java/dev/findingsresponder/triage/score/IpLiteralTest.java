package dev.findingsresponder.triage.score;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpLiteralTest {

    @ParameterizedTest
    @CsvSource({
            "1.2.3.4, 1.2.3.4",
            "255.255.255.255, 255.255.255.255",
            "0.0.0.0, 0.0.0.0",
            "::, 0:0:0:0:0:0:0:0",
            "::1, 0:0:0:0:0:0:0:1",
            "2001:db8::, 2001:db8:0:0:0:0:0:0",
            "2001:DB8:0:0:8:800:200C:417A, 2001:db8:0:0:8:800:200c:417a",
            "fe80::1:2, fe80:0:0:0:0:0:1:2",
            "1:2:3:4:5:6:7::, 1:2:3:4:5:6:7:0",
            "::2:3:4:5:6:7:8, 0:2:3:4:5:6:7:8",
            "64:ff9b::192.0.2.33, 64:ff9b:0:0:0:0:c000:221",
            "::ffff:192.0.2.1, 192.0.2.1",
            "0:0:0:0:0:ffff:c000:201, 192.0.2.1",
            "::FFFF:c000:0201, 192.0.2.1"
    })
    void parsesLiterals(String text, String canonical) {
        assertThat(IpLiteral.parseOrNull(text)).hasToString(canonical);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1.2.3", "1.2.3.4.5", "1.2.3.256", "1.2.3.-1", "01.2.3.4", "1.2.3.4.", ".1.2.3.4",
            "1..2.3", "1.2.3.4/32", " 1.2.3.4", "1.23.456.789", "localhost", "example.com", "1.2.3.x",
            "١.٢.٣.٤", ":", ":::", "1:::2", "1::2::3", ":1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7",
            "1:2:3:4:5:6:7:8::", "12345::", "g::1", "::1%eth0", "[::1]", "::ffff:1.2.3", "1.2.3.4::",
            "1:2:3:4:5:6:7:1.2.3.4", "::1.2.3.4:5", "fe80::١"})
    void rejectsAnythingElse(String text) {
        assertThat(IpLiteral.parseOrNull(text)).isNull();
    }

    @ParameterizedTest
    @CsvSource({"10.1.2.3, 8, 10.0.0.0", "10.1.2.3, 32, 10.1.2.3", "10.1.2.3, 23, 10.1.2.0",
            "2001:db8:1:2:3:4:5:6, 32, 2001:db8:0:0:0:0:0:0", "2001:db8:1:2:3:4:5:6, 80, 2001:db8:1:2:3:0:0:0",
            "2001:db8:1:2:3:4:5:6, 64, 2001:db8:1:2:0:0:0:0", "2001:db8:1:2:3:4:5:6, 128, 2001:db8:1:2:3:4:5:6"})
    void masks(String address, int prefix, String network) {
        assertThat(IpLiteral.parseOrNull(address).masked(prefix)).hasToString(network);
    }
}
