package dev.findingsresponder.ingest.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.findingsresponder.model.DeadLetter;
import dev.findingsresponder.model.Finding;
import dev.findingsresponder.model.InputForm;
import dev.findingsresponder.model.FindingCodec;
import dev.findingsresponder.model.Topics;
import dev.findingsresponder.testsupport.EventFixtures;
import dev.findingsresponder.testsupport.KafkaTestResource;
import dev.findingsresponder.testsupport.MotoServer;
import dev.findingsresponder.testsupport.MotoTestResource;
import dev.findingsresponder.testsupport.TopicProbe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** SQS polling against moto: an EventBridge rule's queue, drained into Kafka, messages deleted after the ack. */
@QuarkusTest
@TestProfile(SqsIngestTest.SqsEnabled.class)
public class SqsIngestTest {

    public static final String QUEUE = "guardduty-findings";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    SqsPoller poller;

    @Inject
    MeterRegistry registry;

    public static class SqsEnabled implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ingest.sqs.enabled", "true", "ingest.sqs.wait-seconds", "1");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(KafkaTestResource.class), new TestResourceEntry(QueueResource.class));
        }
    }

    /** moto, emptied, with the queue the poller reads. */
    public static class QueueResource extends MotoTestResource {
        @Override
        public Map<String, String> start() {
            Map<String, String> config = new HashMap<>(super.start());
            try (SqsClient sqs = sqs()) {
                config.put("ingest.sqs.queue-url", sqs.createQueue(r -> r.queueName(QUEUE)).queueUrl());
            }
            return config;
        }
    }

    @Test
    void eventsAndSnsWrappedEventsFlowToKafkaAndBadOnesToTheDlqThenTheQueueIsEmpty() {
        try (SqsClient sqs = sqs();
             TopicProbe normalized = TopicProbe.from(Topics.FINDINGS_NORMALIZED);
             TopicProbe dlq = TopicProbe.from(Topics.FINDINGS_DLQ)) {
            String queueUrl = sqs.getQueueUrl(r -> r.queueName(QUEUE)).queueUrl();
            String event = fixture("guardduty/eb_unauthorizedaccess-ec2-sshbruteforce.json");
            sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(event));
            String notJson = "this is not an event";
            String sent = sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(notJson)).messageId();

            List<ConsumerRecord<String, byte[]>> out = normalized.await(r -> true, 1, WAIT);
            assertThat(out).hasSize(1);
            assertThat(FindingCodec.fromJson(out.get(0).value()).type()).isEqualTo("UnauthorizedAccess:EC2/SSHBruteForce");

            DeadLetter letter = read(dlq.await(r -> true, 1, WAIT).get(0).value());
            assertThat(letter.reason()).isEqualTo("NOT_JSON");
            assertThat(letter.origin().kind()).isEqualTo("sqs");
            assertThat(letter.origin().messageId()).isEqualTo(sent);
            assertThat(letter.origin().queueUrl()).isEqualTo(queueUrl);

            assertThat(messagesLeft(sqs, queueUrl)).isZero();
        }
    }

    @Test
    void anSnsNotificationWrappingAnEventIsNormalizedAndDeleted() throws Exception {
        byte[] event = EventFixtures.freshGuardDuty("guardduty/eb_recon-ec2-portprobeunprotectedport.json");
        String findingId = JSON.readTree(event).path("detail").path("id").asText();
        ObjectNode notification = JSON.createObjectNode()
                .put("Type", "Notification")
                .put("MessageId", UUID.randomUUID().toString())
                .put("TopicArn", "arn:aws:sns:us-east-1:444455556666:findings-fanout")
                .put("Message", new String(event, StandardCharsets.UTF_8))
                .put("Timestamp", "2024-06-11T19:00:01.000Z");
        try (SqsClient sqs = sqs(null);
             TopicProbe normalized = TopicProbe.from(Topics.FINDINGS_NORMALIZED)) {
            String queueUrl = sqs.getQueueUrl(r -> r.queueName(QUEUE)).queueUrl();
            sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(notification.toString()));

            List<ConsumerRecord<String, byte[]>> out = normalized.await(
                    r -> FindingCodec.fromJson(r.value()).nativeId().equals(findingId), 1, WAIT);
            assertThat(out).hasSize(1);
            Finding finding = FindingCodec.fromJson(out.get(0).value());
            assertThat(finding.type()).isEqualTo("Recon:EC2/PortProbeUnprotectedPort");
            assertThat(finding.raw().form()).isEqualTo(InputForm.SNS);
            assertThat(finding.network()).isNotEmpty();
            assertThat(messagesLeft(sqs, queueUrl)).isZero();
        }
    }

    @Test
    void aDeleteThatSqsRefusesIsCountedNotTakenForDone() {
        String queueName = "delete-refused-" + UUID.randomUUID();
        try (SqsClient setup = sqs(null)) {
            String queueUrl = setup.createQueue(r -> r.queueName(queueName)).queueUrl();
            // the queue is purged between receive and delete, so SQS refuses the receipt handle
            ExecutionInterceptor purgeAfterReceive = new ExecutionInterceptor() {
                @Override
                public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
                    if ("ReceiveMessage".equals(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))) {
                        setup.purgeQueue(r -> r.queueUrl(queueUrl));
                    }
                }
            };
            setup.sendMessage(r -> r.queueUrl(queueUrl).messageBody("not an event (delete refused)"));
            double before = deleteFailures();
            try (SqsClient polled = sqs(purgeAfterReceive)) {
                assertThat(poller.pollOnce(polled, queueUrl)).as("messages deleted").isZero();
            }
            assertThat(deleteFailures() - before).isEqualTo(1.0);
            setup.deleteQueue(r -> r.queueUrl(queueUrl));
        }
    }

    private double deleteFailures() {
        Counter counter = registry.find("ingest.sqs.delete.failures").tag("code", "ReceiptHandleIsInvalid").counter();
        return counter == null ? 0 : counter.count();
    }

    private static int messagesLeft(SqsClient sqs, String queueUrl) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        int left;
        do {
            Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl)
                    .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
            left = Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                    + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
        } while (left > 0 && System.nanoTime() < deadline);
        return left;
    }

    static SqsClient sqs() {
        return sqs(null);
    }

    private static SqsClient sqs(ExecutionInterceptor interceptor) {
        return SqsClient.builder()
                .endpointOverride(URI.create(MotoServer.endpoint()))
                .region(Region.of(MotoServer.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(MotoServer.ACCESS_KEY, MotoServer.SECRET_KEY)))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> {
                    if (interceptor != null) {
                        o.addExecutionInterceptor(interceptor);
                    }
                })
                .build();
    }

    private static String fixture(String path) {
        try (InputStream in = SqsIngestTest.class.getResourceAsStream("/fixtures/" + path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static DeadLetter read(byte[] json) {
        try {
            return FindingCodec.mapper().readValue(json, DeadLetter.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
