package dev.findingsresponder.response.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.findingsresponder.model.ActionRequest;
import dev.findingsresponder.model.ActionResult.Outcome;
import dev.findingsresponder.model.Mode;
import dev.findingsresponder.response.ActionExecutor;
import dev.findingsresponder.testsupport.KafkaTestResource;
import dev.findingsresponder.testsupport.MotoServer;
import dev.findingsresponder.testsupport.MotoExtension;
import dev.findingsresponder.testsupport.MotoTestResource;
import dev.findingsresponder.testsupport.auth.JwtTestResource;
import dev.findingsresponder.testsupport.auth.OpsApiContract;
import dev.findingsresponder.testsupport.auth.OpsEndpoints;
import dev.findingsresponder.testsupport.auth.SecretValues;
import dev.findingsresponder.testsupport.auth.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The operator API with bearer JWTs of the test issuer, endpoint by endpoint (every resource method of the service,
 * found by reflection), next to the API keys of the test profile.
 */
@ExtendWith(MotoExtension.class)
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(MotoTestResource.class)
@QuarkusTestResource(JwtTestResource.class)
class OpsApiJwtTest {

    private static final List<OpsEndpoints.Endpoint> ENDPOINTS = OpsEndpoints.ofThisModule();
    private static final OpsApiContract CONTRACT = new OpsApiContract(ENDPOINTS, Set.of());

    @Inject
    ActionExecutor executor;

    @Test
    void theWalkFindsEveryOperatorEndpointAndNoneIsOpen() {
        assertThat(ENDPOINTS).extracting(OpsEndpoints.Endpoint::name).contains("GET /approvals",
                "POST /approvals/{requestId}/approve", "POST /approvals/{requestId}/reject", "GET /blocks",
                "DELETE /blocks", "GET /reconcile", "POST /reconcile", "GET /results", "GET /kill-switch",
                "PUT /kill-switch");
        assertThat(ENDPOINTS).filteredOn(OpsEndpoints.Endpoint::permitAll).isEmpty();
        assertThat(CONTRACT.protectedEndpoints()).filteredOn(CONTRACT::needsOperator)
                .extracting(OpsEndpoints.Endpoint::name).containsExactlyInAnyOrder("POST /approvals/{requestId}/approve",
                        "POST /approvals/{requestId}/reject", "DELETE /blocks", "POST /reconcile", "PUT /kill-switch");
    }

    @Test
    void everyEndpointRefusesAnonymousViewersOnChangesAndBadTokens() {
        assertThat(CONTRACT.violations()).isEmpty();
    }

    @Test
    void theOperatorNamedByTheTokenIsRecordedAsTheDecider() {
        ActionRequest request = parked("203.0.113.60");

        OpsApiContract.bearer(TestTokens.viewer()).post("/approvals/{id}/reject", request.requestId()).then()
                .statusCode(403);
        OpsApiContract.bearer(TestTokens.operator()).post("/approvals/{id}/reject", request.requestId()).then()
                .statusCode(200)
                .body("outcome", is(Outcome.REJECTED.name()))
                .body("detail", is("rejected by " + TestTokens.OPERATOR_NAME));
    }

    @Test
    void apiKeysStillWorkNextToTokens() {
        OperatorKeys.asViewer().get("/approvals").then().statusCode(200);
        OperatorKeys.asViewer().post("/reconcile").then().statusCode(403);
        OperatorKeys.asOperator().get("/results").then().statusCode(200);
        OperatorKeys.bearer(OperatorKeys.UNKNOWN).get("/approvals").then().statusCode(401);
    }

    @Test
    void healthAndMetricsAnswerAnyoneAndShowNoSecret() {
        String token = TestTokens.operator();
        List<String> secrets = List.of(OperatorKeys.VIEWER, OperatorKeys.OPERATOR, OperatorKeys.UNNAMED_OPERATOR,
                MotoServer.SECRET_KEY, token);

        assertThat(SecretValues.managementLeaks(secrets, "Bearer " + token)).isEmpty();
        assertThat(SecretValues.managementLeaks(secrets, "Bearer " + OperatorKeys.OPERATOR)).isEmpty();
    }

    private ActionRequest parked(String address) {
        String account = "123456789012";
        ActionRequest request = new ActionRequest("req-" + UUID.randomUUID(), "nacl-deny",
                Map.of("nacl-id", "acl-0123456789abcdef0"),
                new ActionRequest.Target("nacl:" + account + ":us-east-1", account, "us-east-1", "network-acl",
                        "acl-0123456789abcdef0", address),
                Mode.APPROVE, Duration.ofHours(1), "block-attackers", "jwt test", Instant.now(), null, null);
        assertThat(executor.handle(request).outcome()).isEqualTo(Outcome.PENDING);
        return request;
    }
}
