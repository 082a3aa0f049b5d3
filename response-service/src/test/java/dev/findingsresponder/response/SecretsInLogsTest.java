package dev.findingsresponder.response;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.findingsresponder.model.ActionRequest;
import dev.findingsresponder.model.ActionResult;
import dev.findingsresponder.model.ActionResult.Outcome;
import dev.findingsresponder.model.FindingCodec;
import dev.findingsresponder.model.Mode;
import dev.findingsresponder.model.Topics;
import dev.findingsresponder.response.rest.OperatorKeys;
import dev.findingsresponder.testsupport.KafkaTestResource;
import dev.findingsresponder.testsupport.MotoServer;
import dev.findingsresponder.testsupport.MotoExtension;
import dev.findingsresponder.testsupport.MotoTestResource;
import dev.findingsresponder.testsupport.TopicProbe;
import dev.findingsresponder.testsupport.auth.JwtTestResource;
import dev.findingsresponder.testsupport.auth.LogCapture;
import dev.findingsresponder.testsupport.auth.OpsApiContract;
import dev.findingsresponder.testsupport.auth.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Runs the service's flows with known secrets about (API keys, the AWS secret key, bearer tokens sent to it, a
 * record carrying credential-looking fields) and checks that none of them appears in full in what it logs.
 */
@ExtendWith(MotoExtension.class)
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(MotoTestResource.class)
@QuarkusTestResource(JwtTestResource.class)
class SecretsInLogsTest {

    private static final String ACCOUNT = "123456789012";
    private static final String REGION = "us-east-1";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String SESSION_TOKEN = "FwoGZXIvYXdzEXAMPLEsessionTOKENvalue0123456789abcdef";
    private static final String EVENT_SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    @Test
    void noSecretIsLoggedInFull() {
        String operatorToken = TestTokens.operator();
        String viewerToken = TestTokens.viewer();
        String expiredToken = TestTokens.sign(TestTokens.claims(TestTokens.OPERATOR_NAME, "operator")
                .issuedAt(Instant.now().minusSeconds(7200)).expiresAt(Instant.now().minusSeconds(3600)));
        String foreignToken = TestTokens.signWithAnotherKey(TestTokens.claims(TestTokens.OPERATOR_NAME, "operator"));
        List<String> secrets = new ArrayList<>(List.of(OperatorKeys.VIEWER, OperatorKeys.OPERATOR,
                OperatorKeys.UNNAMED_OPERATOR, OperatorKeys.UNKNOWN, MotoServer.SECRET_KEY, SESSION_TOKEN,
                EVENT_SECRET_KEY));
        for (String token : List.of(operatorToken, viewerToken, expiredToken, foreignToken)) {
            secrets.add(token);
            secrets.add(token.substring(token.lastIndexOf('.') + 1)); // the signature alone
        }

        try (LogCapture logs = LogCapture.start()) {
            // the operator API with every kind of credential, good and bad
            OperatorKeys.asViewer().get("/approvals").then().statusCode(200);
            OperatorKeys.apiKey(OperatorKeys.OPERATOR).post("/reconcile").then().statusCode(200);
            OperatorKeys.bearer(OperatorKeys.UNKNOWN).get("/blocks").then().statusCode(401);
            OperatorKeys.apiKey(OperatorKeys.UNNAMED_OPERATOR).get("/results").then().statusCode(200);
            OpsApiContract.bearer(viewerToken).post("/reconcile").then().statusCode(403);
            OpsApiContract.bearer(expiredToken).get("/blocks").then().statusCode(401);
            OpsApiContract.bearer(foreignToken).get("/blocks").then().statusCode(401);
            ActionRequest parked = request("203.0.113.70", Mode.APPROVE, "acl-0123456789abcdef0");
            assertThat(send(parked)).extracting(ActionResult::outcome).containsExactly(Outcome.PENDING);
            OpsApiContract.bearer(operatorToken).post("/approvals/{id}/reject", parked.requestId()).then()
                    .statusCode(200);

            // AWS calls that fail (a NACL that does not exist) with the secret key configured
            ActionResult failed = send(request("203.0.113.71", Mode.ENFORCE, "acl-00000000000000000")).get(0);
            assertThat(failed.outcome()).isEqualTo(Outcome.FAILED);

            // a record that is no action request but carries credentials: dead-lettered, and logged as a problem
            String junk = "{\"requestId\": 7, \"Credentials\": {\"AccessKeyId\": \"ASIAEXAMPLEKEYID0001\","
                    + " \"SecretAccessKey\": \"" + EVENT_SECRET_KEY + "\", \"SessionToken\": \"" + SESSION_TOKEN
                    + "\"}, \"marker\": \"" + UUID.randomUUID() + "\"}";
            try (TopicProbe dlq = TopicProbe.from(Topics.FINDINGS_DLQ)) {
                TopicProbe.send(Topics.ACTIONS_REQUESTED, "nacl:" + ACCOUNT + ":" + REGION,
                        junk.getBytes(StandardCharsets.UTF_8));
                List<ConsumerRecord<String, byte[]>> letters = dlq.await(
                        r -> new String(r.value(), StandardCharsets.UTF_8).contains("NOT_AN_ACTION_REQUEST"), 1, WAIT);
                assertThat(letters).isNotEmpty();
            }

            // the capture sees the service's own log lines: the decision and the rejected record
            assertThat(logs.lines()).as("the capture works").anyMatch(
                    l -> l.contains(TestTokens.OPERATOR_NAME + " rejected " + parked.requestId()));
            assertThat(logs.lines()).anyMatch(l -> l.contains("not an action request"));
            assertThat(logs.linesContainingAny(secrets)).isEmpty();
        }
    }

    private List<ActionResult> send(ActionRequest request) {
        try (TopicProbe results = TopicProbe.from(Topics.ACTIONS_RESULTS)) {
            TopicProbe.send(Topics.ACTIONS_REQUESTED, request.target().key(), FindingCodec.write(request));
            return Results.await(results, request.requestId(), 1, WAIT);
        }
    }

    private static ActionRequest request(String address, Mode mode, String nacl) {
        return new ActionRequest("req-" + UUID.randomUUID(), "nacl-deny", Map.of("nacl-id", nacl),
                new ActionRequest.Target("nacl:" + ACCOUNT + ":" + REGION, ACCOUNT, REGION, "network-acl", nacl,
                        address),
                mode, Duration.ofHours(1), "block-attackers", "secrets test", Instant.now(), null, null);
    }
}
