package dev.findingsresponder.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;


import dev.findingsresponder.model.Topics;
import dev.findingsresponder.testsupport.KafkaTestResource;
import dev.findingsresponder.testsupport.TopicProbe;
import dev.findingsresponder.testsupport.auth.CredentialEvents;
import dev.findingsresponder.testsupport.auth.JwtTestResource;
import dev.findingsresponder.testsupport.auth.LogCapture;
import dev.findingsresponder.testsupport.auth.OpsApiContract;
import dev.findingsresponder.testsupport.auth.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Runs ingest's flows with known secrets about (the EventBridge key, operator API keys, bearer tokens, a GuardDuty
 * credential exfiltration finding carrying AccessKeyId / SecretAccessKey / SessionToken) and checks that none of
 * them appears in full in what it logs.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(JwtTestResource.class)
class SecretsInLogsTest {

    private static final String EVENTBRIDGE_KEY = "test-api-key";
    private static final String VIEWER_KEY = "viewer-key-for-tests-0001";
    private static final String OPERATOR_KEY = "operator-key-for-tests-0001";
    private static final String WRONG_KEY = "presented-wrong-eventbridge-key-0001";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void noSecretIsLoggedInFull() {
        String viewerToken = TestTokens.viewer();
        String operatorToken = TestTokens.operator();
        String expiredToken = TestTokens.sign(TestTokens.claims(TestTokens.OPERATOR_NAME, "operator")
                .issuedAt(Instant.now().minusSeconds(7200)).expiresAt(Instant.now().minusSeconds(3600)));
        List<String> secrets = new ArrayList<>(List.of(EVENTBRIDGE_KEY, VIEWER_KEY, OPERATOR_KEY, WRONG_KEY,
                CredentialEvents.SECRET_ACCESS_KEY, CredentialEvents.SESSION_TOKEN));
        for (String token : List.of(viewerToken, operatorToken, expiredToken)) {
            secrets.add(token);
            secrets.add(token.substring(token.lastIndexOf('.') + 1));
        }
        byte[] good = CredentialEvents.withCredentials(false);
        byte[] bad = CredentialEvents.withCredentials(true);

        try (LogCapture logs = LogCapture.start(); TopicProbe dlq = TopicProbe.from(Topics.FINDINGS_DLQ)) {
            given().header("x-api-key", WRONG_KEY).contentType("application/json").body(good).post("/events").then()
                    .statusCode(401);
            given().header("x-api-key", EVENTBRIDGE_KEY).contentType("application/json").body(good).post("/events")
                    .then().statusCode(202);
            given().header("x-api-key", EVENTBRIDGE_KEY).contentType("application/json").body(bad).post("/events")
                    .then().statusCode(400);
            TopicProbe.send(Topics.FINDINGS_RAW, "k", bad);
            byte[] notJson = ("{\"SecretAccessKey\": \"" + CredentialEvents.SECRET_ACCESS_KEY + "\", \"SessionToken\": \""
                    + CredentialEvents.SESSION_TOKEN).getBytes(StandardCharsets.UTF_8);
            TopicProbe.send(Topics.FINDINGS_RAW, "k", notJson);
            assertThat(dlq.await(r -> new String(r.value(), StandardCharsets.UTF_8).contains("NOT_JSON"), 1, WAIT))
                    .isNotEmpty();

            OpsApiContract.bearer(viewerToken).get("/dlq?limit=5").then().statusCode(200);
            OpsApiContract.bearer(expiredToken).get("/dlq").then().statusCode(401);
            given().header("Authorization", "Bearer " + VIEWER_KEY).post("/dlq/replay").then().statusCode(403);
            OpsApiContract.bearer(operatorToken).post("/dlq/replay?reason=NOT_JSON&limit=5&dryRun=false").then().statusCode(200);
            given().header("Authorization", "Bearer " + OPERATOR_KEY).post("/dlq/replay?reason=NOT_JSON&limit=5")
                    .then().statusCode(200);

            assertThat(logs.lines()).as("the capture sees the service's lines").anyMatch(
                    l -> l.contains("replayed") && l.contains(TestTokens.OPERATOR_NAME));
            assertThat(logs.linesContainingAny(secrets)).isEmpty();
        }
    }
}
