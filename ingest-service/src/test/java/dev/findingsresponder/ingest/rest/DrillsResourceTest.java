package dev.findingsresponder.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.findingsresponder.model.Finding;
import dev.findingsresponder.model.FindingCodec;
import dev.findingsresponder.model.Topics;
import dev.findingsresponder.testsupport.KafkaTestResource;
import dev.findingsresponder.testsupport.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** POST /drills against the real test broker: the drill goes through findings.raw and the service's own pipeline. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class DrillsResourceTest {

    private static final String KEY_HEADER = "x-api-key";
    private static final String KEY = "test-api-key";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void drillEventsComeBackNormalizedAsSamplesOfTheAccountRegionAndAddressesAsked() {
        String account = freshAccount();
        try (TopicProbe normalized = TopicProbe.from(Topics.FINDINGS_NORMALIZED)) {
            List<String> eventIds = post("""
                    {"type": "credential-exfiltration", "count": 3, "accounts": ["%s"], "region": "eu-west-1",
                     "addresses": ["2001:db8:dead::/64"], "seed": 11}""".formatted(account))
                    .statusCode(202)
                    .body("type", equalTo("credential-exfiltration"))
                    .body("sent", equalTo(3))
                    .body("findings", equalTo(3))
                    .body("eventIds", hasSize(3))
                    .extract().jsonPath().getList("eventIds", String.class);

            List<Finding> findings = findingsOf(normalized, account, 3);
            assertThat(findings).hasSize(3).allSatisfy(f -> {
                assertThat(f.type()).isEqualTo("UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS");
                assertThat(f.state().sample()).isTrue();
                assertThat(f.region()).isEqualTo("eu-west-1");
                assertThat(f.network()).singleElement()
                        .satisfies(n -> assertThat(n.remoteIp()).startsWith("2001:db8:dead:"));
            });
            assertThat(findings).extracting(f -> f.raw().eventId()).containsExactlyInAnyOrderElementsOf(eventIds);
            assertThat(findings).extracting(Finding::id).doesNotHaveDuplicates();
        }
    }

    @Test
    void repeatsArriveAsNewerVersionsOfTheSameFinding() {
        String account = freshAccount();
        try (TopicProbe normalized = TopicProbe.from(Topics.FINDINGS_NORMALIZED)) {
            post("""
                    {"type": "ssh-brute-force", "count": 1, "repeat": 3, "accounts": "%s", "addresses": "203.0.113.50"}
                    """.formatted(account))
                    .statusCode(202).body("sent", equalTo(3)).body("findings", equalTo(1));

            List<Finding> reports = findingsOf(normalized, account, 3);
            assertThat(reports).extracting(Finding::id).containsOnly(reports.get(0).id());
            assertThat(reports).extracting(Finding::count).containsExactlyInAnyOrder(1L, 2L, 3L);
            assertThat(reports).allSatisfy(f -> assertThat(f.network().get(0).remoteIp()).isEqualTo("203.0.113.50"));
        }
    }

    @Test
    void aRateSpreadsTheSendsAndTheAnswerComesAfterTheLast() {
        long start = System.nanoTime();
        post("{\"type\": \"port-probe\", \"count\": 5, \"rate\": 20, \"accounts\": [\"" + freshAccount() + "\"]}")
                .statusCode(202)
                .body("sent", equalTo(5))
                .body("durationMs", greaterThanOrEqualTo(190));
        // five events at 20/s: the last one is due 200 ms after the first
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(190));
    }

    @Test
    void withoutOrWithAWrongKeyIs401() {
        given().contentType("application/json").body("{\"type\": \"port-probe\"}").post("/drills").then()
                .statusCode(401).body("error", containsString(KEY_HEADER));
        given().header(KEY_HEADER, "wrong").contentType("application/json").body("{\"type\": \"nope\"}")
                .post("/drills").then()
                .statusCode(401);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"type\": \"sql-injection\"} | unknown drill type 'sql-injection'; known types: ssh-brute-force, rdp-brute-force",
        "{\"count\": 2} | type is required; known types:",
        "{\"type\": \"port-probe\", \"count\": 0} | count must be from 1 to 100000, got 0",
        "{\"type\": \"port-probe\", \"addresses\": [\"198.51.100.0/33\"]} | prefix length /33 is not valid for IPv4",
        "{\"type\": \"port-probe\", \"addresses\": [\"evil.example\"]} | address 'evil.example' is not an IPv4 or IPv6",
        "{\"type\": \"port-probe\", \"acounts\": [\"111122223333\"]} | unknown field 'acounts'; known fields: type, count,",
        "{\"type\": \"port-probe\", \"count\": \"many\"} | field 'count' has the wrong type",
        "{\"type\": \"port-probe\", \"rate\": -2} | rate must be 0 (as fast as possible) or more events per second",
        "{\"type\": \"port-probe\" | the body is not JSON",
        "[1, 2] | the body must be a JSON object",
        "{\"type\": \"port-probe\", \"count\": 10001} | a drill of 10001 events (count 10001 x repeat 1) is above the limit of 10000 events (ingest.drill.max-count)",
        "{\"type\": \"port-probe\", \"count\": 5000, \"repeat\": 3} | a drill of 15000 events (count 5000 x repeat 3) is above the limit",
        "{\"type\": \"port-probe\", \"count\": 100, \"rate\": 1} | at 1.0 events per second, 100 events take 100.0 s, longer than the 60 s a drill may take (ingest.drill.max-duration)"})
    void badSpecsAndDrillsAboveTheCapsAre400WithTheReason(String body, String message) {
        post(body).statusCode(400).body("error", containsString(message.strip()));
    }

    @Test
    void acknowledgedDrillEventsAreCountedByType() {
        post("{\"type\": \"malicious-ip-caller\", \"count\": 2, \"accounts\": [\"" + freshAccount() + "\"]}")
                .statusCode(202);
        given().get("/q/metrics").then()
                .statusCode(200)
                .body(containsString("ingest_drill_events_total{type=\"malicious-ip-caller\"}"));
    }

    private static ValidatableResponse post(String body) {
        return given().header(KEY_HEADER, KEY).contentType("application/json").body(body).post("/drills").then();
    }

    /** Normalized findings of one test's own account (other tests' drills share the topic). */
    private static List<Finding> findingsOf(TopicProbe normalized, String account, int count) {
        return normalized.await(r -> FindingCodec.fromJson(r.value()).account().equals(account), count, WAIT).stream()
                .map(ConsumerRecord::value)
                .map(FindingCodec::fromJson)
                .toList();
    }

    private static String freshAccount() {
        return String.valueOf(ThreadLocalRandom.current().nextLong(100_000_000_000L, 999_999_999_999L));
    }
}
