package dev.findingsresponder.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import dev.findingsresponder.model.DeadLetter;
import dev.findingsresponder.model.FindingCodec;
import dev.findingsresponder.model.Topics;
import dev.findingsresponder.testsupport.EventFixtures;
import dev.findingsresponder.testsupport.KafkaTestResource;
import dev.findingsresponder.testsupport.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/**
 * {@code GET /dlq} and {@code POST /dlq/replay} against the real test broker: letters written to findings.dlq are
 * listed, a dry run changes nothing, a replay puts the raw event back into findings.raw where the service
 * normalizes it, and letters without a complete raw event are listed but never replayed.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class DeadLetterResourceTest {

    private static final String VIEWER = "viewer-key-for-tests-0001";
    private static final String OPERATOR = "operator-key-for-tests-0001";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void onlyOperatorsReplayAndViewersRead() {
        given().get("/dlq").then().statusCode(401);
        as(VIEWER).get("/dlq?limit=1").then().statusCode(200);
        as(VIEWER).post("/dlq/replay").then().statusCode(403);
        given().post("/dlq/replay").then().statusCode(401);
    }

    @Test
    void badParametersAreRefusedWithAReason() {
        as(VIEWER).get("/dlq?since=yesterday").then().statusCode(400).body("error", containsString("ISO-8601"));
        as(OPERATOR).post("/dlq/replay?limit=0").then().statusCode(400).body("error", containsString("limit"));
    }

    @Test
    void aDryRunListsAndAReplayNormalizesTheEventAgain() {
        String reason = "TEST_FIXED_" + UUID.randomUUID().toString().substring(0, 8);
        byte[] event = EventFixtures.freshGuardDuty("guardduty/eb_unauthorizedaccess-ec2-sshbruteforce.json");
        String findingNativeId = nativeId(event);
        Instant since = Instant.now().minusSeconds(1);
        letter(DeadLetter.of("ingest", reason, "rejected by an older decoder", DeadLetter.Origin.http("10.0.0.1", 0),
                event));
        letter(DeadLetter.of("triage", reason, "a triage letter", DeadLetter.Origin.kafka("findings.normalized", 0, 1),
                "{}".getBytes(StandardCharsets.UTF_8)));

        try (TopicProbe normalized = TopicProbe.from(Topics.FINDINGS_NORMALIZED)) {
            as(OPERATOR).post("/dlq/replay?reason=" + reason + "&since=" + since).then().statusCode(200)
                    .body("dryRun", is(true)).body("matched", is(2)).body("replayed", is(0))
                    .body("letters[0].replay", is("would replay"))
                    .body("letters[1].replay", containsString("not replayable"));
            assertThat(normalized.drain(r -> contains(r, findingNativeId), Duration.ofSeconds(3))).isEmpty();

            try (TopicProbe raw = TopicProbe.from(Topics.FINDINGS_RAW)) {
                as(OPERATOR).post("/dlq/replay?dryRun=false&reason=" + reason + "&since=" + since).then()
                        .statusCode(200).body("replayed", is(1)).body("letters[0].replay", is("replayed"));
                ConsumerRecord<String, byte[]> replayed = raw.await(r -> contains(r, findingNativeId), 1, WAIT).get(0);
                assertThat(new String(replayed.headers().lastHeader("replayed-by").value(), StandardCharsets.UTF_8))
                        .isEqualTo("test-operator");
                assertThat(new String(replayed.headers().lastHeader("replayed-from").value(), StandardCharsets.UTF_8))
                        .startsWith("findings.dlq/");
            }
            assertThat(normalized.await(r -> contains(r, findingNativeId), 1, WAIT)).hasSize(1);
        }
        List<Map<String, Object>> listed = as(VIEWER).get("/dlq?reason=" + reason + "&since=" + since).then()
                .statusCode(200).extract().jsonPath().getList("letters");
        assertThat(listed).hasSize(2).allSatisfy(l -> assertThat(l.get("reason")).isEqualTo(reason));
    }

    private static String nativeId(byte[] event) {
        try {
            return FindingCodec.mapper().readTree(event).path("detail").path("id").asText();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void letter(DeadLetter letter) {
        TopicProbe.send(Topics.FINDINGS_DLQ, letter.rawSha256(), FindingCodec.write(letter));
    }

    private static boolean contains(ConsumerRecord<String, byte[]> record, String text) {
        return new String(record.value(), StandardCharsets.UTF_8).contains(text);
    }

    private static RequestSpecification as(String key) {
        return given().header("Authorization", "Bearer " + key);
    }
}
