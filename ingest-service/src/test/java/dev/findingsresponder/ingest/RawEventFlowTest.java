package dev.findingsresponder.ingest;

import static dev.findingsresponder.ingest.TestEvents.deadLetter;
import static dev.findingsresponder.ingest.TestEvents.finding;
import static dev.findingsresponder.ingest.TestEvents.freshGuardDuty;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.findingsresponder.model.DeadLetter;
import dev.findingsresponder.model.Finding;
import dev.findingsresponder.model.Hashes;
import dev.findingsresponder.model.Topics;
import dev.findingsresponder.testsupport.KafkaTestResource;
import dev.findingsresponder.testsupport.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** findings.raw in, findings.normalized or findings.dlq out, through a real broker. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class RawEventFlowTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void rawGuardDutyEventComesOutCanonicalKeyedByFindingId() {
        byte[] event = freshGuardDuty("guardduty/eb_unauthorizedaccess-ec2-sshbruteforce.json");
        try (TopicProbe normalized = TopicProbe.from(Topics.FINDINGS_NORMALIZED)) {
            TopicProbe.send(Topics.FINDINGS_RAW, "any-key", event);

            List<ConsumerRecord<String, byte[]>> out = normalized.await(r -> true, 1, WAIT);
            assertThat(out).hasSize(1);
            Finding finding = finding(out.get(0).value());
            assertThat(out.get(0).key()).isEqualTo(finding.id());
            assertThat(finding.type()).isEqualTo("UnauthorizedAccess:EC2/SSHBruteForce");
            assertThat(finding.network()).isNotEmpty();
            assertThat(finding.raw().sha256()).isEqualTo(Hashes.sha256Hex(event));
        }
    }

    @Test
    void poisonRecordGoesToDlqWithReasonAndOriginAndTheNextRecordStillFlows() {
        byte[] poison = "{\"detail-type\": oops".getBytes(StandardCharsets.UTF_8);
        byte[] good = freshGuardDuty("guardduty/eb_unauthorizedaccess-ec2-torclient.json");
        try (TopicProbe dlq = TopicProbe.from(Topics.FINDINGS_DLQ);
             TopicProbe normalized = TopicProbe.from(Topics.FINDINGS_NORMALIZED)) {
            TopicProbe.send(Topics.FINDINGS_RAW, "same-partition", poison, good);

            List<ConsumerRecord<String, byte[]>> dead = dlq.await(r -> true, 1, WAIT);
            assertThat(dead).hasSize(1);
            DeadLetter letter = deadLetter(dead.get(0).value());
            assertThat(letter.stage()).isEqualTo("ingest");
            assertThat(letter.reason()).isEqualTo("NOT_JSON");
            assertThat(letter.detail()).isNotBlank();
            assertThat(letter.origin().kind()).isEqualTo("kafka");
            assertThat(letter.origin().topic()).isEqualTo(Topics.FINDINGS_RAW);
            assertThat(letter.origin().offset()).isNotNull();
            assertThat(letter.rawBytes()).isEqualTo(poison);
            assertThat(new String(dead.get(0).headers().lastHeader("dlq-reason").value(), StandardCharsets.UTF_8))
                    .isEqualTo("NOT_JSON");

            assertThat(normalized.await(r -> true, 1, WAIT))
                    .singleElement()
                    .satisfies(r -> assertThat(finding(r.value()).type()).isEqualTo("UnauthorizedAccess:EC2/TorClient"));
        }
    }

    @Test
    void inputsThatEscapeWorstInJsonStillFitInTheDlqAndTheConsumerKeepsGoing() {
        byte[] controls = filled(200 * 1024, 0x01);       // under the event limit: kept whole
        byte[] oversized = filled(1000 * 1024, 0x01);     // over it: kept truncated
        byte[] backslashes = filled(250 * 1024, '\\');
        byte[] good = freshGuardDuty("guardduty/eb_unauthorizedaccess-ec2-torclient.json");
        List<String> hashes = List.of(Hashes.sha256Hex(controls), Hashes.sha256Hex(oversized),
                Hashes.sha256Hex(backslashes));
        try (TopicProbe dlq = TopicProbe.from(Topics.FINDINGS_DLQ);
             TopicProbe normalized = TopicProbe.from(Topics.FINDINGS_NORMALIZED)) {
            TopicProbe.send(Topics.FINDINGS_RAW, "same-partition", controls, oversized, backslashes, good);

            List<DeadLetter> letters = dlq.await(r -> hashes.contains(deadLetter(r.value()).rawSha256()), 3, WAIT)
                    .stream().map(r -> deadLetter(r.value())).toList();
            assertThat(letters).extracting(DeadLetter::reason).containsExactly("NOT_JSON", "OVERSIZED", "NOT_JSON");
            assertThat(letters.get(0).rawTruncated()).isFalse();
            assertThat(letters.get(0).rawBytes()).isEqualTo(controls);
            assertThat(letters.get(1).rawTruncated()).isTrue();
            assertThat(letters.get(1).rawSize()).isEqualTo(oversized.length);
            assertThat(letters.get(2).rawBytes()).isEqualTo(backslashes);

            assertThat(normalized.await(r -> true, 1, WAIT))
                    .singleElement()
                    .satisfies(r -> assertThat(finding(r.value()).type()).isEqualTo("UnauthorizedAccess:EC2/TorClient"));
        }
    }

    @Test
    void sameFindingVersionTwiceIsPublishedOnceAndANewerVersionAgain() throws Exception {
        byte[] event = freshGuardDuty("guardduty/eb_unauthorizedaccess-ec2-rdpbruteforce_public-ipv4.json");
        byte[] newer = TestEvents.text(event).replaceFirst("\"updatedAt\"\\s*:\\s*\"[^\"]+\"", "\"updatedAt\": \"2031-01-01T00:00:00.000Z\"")
                .getBytes(StandardCharsets.UTF_8);
        byte[] marker = freshGuardDuty("guardduty/eb_impact-ec2-winrmbruteforce_actor.json");
        try (TopicProbe normalized = TopicProbe.from(Topics.FINDINGS_NORMALIZED)) {
            TopicProbe.send(Topics.FINDINGS_RAW, "one-partition", event, event, newer, marker);

            normalized.await(r -> finding(r.value()).type().startsWith("Impact:EC2/WinRMBruteForce"), 1, WAIT);
            List<Finding> rdp = normalized.drain(r -> finding(r.value()).type().equals("UnauthorizedAccess:EC2/RDPBruteForce"),
                    Duration.ofSeconds(1)).stream().map(r -> finding(r.value())).toList();
            assertThat(rdp).hasSize(2);
            assertThat(rdp.get(0).id()).isEqualTo(rdp.get(1).id());
            assertThat(rdp.get(1).updatedAt()).isAfter(rdp.get(0).updatedAt());
        }
    }

    @Test
    void customActionOnAnImportedFindingVersionIsPublishedButItsRedeliveryIsNot() throws Exception {
        String findingId = "arn:aws:securityhub:us-east-1:111122223333:security-control/S3.8/finding/" + UUID.randomUUID();
        byte[] imported = securityHubEvent(findingId, "Security Hub Findings - Imported");
        byte[] customAction = securityHubEvent(findingId, "Security Hub Findings - Custom Action");
        byte[] marker = freshGuardDuty("guardduty/eb_impact-ec2-winrmbruteforce_actor.json");
        try (TopicProbe normalized = TopicProbe.from(Topics.FINDINGS_NORMALIZED)) {
            TopicProbe.send(Topics.FINDINGS_RAW, "one-partition", imported, customAction, customAction, marker);

            normalized.await(r -> finding(r.value()).type().startsWith("Impact:EC2/WinRMBruteForce"), 1, WAIT);
            List<Finding> versions = normalized.drain(r -> finding(r.value()).nativeId().equals(findingId),
                    Duration.ofSeconds(1)).stream().map(r -> finding(r.value())).toList();
            assertThat(versions).extracting(f -> f.raw().detailType())
                    .containsExactly("Security Hub Findings - Imported", "Security Hub Findings - Custom Action");
            assertThat(versions.get(1).updatedAt()).isEqualTo(versions.get(0).updatedAt());
        }
    }

    @Test
    void anAnalystsWorkflowChangeWithTheSameUpdatedAtIsPublishedButItsRedeliveryIsNot() throws Exception {
        // BatchUpdateFindings emits a new Imported event without changing UpdatedAt (Security Hub API reference)
        String findingId = "arn:aws:securityhub:us-east-1:111122223333:security-control/S3.8/finding/" + UUID.randomUUID();
        byte[] imported = securityHubEvent(findingId, "Security Hub Findings - Imported");
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode suppressedEvent = (ObjectNode) mapper.readTree(imported);
        suppressedEvent.put("id", UUID.randomUUID().toString());
        ((ObjectNode) suppressedEvent.get("detail").get("findings").get(0)).putObject("Workflow").put("Status", "SUPPRESSED");
        byte[] suppressed = mapper.writeValueAsBytes(suppressedEvent);
        byte[] marker = freshGuardDuty("guardduty/eb_impact-ec2-winrmbruteforce_actor.json");
        try (TopicProbe normalized = TopicProbe.from(Topics.FINDINGS_NORMALIZED)) {
            TopicProbe.send(Topics.FINDINGS_RAW, "one-partition", imported, suppressed, suppressed, imported, marker);

            normalized.await(r -> finding(r.value()).type().startsWith("Impact:EC2/WinRMBruteForce"), 1, WAIT);
            List<Finding> versions = normalized.drain(r -> finding(r.value()).nativeId().equals(findingId),
                    Duration.ofSeconds(1)).stream().map(r -> finding(r.value())).toList();
            assertThat(versions).hasSize(2);
            assertThat(versions.get(0).state().workflowStatus()).isNotEqualTo("SUPPRESSED");
            assertThat(versions.get(1).state().workflowStatus()).isEqualTo("SUPPRESSED");
            assertThat(versions.get(1).state().suppressed()).isTrue();
            assertThat(versions.get(1).updatedAt()).isEqualTo(versions.get(0).updatedAt());
        }
    }

    private static byte[] filled(int size, int value) {
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    /** A Security Hub event of {@code detailType} holding one ASFF finding with id {@code findingId}. */
    private static byte[] securityHubEvent(String findingId, String detailType) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode event = (ObjectNode) mapper.readTree(TestEvents.fixture("securityhub/eb_custom-action_two-findings.json"));
        event.put("id", UUID.randomUUID().toString());
        event.put("detail-type", detailType);
        ArrayNode findings = (ArrayNode) event.get("detail").get("findings");
        findings.remove(1);
        ((ObjectNode) findings.get(0)).put("Id", findingId);
        return mapper.writeValueAsBytes(event);
    }
}
