package dev.findingsresponder.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;


import dev.findingsresponder.model.DeadLetter;
import dev.findingsresponder.model.Hashes;
import dev.findingsresponder.model.FindingCodec;
import dev.findingsresponder.model.Topics;
import dev.findingsresponder.testsupport.EventFixtures;
import dev.findingsresponder.testsupport.KafkaTestResource;
import dev.findingsresponder.testsupport.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** POST /events as an EventBridge API destination calls it (API key from %test config). */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class EventsResourceTest {

    private static final String KEY_HEADER = "x-api-key";
    private static final String KEY = "test-api-key";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void withoutOrWithAWrongKeyIs401() {
        byte[] event = freshEvent("guardduty/eb_unauthorizedaccess-ec2-sshbruteforce.json");
        given().body(event).contentType("application/json").post("/events").then()
                .statusCode(401).body("error", containsString(KEY_HEADER));
        given().header(KEY_HEADER, "wrong").body(event).contentType("application/json").post("/events").then()
                .statusCode(401);
    }

    @Test
    void oneEventIsAcceptedOnlyOnceStoredInKafka() {
        byte[] event = freshEvent("guardduty/eb_unauthorizedaccess-ec2-sshbruteforce.json");
        try (TopicProbe normalized = TopicProbe.from(Topics.FINDINGS_NORMALIZED)) {
            given().header(KEY_HEADER, KEY).contentType("application/json").body(event)
                    .post("/events").then()
                    .statusCode(202)
                    .body("findingsPublished", equalTo(1))
                    .body("rejected", empty());
            // the 202 came after the broker's ack, so the record is there to read
            assertThat(normalized.await(r -> true, 1, WAIT)).hasSize(1);
        }
    }

    @Test
    void batchOfEventsIsAccepted() {
        String batch = "[" + text(freshEvent("guardduty/eb_backdoor-ec2-ccactivity-b.json")) + ","
                + text(freshEvent("guardduty/eb_trojan-ec2-dnsdataexfiltration.json")) + "]";
        given().header(KEY_HEADER, KEY).contentType("application/json").body(batch)
                .post("/events").then()
                .statusCode(202)
                .body("events", equalTo(2))
                .body("findingsPublished", equalTo(2));
    }

    @Test
    void malformedInputIs400WithThePreciseReasonAndLandsInTheDlq() {
        try (TopicProbe dlq = TopicProbe.from(Topics.FINDINGS_DLQ)) {
            given().header(KEY_HEADER, KEY).contentType("application/json").body("{\"source\": \"aws.guardduty\"")
                    .post("/events").then()
                    .statusCode(400)
                    .body("rejected", hasSize(1))
                    .body("rejected[0].reason", equalTo("NOT_JSON"));

            DeadLetter letter = deadLetter(dlq.await(r -> true, 1, WAIT).get(0).value());
            assertThat(letter.origin().kind()).isEqualTo("http");
            assertThat(letter.rawText()).isEqualTo("{\"source\": \"aws.guardduty\"");
        }
    }

    @Test
    void mixedBatchPublishesTheGoodAndRejectsTheBadByIndex() {
        String bad = "{\"version\" : \"0\",\"id\":\"x\",\"source\":\"aws.nothing\",\"detail-type\":\"Thing\",\"account\":\"111122223333\","
                + "\n  \"time\":\"2026-01-01T00:00:00Z\",\"region\":\"us-east-1\",\"resources\":[],\"detail\":{}}";
        String batch = "[" + text(freshEvent("guardduty/eb_unauthorizedaccess-ec2-torclient.json")) + ", " + bad + "]";
        try (TopicProbe dlq = TopicProbe.from(Topics.FINDINGS_DLQ)) {
            given().header(KEY_HEADER, KEY).contentType("application/json").body(batch)
                    .post("/events").then()
                    .statusCode(400)
                    .body("findingsPublished", equalTo(1))
                    .body("rejected[0].index", equalTo(1))
                    .body("rejected[0].reason", equalTo("UNKNOWN_SOURCE"))
                    .body("rejected[0].detail", containsString("aws.nothing"));

            DeadLetter letter = deadLetter(dlq.await(r -> true, 1, WAIT).get(0).value());
            assertThat(letter.rawText()).as("the element's bytes as sent").isEqualTo(bad);
            assertThat(letter.rawSha256()).isEqualTo(Hashes.sha256Hex(bad.getBytes(StandardCharsets.UTF_8)));
        }
    }

    @Test
    void metricsCountInputsBySourceAndOriginAndRejectionsAlsoByReason() {
        given().header(KEY_HEADER, KEY).contentType("application/json")
                .body(freshEvent("guardduty/eb_unauthorizedaccess-ec2-sshbruteforce.json")).post("/events");
        given().header(KEY_HEADER, KEY).contentType("application/json").body("[1]").post("/events");
        given().header(KEY_HEADER, KEY).contentType("application/json")
                .body("{\"source\": \"aws.guardduty\", \"detail-type\": \"GuardDuty Runtime Alert\", \"detail\": {}}")
                .post("/events");
        given().header(KEY_HEADER, KEY).contentType("application/json")
                .body("{\"source\": \"attacker.chosen.label\", \"detail-type\": \"x\", \"detail\": {}}").post("/events");

        given().get("/q/metrics").then()
                .statusCode(200)
                .body(containsString("ingest_findings_published_total{source=\"GUARDDUTY\"}"))
                .body(containsString("ingest_events_received_total{origin=\"http\",source=\"aws.guardduty\"}"))
                .body(containsString("ingest_events_received_total{origin=\"http\",source=\"unknown\"}"))
                .body(containsString(
                        "ingest_events_rejected_total{origin=\"http\",reason=\"NOT_AN_EVENT\",source=\"unknown\"}"))
                .body(containsString("ingest_events_rejected_total{origin=\"http\",reason=\"UNKNOWN_DETAIL_TYPE\","
                        + "source=\"aws.guardduty\"}"))
                .body(containsString(
                        "ingest_events_rejected_total{origin=\"http\",reason=\"UNKNOWN_SOURCE\",source=\"other\"}"))
                .body(not(containsString("attacker.chosen.label")))
                .body(containsString("ingest_normalize_seconds_count"));
    }

    @Test
    void anEventAboveTheEventLimitIs413WithTheReasonAndItsDeadLetterIsTruncated() {
        String event = padded(300 * 1024);
        try (TopicProbe dlq = TopicProbe.from(Topics.FINDINGS_DLQ)) {
            given().header(KEY_HEADER, KEY).contentType("application/json").body(event)
                    .post("/events").then()
                    .statusCode(413)
                    .body("rejected[0].reason", equalTo("OVERSIZED"))
                    .body("rejected[0].detail", containsString("above the limit of 262144"));
            DeadLetter letter = deadLetter(dlq.await(r -> true, 1, WAIT).get(0).value());
            assertThat(letter.rawSize()).isGreaterThan(300 * 1024);
            assertThat(letter.rawTruncated()).isTrue();
        }
    }

    @Test
    void inABatchAnEventAboveTheEventLimitIsOneRejectedIndexOfA400() {
        String batch = "[" + text(freshEvent("guardduty/eb_unauthorizedaccess-ec2-sshbruteforce.json")) + ","
                + padded(300 * 1024) + "]";
        given().header(KEY_HEADER, KEY).contentType("application/json").body(batch)
                .post("/events").then()
                .statusCode(400)
                .body("findingsPublished", equalTo(1))
                .body("rejected", hasSize(1))
                .body("rejected[0].index", equalTo(1))
                .body("rejected[0].reason", equalTo("OVERSIZED"));
    }

    /** A fresh GuardDuty event padded with an unknown field to more than {@code size} bytes. */
    private static String padded(int size) {
        return text(freshEvent("guardduty/eb_unauthorizedaccess-ec2-sshbruteforce.json"))
                .replaceFirst("\\{", "{\"padding\": \"" + "x".repeat(size) + "\",");
    }

    private static byte[] freshEvent(String fixture) {
        return EventFixtures.freshGuardDuty(fixture);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static DeadLetter deadLetter(byte[] json) {
        try {
            return FindingCodec.mapper().readValue(json, DeadLetter.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
