package dev.findingsresponder.triage;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import dev.findingsresponder.model.ActionRequest;
import dev.findingsresponder.model.DeadLetter;
import dev.findingsresponder.model.Finding;
import dev.findingsresponder.model.FindingCodec;
import dev.findingsresponder.model.Mode;
import dev.findingsresponder.model.Topics;
import dev.findingsresponder.model.TriagedFinding;
import dev.findingsresponder.testsupport.KafkaTestResource;
import dev.findingsresponder.testsupport.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** findings.normalized in; findings.triaged and actions.requested out through a real broker (policy: flow-policy.yaml). */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class TriageFlowTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String SSH = "guardduty/eb_unauthorizedaccess-ec2-sshbruteforce.json";
    private static final String PORT_PROBE = "guardduty/eb_recon-ec2-portprobeunprotectedport.json";

    @Test
    void bruteForceIsTriagedAndRequestsOneActionPerTargetKeyedByTarget() {
        Finding finding = NormalizedFixtures.freshGuardDuty(SSH);
        try (TopicProbe triaged = TopicProbe.from(Topics.FINDINGS_TRIAGED);
             TopicProbe requested = TopicProbe.from(Topics.ACTIONS_REQUESTED)) {
            TopicProbe.send(Topics.FINDINGS_NORMALIZED, finding.id(), NormalizedFixtures.json(finding));

            ConsumerRecord<String, byte[]> record = triaged.await(r -> r.key().equals(finding.id()), 1, WAIT).get(0);
            TriagedFinding result = read(record.value(), TriagedFinding.class);
            assertThat(result.decision()).isEqualTo(TriagedFinding.Decision.ACTIONS_REQUESTED);
            assertThat(result.playbooks()).containsExactly("brute-force");
            assertThat(result.score().factors()).extracting(f -> f.name()).contains("base-severity");
            assertThat(result.actionRequestIds()).hasSize(3);

            List<ConsumerRecord<String, byte[]>> requests = requested.await(r -> forFinding(r, finding), 3, WAIT);
            assertThat(requests).extracting(ConsumerRecord::key).containsExactlyInAnyOrder(
                    "nacl:" + finding.account() + ":us-east-1",
                    "waf:" + finding.account() + ":us-east-1:REGIONAL:blocked-ipv4",
                    "sns:arn:aws:sns:us-east-1:111122223333:security-alerts");
            List<ActionRequest> actions = requests.stream().map(r -> read(r.value(), ActionRequest.class)).toList();
            assertThat(actions).allSatisfy(a -> {
                assertThat(a.mode()).isEqualTo(Mode.ENFORCE);
                assertThat(a.playbook()).isEqualTo("brute-force");
                assertThat(result.actionRequestIds()).contains(a.requestId());
            });
            assertThat(actions).filteredOn(a -> !a.action().equals("sns-notify"))
                    .allSatisfy(a -> {
                        assertThat(a.target().address()).isEqualTo("198.51.100.23");
                        assertThat(a.ttl()).isEqualTo(Duration.ofHours(24));
                    });
        }
    }

    @Test
    void suppressedFindingIsRecordedWithTheRuleAndRequestsNothing() {
        Finding probe = NormalizedFixtures.freshGuardDuty(PORT_PROBE);
        Finding marker = NormalizedFixtures.freshGuardDuty(SSH);
        try (TopicProbe triaged = TopicProbe.from(Topics.FINDINGS_TRIAGED);
             TopicProbe requested = TopicProbe.from(Topics.ACTIONS_REQUESTED)) {
            TopicProbe.send(Topics.FINDINGS_NORMALIZED, probe.id(), NormalizedFixtures.json(probe));
            TopicProbe.send(Topics.FINDINGS_NORMALIZED, marker.id(), NormalizedFixtures.json(marker));

            TriagedFinding result = read(triaged.await(r -> r.key().equals(probe.id()), 1, WAIT).get(0).value(),
                    TriagedFinding.class);
            assertThat(result.decision()).isEqualTo(TriagedFinding.Decision.SUPPRESSED);
            assertThat(result.suppressedBy()).isEqualTo("trusted-scanner");
            assertThat(result.actionRequestIds()).isEmpty();

            requested.await(r -> forFinding(r, marker), 3, WAIT);
            assertThat(requested.drain(r -> forFinding(r, probe), Duration.ofMillis(500))).isEmpty();
        }
    }

    @Test
    void repeatsWithinTheWindowAreMergedAndCounted() {
        Finding first = NormalizedFixtures.freshGuardDuty("guardduty/eb_unauthorizedaccess-ec2-rdpbruteforce_public-ipv4.json");
        Finding again = withUpdatedAt(first, "2031-01-01T00:00:00Z");
        try (TopicProbe triaged = TopicProbe.from(Topics.FINDINGS_TRIAGED);
             TopicProbe requested = TopicProbe.from(Topics.ACTIONS_REQUESTED)) {
            TopicProbe.send(Topics.FINDINGS_NORMALIZED, first.id(), NormalizedFixtures.json(first), NormalizedFixtures.json(again));

            List<TriagedFinding> results = triaged.await(r -> r.key().equals(first.id()), 2, WAIT).stream()
                    .map(r -> read(r.value(), TriagedFinding.class)).toList();
            assertThat(results).extracting(TriagedFinding::decision)
                    .containsExactly(TriagedFinding.Decision.ACTIONS_REQUESTED, TriagedFinding.Decision.REPEAT_MERGED);
            assertThat(results.get(1).repeat().count()).isEqualTo(2);
            List<ConsumerRecord<String, byte[]>> requests = requested.drain(r -> forFinding(r, first), Duration.ofSeconds(1));
            assertThat(requests).extracting(r -> read(r.value(), ActionRequest.class).finding().updatedAt())
                    .containsOnly(first.updatedAt());
        }
    }

    @Test
    void aRecordThatIsNotACanonicalFindingGoesToTheDlq() {
        try (TopicProbe dlq = TopicProbe.from(Topics.FINDINGS_DLQ)) {
            TopicProbe.send(Topics.FINDINGS_NORMALIZED, "junk", "{\"hello\": \"world\"}".getBytes(StandardCharsets.UTF_8));

            DeadLetter letter = read(dlq.await(r -> true, 1, WAIT).get(0).value(), DeadLetter.class);
            assertThat(letter.stage()).isEqualTo("triage");
            assertThat(letter.reason()).isEqualTo("NOT_A_CANONICAL_FINDING");
            assertThat(letter.origin().topic()).isEqualTo(Topics.FINDINGS_NORMALIZED);
            assertThat(letter.rawText()).isEqualTo("{\"hello\": \"world\"}");
        }
    }

    @Test
    void metricsCountDecisionsActionsAndPolicyLoads() {
        Finding finding = NormalizedFixtures.freshGuardDuty(SSH);
        try (TopicProbe triaged = TopicProbe.from(Topics.FINDINGS_TRIAGED)) {
            TopicProbe.send(Topics.FINDINGS_NORMALIZED, finding.id(), NormalizedFixtures.json(finding));
            triaged.await(r -> r.key().equals(finding.id()), 1, WAIT);
        }
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics)
                .contains("triage_findings_total{decision=\"ACTIONS_REQUESTED\",label=")
                .contains("triage_actions_requested_total{action=\"nacl-deny\",mode=\"ENFORCE\"}")
                .contains("triage_playbook_findings_total{decision=\"ACTIONS_REQUESTED\",playbook=\"brute-force\"}")
                .contains("triage_policy_reloads_total{outcome=\"loaded\"}")
                .contains("triage_evaluate_seconds_count")
                .contains("triage_trusted_lists_healthy 1.0");
    }

    private static boolean forFinding(ConsumerRecord<String, byte[]> record, Finding finding) {
        return read(record.value(), ActionRequest.class).finding().id().equals(finding.id());
    }

    private static Finding withUpdatedAt(Finding finding, String updatedAt) {
        String json = new String(FindingCodec.toJson(finding), StandardCharsets.UTF_8)
                .replace("\"updatedAt\":\"" + finding.updatedAt() + "\"", "\"updatedAt\":\"" + updatedAt + "\"");
        return FindingCodec.fromJson(json.getBytes(StandardCharsets.UTF_8));
    }

    static <T> T read(byte[] json, Class<T> type) {
        try {
            return FindingCodec.mapper().readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
