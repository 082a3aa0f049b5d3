package dev.findingsresponder.triage;

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
 * Runs triage's flows with known secrets about (operator API keys, bearer tokens, a GuardDuty credential
 * exfiltration finding carrying AccessKeyId / SecretAccessKey / SessionToken) and checks that none of them appears
 * in full in what it logs.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(JwtTestResource.class)
class SecretsInLogsTest {

    private static final String VIEWER_KEY = "viewer-key-for-tests-0001";
    private static final String OPERATOR_KEY = "operator-key-for-tests-0001";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void noSecretIsLoggedInFull() {
        String viewerToken = TestTokens.viewer();
        String expiredToken = TestTokens.sign(TestTokens.claims(TestTokens.VIEWER_NAME, "viewer")
                .issuedAt(Instant.now().minusSeconds(7200)).expiresAt(Instant.now().minusSeconds(3600)));
        List<String> secrets = new ArrayList<>(List.of(VIEWER_KEY, OPERATOR_KEY, CredentialEvents.SECRET_ACCESS_KEY, CredentialEvents.SESSION_TOKEN));
        for (String token : List.of(viewerToken, expiredToken)) {
            secrets.add(token);
            secrets.add(token.substring(token.lastIndexOf('.') + 1));
        }
        String junk = "{\"id\": 7, \"Credentials\": {\"SecretAccessKey\": \"" + CredentialEvents.SECRET_ACCESS_KEY
                + "\", \"SessionToken\": \"" + CredentialEvents.SESSION_TOKEN + "\"}, \"marker\": \"" + System.nanoTime() + "\"}";

        try (LogCapture logs = LogCapture.start(); TopicProbe dlq = TopicProbe.from(Topics.FINDINGS_DLQ)) {
            OpsApiContract.bearer(viewerToken).contentType("application/json").body(CredentialEvents.withCredentials(false))
                    .post("/explain").then().statusCode(200);
            OpsApiContract.bearer(viewerToken).contentType("application/json").body(CredentialEvents.withCredentials(true))
                    .post("/explain").then().statusCode(400);
            OpsApiContract.bearer(expiredToken).get("/playbooks").then().statusCode(401);
            given().header("Authorization", "Bearer " + OPERATOR_KEY).get("/suppressions").then().statusCode(200);
            given().header("x-api-key", VIEWER_KEY).get("/playbooks").then().statusCode(200);

            TopicProbe.send(Topics.FINDINGS_NORMALIZED, "junk", junk.getBytes(StandardCharsets.UTF_8));
            assertThat(dlq.await(r -> new String(r.value(), StandardCharsets.UTF_8).contains("NOT_A_CANONICAL_FINDING"),
                    1, WAIT)).isNotEmpty();

            // the capture sees what goes through the service's log manager (triage logs nothing in these flows)
            String probe = "log capture probe " + System.nanoTime();
            org.jboss.logging.Logger.getLogger("dev.findingsresponder.triage.messaging.NormalizedFindingConsumer").info(probe);
            assertThat(logs.lines()).as("the capture works").anyMatch(l -> l.contains(probe));
            assertThat(logs.linesContainingAny(secrets)).isEmpty();
        }
    }
}
