package dev.findingsresponder.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.findingsresponder.model.DeadLetter;
import dev.findingsresponder.model.FindingCodec;
import dev.findingsresponder.model.Topics;
import dev.findingsresponder.testsupport.EventFixtures;
import dev.findingsresponder.ingest.messaging.SqsIngestTest;
import dev.findingsresponder.testsupport.KafkaTestResource;
import dev.findingsresponder.testsupport.MotoServer;
import dev.findingsresponder.testsupport.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * With INGEST_ACCOUNT_ALLOWLIST set, a finding of any other account is rejected to findings.dlq with the reason
 * ACCOUNT_NOT_ALLOWED on every input: POST /events, findings.raw and SQS; one of an allowed account passes.
 */
@QuarkusTest
@TestProfile(AccountAllowlistTest.Allowlisted.class)
class AccountAllowlistTest {

    private static final String ALLOWED = "111122223333";
    private static final String OUTSIDER = "999988887777";
    private static final String FIXTURE = "guardduty/eb_unauthorizedaccess-iamuser-instancecredentialexfiltration-outsideaws.json";
    private static final Duration WAIT = Duration.ofSeconds(30);

    public static class Allowlisted implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ingest.account-allowlist", ALLOWED + ",222233334444", "ingest.sqs.enabled", "true",
                    "ingest.sqs.wait-seconds", "1");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(KafkaTestResource.class),
                    new TestResourceEntry(SqsIngestTest.QueueResource.class));
        }
    }

    @Test
    void postEventsRejectsAnOutsidersFindingAndAcceptsAnAllowedOne() {
        try (TopicProbe dlq = TopicProbe.from(Topics.FINDINGS_DLQ)) {
            byte[] outsider = eventOf(OUTSIDER);
            given().header("x-api-key", "test-api-key").contentType("application/json").body(outsider)
                    .post("/events").then()
                    .statusCode(400)
                    .body("rejected[0].reason", equalTo("ACCOUNT_NOT_ALLOWED"));
            DeadLetter letter = letterFor(dlq, outsider);
            assertThat(letter.reason()).isEqualTo("ACCOUNT_NOT_ALLOWED");
            assertThat(letter.detail()).contains(OUTSIDER);
            assertThat(letter.origin().kind()).isEqualTo("http");
        }
        given().header("x-api-key", "test-api-key").contentType("application/json").body(eventOf(ALLOWED))
                .post("/events").then().statusCode(202).body("findingsPublished", equalTo(1));
    }

    @Test
    void kafkaRejectsAnOutsidersFinding() {
        try (TopicProbe dlq = TopicProbe.from(Topics.FINDINGS_DLQ)) {
            byte[] outsider = eventOf(OUTSIDER);
            TopicProbe.send(Topics.FINDINGS_RAW, "k", outsider);
            DeadLetter letter = letterFor(dlq, outsider);
            assertThat(letter.reason()).isEqualTo("ACCOUNT_NOT_ALLOWED");
            assertThat(letter.origin().kind()).isEqualTo("kafka");
        }
    }

    @Test
    void sqsRejectsAnOutsidersFinding() {
        try (SqsClient sqs = sqs();
             TopicProbe dlq = TopicProbe.from(Topics.FINDINGS_DLQ)) {
            String queueUrl = sqs.getQueueUrl(r -> r.queueName(SqsIngestTest.QUEUE)).queueUrl();
            byte[] outsider = eventOf(OUTSIDER);
            sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(new String(outsider, StandardCharsets.UTF_8)));
            DeadLetter letter = letterFor(dlq, outsider);
            assertThat(letter.reason()).isEqualTo("ACCOUNT_NOT_ALLOWED");
            assertThat(letter.origin().kind()).isEqualTo("sqs");
        }
    }

    private static SqsClient sqs() {
        return SqsClient.builder()
                .endpointOverride(URI.create(MotoServer.endpoint()))
                .region(Region.of(MotoServer.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(MotoServer.ACCESS_KEY, MotoServer.SECRET_KEY)))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** A fresh GuardDuty credential exfiltration event whose finding belongs to {@code account}. */
    private static byte[] eventOf(String account) {
        try {
            ObjectNode event = (ObjectNode) FindingCodec.mapper().readTree(EventFixtures.freshGuardDuty(FIXTURE));
            ((ObjectNode) event.get("detail")).put("accountId", account);
            return FindingCodec.mapper().writeValueAsBytes(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static DeadLetter letterFor(TopicProbe dlq, byte[] event) {
        String id;
        try {
            id = FindingCodec.mapper().readTree(event).get("id").asText(); // the event id, fresh per event
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<ConsumerRecord<String, byte[]>> letters = dlq.await(
                r -> new String(r.value(), StandardCharsets.UTF_8).contains(id), 1, WAIT);
        assertThat(letters).hasSize(1);
        return TestEvents.deadLetter(letters.get(0).value());
    }
}
