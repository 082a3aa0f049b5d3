package dev.findingsresponder.response.action;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.findingsresponder.model.ActionRequest;
import dev.findingsresponder.model.ActionResult;
import dev.findingsresponder.model.ActionResult.Outcome;
import dev.findingsresponder.model.Finding;
import dev.findingsresponder.model.FindingCodec;
import dev.findingsresponder.response.aws.AwsClientFactory;
import dev.findingsresponder.response.aws.StsAwsClients;
import dev.findingsresponder.response.aws.TestAwsConfig;
import dev.findingsresponder.testsupport.MotoExtension;
import dev.findingsresponder.testsupport.MotoServer;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** Publishes to a real (moto) topic and reads the SNS envelope back from an SQS subscription. */
@ExtendWith(MotoExtension.class)
class SnsNotifyActionTest {

    static final String ADMIN = "123456789012";
    static final ObjectMapper JSON = new ObjectMapper();

    static StsAwsClients clients;
    static SnsClient sns;
    static SqsClient sqs;

    final SnsNotifyAction action = new SnsNotifyAction();

    @BeforeAll
    static void clients() {
        TestAwsConfig config = TestAwsConfig.moto();
        clients = new StsAwsClients(config);
        sns = clients.sns(null, MotoServer.REGION);
        sqs = new AwsClientFactory(config).configure(SqsClient.builder()).build();
    }

    @AfterAll
    static void close() {
        sqs.close();
        clients.close();
    }

    @Test
    void publishesAReadableMessageWithFilterAttributesAndTheCanonicalFinding() throws IOException {
        Subscription sub = subscribe("alerts");
        Finding finding = TestRequests.finding(TestRequests.SSH_BRUTE_FORCE);

        ActionOutcome outcome = action.execute(request(sub.topicArn(), "SOC", finding), clients);

        assertThat(outcome.outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(outcome.awsRequestIds()).isNotEmpty();
        assertThat(outcome.facts()).containsKeys("messageId", "topicArn").doesNotContainKey("trimmed");
        JsonNode envelope = sub.receiveOne();
        assertThat(envelope.path("Subject").asText())
                .isEqualTo(("SOC [HIGH] " + finding.title()).substring(0, Math.min(99, 11 + finding.title().length())));
        String message = envelope.path("Message").asText();
        assertThat(message).contains(
                "WHAT\n", "  Title:        " + finding.title(), "  Type:         UnauthorizedAccess:EC2/SSHBruteForce",
                "WHERE\n", "  Account:      111122223333", "  Region:       us-east-1", "i-0a1b2c3d4e5f60718", "198.51.100.23",
                "SCORE 85/100 (HIGH)\n", " +20  base-severity", " +40  threat-list", " +25  asset-criticality",
                "WHAT WAS DONE\n", "  Playbook:     contain-ssh-brute-force", "  Mode:         ENFORCE",
                "  Reason:       first alert",
                "LINKS\n", "  GuardDuty:    https://us-east-1.console.aws.amazon.com/guardduty/home?region=us-east-1"
                        + "#/findings?macros=current&fId=a1b2c3d4e5f60718293a4b5c6d7e8f90",
                "FINDING (canonical JSON)\n");
        String json = message.substring(message.indexOf("FINDING (canonical JSON)\n") + 25);
        assertThat(FindingCodec.fromJson(json.getBytes(StandardCharsets.UTF_8))).isEqualTo(finding);
        assertThat(attributes(envelope)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "severity", "HIGH", "source", "guardduty", "type", "UnauthorizedAccess:EC2/SSHBruteForce",
                "account", "111122223333", "region", "us-east-1", "priority", "high"));
    }

    @Test
    void aFindingWithA400KbDescriptionIsTrimmedUnder256KibAndStillDelivered() throws IOException {
        Subscription sub = subscribe("big-description");
        String huge = "Repeated connection attempts. ".repeat(14_000); // 420,000 characters
        Finding finding = TestRequests.finding(TestRequests.SSH_BRUTE_FORCE, d -> d.put("description", huge));

        ActionOutcome outcome = action.execute(request(sub.topicArn(), null, finding), clients);

        assertThat(outcome.outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(outcome.facts().get("trimmed")).contains("description cut to 1000 characters");
        assertThat(Integer.parseInt(outcome.facts().get("bytes"))).isLessThanOrEqualTo(256 * 1024);
        String message = sub.receiveOne().path("Message").asText();
        assertThat(message.getBytes(StandardCharsets.UTF_8).length).isLessThan(256 * 1024);
        assertThat(message).contains("SCORE 85/100 (HIGH)", "more characters in the JSON)",
                "FINDING (canonical JSON, trimmed to fit SNS's 256 KiB: JSON printed compact; description cut to 1000")
                .doesNotContain("truncated,");
        JsonNode slim = JSON.readTree(message.substring(message.indexOf("\n{") + 1));
        assertThat(slim.path("id").asText()).isEqualTo(finding.id());
        assertThat(slim.path("description").asText()).hasSizeLessThan(1_100).endsWith("characters omitted)");
    }

    @Test
    void whenTrimmingTheJsonIsNotEnoughTheMessageIsCutAtACharacterBoundaryWithANote() throws IOException {
        Subscription sub = subscribe("huge-title");
        String title = "\u00e9\ud83d\udd25".repeat(60_000); // 2- and 4-byte UTF-8: 360,000 bytes
        Finding finding = TestRequests.finding(TestRequests.SSH_BRUTE_FORCE, d -> d.put("title", title));

        ActionOutcome outcome = action.execute(request(sub.topicArn(), null, finding), clients);

        assertThat(outcome.outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(Integer.parseInt(outcome.facts().get("bytes"))).isLessThanOrEqualTo(256 * 1024);
        JsonNode envelope = sub.receiveOne();
        String message = envelope.path("Message").asText();
        assertThat(message).matches("(?s).*\n\u2026truncated, \\d+ bytes omitted$").doesNotContain("\ufffd");
        assertThat(envelope.path("Subject").asText()).matches("\\[HIGH] e.*").hasSizeLessThan(100);
    }

    @Test
    void subjectIsPrintableAsciiOnOneLineUnder100Characters() {
        assertThat(NotificationText.subject("ALERT", "HIGH", "Line one\nLine two\r\n\tTabbed\u0007bell  Überwachung"))
                .isEqualTo("ALERT [HIGH] Line one Line two Tabbed bell Uberwachung");
        assertThat(NotificationText.subject(null, "LOW", "x".repeat(300))).hasSize(99).endsWith("...");
        assertThat(NotificationText.subject("", "LOW", "\n\n")).isEqualTo("[LOW] Security finding");
    }

    @Test
    void aTitleWithLineBreaksIsSanitizedAndDelivered() throws IOException {
        Subscription sub = subscribe("newlines");
        Finding finding = TestRequests.finding(TestRequests.SSH_BRUTE_FORCE,
                d -> d.put("title", "SSH brute force\nagainst web-01\r\n\u0000now"));

        ActionOutcome outcome = action.execute(request(sub.topicArn(), "[prod]", finding), clients);

        assertThat(outcome.outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(sub.receiveOne().path("Subject").asText())
                .isEqualTo("[prod] [HIGH] SSH brute force against web-01 now");
    }

    @Test
    void aFifoTopicDeduplicatesARedeliveredRequest() throws IOException {
        String topicArn = sns.createTopic(r -> r.name("alerts-" + suffix() + ".fifo")
                .attributes(Map.of("FifoTopic", "true"))).topicArn();
        Subscription sub = subscribe(topicArn, "alerts-" + suffix() + ".fifo");
        ActionRequest request = request(topicArn, null, TestRequests.finding(TestRequests.SSH_BRUTE_FORCE));

        assertThat(action.execute(request, clients).outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(action.execute(request, clients).outcome()).isEqualTo(Outcome.APPLIED);

        assertThat(sub.receive(2, 3)).hasSize(1);
    }

    @Test
    void theOutcomeOfABlockIsPublishedForPlaybooksThatAsk() throws IOException {
        Subscription sub = subscribe("outcomes");
        ActionRequest.Target target = new ActionRequest.Target("nacl:111122223333:us-east-1", "111122223333",
                "us-east-1", "network-acl", "acl-0abc", "198.51.100.23");
        ActionResult failed = new ActionResult("req-42", "nacl-deny", target, Outcome.FAILED,
                "network ACL acl-0abc is full (20 rules)", List.of("aws-req-1"), Map.of("naclId", "acl-0abc"),
                "guardduty:111122223333:us-east-1:a1b2", "contain-ssh-brute-force",
                Instant.parse("2024-06-11T09:21:01Z"), Instant.parse("2024-06-11T09:21:02Z"));

        ActionOutcome outcome = action.notifyOutcome(failed, sub.topicArn(), clients);

        assertThat(outcome.outcome()).isEqualTo(Outcome.APPLIED);
        JsonNode envelope = sub.receiveOne();
        assertThat(envelope.path("Subject").asText())
                .isEqualTo("[FAILED] nacl-deny 198.51.100.23 (playbook contain-ssh-brute-force)");
        assertThat(envelope.path("Message").asText()).contains("Action nacl-deny: FAILED\n",
                "network ACL acl-0abc is full (20 rules)", "  Address:      198.51.100.23",
                "  naclId:       acl-0abc", "aws-req-1");
        assertThat(attributes(envelope)).containsEntry("outcome", "FAILED").containsEntry("priority", "high")
                .containsEntry("action", "nacl-deny").containsEntry("account", "111122223333");
    }

    @Test
    void aMissingTopicIsAPermanentFailureAndUndoHasNothingToRecall() {
        String missing = "arn:aws:sns:us-east-1:" + ADMIN + ":no-such-topic";
        ActionRequest request = request(missing, null, TestRequests.finding(TestRequests.SSH_BRUTE_FORCE));

        ActionOutcome outcome = action.execute(request, clients);
        assertThat(outcome.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(outcome.detail()).contains("NotFound");

        ActionOutcome undo = action.undo(request, clients);
        assertThat(undo.outcome()).isEqualTo(Outcome.ALREADY_APPLIED);
        assertThat(undo.detail()).contains("cannot be recalled");
        assertThat(action.reversibility().reversible()).isFalse();
        assertThat(action.permissions()).containsExactly("sns:Publish");
        assertThat(action.schema().name()).isEqualTo("sns-notify");
    }

    private static ActionRequest request(String topicArn, String prefix, Finding finding) {
        String[] arn = topicArn.split(":");
        Map<String, Object> params = prefix == null
                ? Map.of("topic-arn", topicArn, "priority", "high")
                : Map.of("topic-arn", topicArn, "priority", "high", "subject-prefix", prefix);
        ActionRequest.Target target = new ActionRequest.Target("sns:" + topicArn, arn[4], arn[3], "sns-topic",
                topicArn, null);
        return TestRequests.request("req-" + suffix(), "sns-notify", params, target, finding);
    }

    private static Map<String, String> attributes(JsonNode envelope) {
        Map<String, String> values = new java.util.HashMap<>();
        envelope.path("MessageAttributes").fields().forEachRemaining(e -> {
            assertThat(e.getValue().path("Type").asText()).isEqualTo("String");
            values.put(e.getKey(), e.getValue().path("Value").asText());
        });
        return values;
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private Subscription subscribe(String topicName) {
        return subscribe(sns.createTopic(r -> r.name(topicName + "-" + suffix())).topicArn(), topicName + "-" + suffix());
    }

    private Subscription subscribe(String topicArn, String queueName) {
        Map<QueueAttributeName, String> attributes = queueName.endsWith(".fifo")
                ? Map.of(QueueAttributeName.FIFO_QUEUE, "true") : Map.of();
        String queueUrl = sqs.createQueue(r -> r.queueName(queueName).attributes(attributes)).queueUrl();
        String queueArn = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        sns.subscribe(r -> r.topicArn(topicArn).protocol("sqs").endpoint(queueArn)
                .attributes(Map.of("RawMessageDelivery", "false")));
        return new Subscription(topicArn, queueUrl);
    }

    private record Subscription(String topicArn, String queueUrl) {

        JsonNode receiveOne() throws IOException {
            List<JsonNode> messages = receive(1, 5);
            assertThat(messages).hasSize(1);
            return messages.get(0);
        }

        /** Polls until {@code count} messages arrived or {@code seconds} passed (moto delivers synchronously). */
        List<JsonNode> receive(int count, int seconds) throws IOException {
            List<JsonNode> bodies = new ArrayList<>();
            long deadline = System.nanoTime() + seconds * 1_000_000_000L;
            while (bodies.size() < count && System.nanoTime() < deadline) {
                for (var m : sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1))
                        .messages()) {
                    bodies.add(JSON.readTree(m.body()));
                }
            }
            return bodies;
        }
    }
}
