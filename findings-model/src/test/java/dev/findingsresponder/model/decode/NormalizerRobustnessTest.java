package dev.findingsresponder.model.decode;

import dev.findingsresponder.testsupport.EventFixtures;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@code normalize} must never throw, whatever the bytes: truncations, byte mutations, random junk, deep nesting. */
class NormalizerRobustnessTest {

    private static final long SEED = 20240611L;
    private static final String MUTATIONS = "{}[]\":,0aZ-. \\\u0000\u00ff";

    @Test
    void neverThrowsOnTruncatedMutatedOrRandomInput() throws Exception {
        List<byte[]> fixtures = allFixtures();
        assertThat(fixtures).hasSizeGreaterThan(30);
        Random rnd = new Random(SEED);
        int cases = 0;
        for (int i = 0; i < 900; i++) {
            byte[] f = fixtures.get(rnd.nextInt(fixtures.size()));
            cases += check(java.util.Arrays.copyOf(f, rnd.nextInt(f.length)));
        }
        for (int i = 0; i < 1000; i++) {
            byte[] f = fixtures.get(rnd.nextInt(fixtures.size())).clone();
            int flips = 1 + rnd.nextInt(4);
            for (int k = 0; k < flips; k++) {
                f[rnd.nextInt(f.length)] = (byte) MUTATIONS.charAt(rnd.nextInt(MUTATIONS.length()));
            }
            cases += check(f);
        }
        for (int i = 0; i < 150; i++) {
            byte[] junk = new byte[rnd.nextInt(2048)];
            rnd.nextBytes(junk);
            cases += check(junk);
        }
        for (int depth : new int[] {10, 999, 1001, 5000, 50_000}) {
            cases += check(("[".repeat(depth) + "]".repeat(depth)).getBytes(StandardCharsets.UTF_8));
            cases += check(("{\"a\":".repeat(depth) + "1" + "}".repeat(depth)).getBytes(StandardCharsets.UTF_8));
            cases += check(("{\"detail\":" + "[".repeat(depth) + "]".repeat(depth) + "}").getBytes(StandardCharsets.UTF_8));
        }
        for (String s : new String[] {"null", "true", "0", "-1e999", "\"\"", "{}", "[]", "{\"Type\":\"Notification\","
                + "\"MessageId\":\"m\",\"Message\":null}", "{\"detail\":null,\"source\":\"aws.guardduty\"}",
                "{\"findings\":[null,1,\"x\"]}", "{\"source\":\"aws.securityhub\",\"detail-type\":"
                + "\"Security Hub Findings - Imported\",\"detail\":{\"findings\":[{}]}}"}) {
            cases += check(s.getBytes(StandardCharsets.UTF_8));
        }
        assertThat(cases).isGreaterThanOrEqualTo(2000);
    }

    @Test
    void aListOfTensOfThousandsOfAddressesKeepsEachDistinctOneOnceUpToTheCap() {
        // 66 KB of event used to make a 1.1 MB finding (one indicator per entry), which Kafka refuses
        StringBuilder ips = new StringBuilder("\"198.51.100.61\"");
        for (int i = 0; i < 15_000; i++) {
            ips.append(",\"a\"");
        }
        for (int i = 0; i < 3_000; i++) {
            ips.append(",\"203.0.").append(i / 250).append('.').append(i % 250).append('"');
        }
        String event = new String(EventFixtures.bytes("guardduty/eb_discovery-kubernetes-maliciousipcaller.json"),
                StandardCharsets.UTF_8).replace("\"sourceIPs\": [\n            \"198.51.100.61\"\n          ]",
                        "\"sourceIPs\": [" + ips + "]");
        assertThat(event).contains("\"203.0.0.1\"");

        NormalizeResult r = new EventNormalizer(java.util.Set.of(), 1 << 20).normalize(
                event.getBytes(StandardCharsets.UTF_8));

        assertThat(r).isInstanceOf(NormalizeResult.Normalized.class);
        var network = ((NormalizeResult.Normalized) r).findings().get(0).network();
        assertThat(network).hasSize(FindingDraft.MAX_INDICATORS).doesNotHaveDuplicates();
        assertThat(network).extracting(n -> n.remoteIp()).contains("198.51.100.61", "a", "203.0.0.1")
                .doesNotContain("203.0.11.249");
    }

    private static int check(byte[] input) {
        NormalizeResult r = Fixtures.NORMALIZER.normalize(input);
        assertThat(r).isNotNull();
        if (r instanceof NormalizeResult.Rejected rej) {
            assertThat(rej.reason()).isNotNull();
            assertThat(rej.detail()).as("detail for %s", rej.reason()).isNotBlank();
            assertThat(rej.detail()).as("no internal error for input %s", preview(input)).doesNotStartWith("unexpected ");
        } else {
            assertThat(((NormalizeResult.Normalized) r).findings()).isNotEmpty();
        }
        return 1;
    }

    private static String preview(byte[] input) {
        String s = new String(input, 0, Math.min(input.length, 200), StandardCharsets.UTF_8);
        return s.replace('\n', ' ');
    }

    private static List<byte[]> allFixtures() {
        return EventFixtures.paths().stream().map(EventFixtures::bytes).toList();
    }
}
