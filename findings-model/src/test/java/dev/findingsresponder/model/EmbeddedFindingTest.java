package dev.findingsresponder.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import dev.findingsresponder.model.decode.EventNormalizer;
import dev.findingsresponder.model.decode.NormalizeResult;
import dev.findingsresponder.testsupport.EventFixtures;

/** The topics' JSON is the same whatever the codec does to write it faster. */
class EmbeddedFindingTest {

    /** The codec as it was before Blackbird, InstantCodec and EmbeddedFinding: the JSON contract. */
    private static final ObjectMapper REFERENCE = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private static final Score SCORE = new Score(60, SeverityLabel.MEDIUM,
            List.of(new Score.Factor("base-severity", 50, "GuardDuty severity 5.0")), false);

    @Test
    void everyFixtureFindingIsWrittenAndReadAsBefore() throws Exception {
        List<Finding> findings = fixtureFindings();
        assertThat(findings).hasSizeGreaterThan(30);
        for (Finding finding : findings) {
            byte[] before = REFERENCE.writeValueAsBytes(finding);
            assertThat(new String(FindingCodec.toJson(finding), StandardCharsets.UTF_8)).as(finding.id())
                    .isEqualTo(new String(before, StandardCharsets.UTF_8));
            assertThat(FindingCodec.fromJson(before)).isEqualTo(REFERENCE.readValue(before, Finding.class));
        }
    }

    @Test
    void recordsEmbeddingAFindingAreTheBytesOfWritingThemInFull() throws Exception {
        for (Finding finding : fixtureFindings()) {
            EmbeddedFinding embedded = EmbeddedFinding.of(finding);
            TriagedFinding triaged = triaged(finding);
            ActionRequest first = request(finding, "203.0.113.10");
            ActionRequest second = request(finding, "2001:db8::10");
            for (Object record : List.of(triaged, first, second)) {
                assertThat(new String(embedded.write(record), StandardCharsets.UTF_8)).as(finding.id())
                        .isEqualTo(REFERENCE.writeValueAsString(record));
            }
        }
    }

    @Test
    void onlyTheVeryFindingGivenIsCopied() throws Exception {
        List<Finding> findings = fixtureFindings();
        EmbeddedFinding embedded = EmbeddedFinding.of(findings.get(0));
        ActionRequest other = request(findings.get(1), "203.0.113.10");
        assertThat(new String(embedded.write(other), StandardCharsets.UTF_8))
                .isEqualTo(REFERENCE.writeValueAsString(other))
                .contains(findings.get(1).id())
                .doesNotContain(findings.get(0).id());
    }

    private static TriagedFinding triaged(Finding finding) {
        return new TriagedFinding(finding, SCORE, TriagedFinding.Decision.ACTIONS_REQUESTED,
                "first alert: 2 action request(s)", null, List.of("ssh-brute-force"), List.of("a1", "b2"),
                new TriagedFinding.Repeat("k", 1, false), "v1", Instant.parse("2026-12-02T12:00:00.123456Z"));
    }

    private static ActionRequest request(Finding finding, String address) {
        return new ActionRequest("a1", "waf-block", Map.of("ip-set-v4", "blocked-ipv4"),
                new ActionRequest.Target("waf:1:us-east-1:REGIONAL:blocked-ipv4", "111122223333", "us-east-1",
                        "waf-ip-set", "blocked-ipv4", address),
                Mode.ENFORCE, Duration.ofHours(24), "ssh-brute-force", "first alert",
                Instant.parse("2026-12-02T12:00:00Z"), finding, SCORE);
    }

    private static List<Finding> fixtureFindings() {
        EventNormalizer normalizer = new EventNormalizer(Set.of());
        return EventFixtures.paths().stream()
                .filter(path -> !path.startsWith("malformed/"))
                .map(path -> normalizer.normalize(EventFixtures.bytes(path)))
                .filter(NormalizeResult.Normalized.class::isInstance)
                .flatMap(result -> ((NormalizeResult.Normalized) result).findings().stream())
                .toList();
    }
}
