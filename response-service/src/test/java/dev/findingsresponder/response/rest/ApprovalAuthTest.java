package dev.findingsresponder.response.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.findingsresponder.model.ActionRequest;
import dev.findingsresponder.model.ActionResult.Outcome;
import dev.findingsresponder.model.Mode;
import dev.findingsresponder.response.ActionExecutor;
import dev.findingsresponder.testsupport.KafkaTestResource;
import dev.findingsresponder.testsupport.MotoExtension;
import dev.findingsresponder.testsupport.MotoTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** Who may call /approvals: 401 without a known key, 403 for a viewer deciding, the decider's name recorded. */
@ExtendWith(MotoExtension.class)
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(MotoTestResource.class)
class ApprovalAuthTest {

    private static final String ACCOUNT = "123456789012";
    private static final String REGION = "us-east-1";

    /** The three endpoints, called for an id that is not pending. */
    private static final Map<String, Function<RequestSpecification, Response>> ENDPOINTS = Map.of(
            "GET /approvals", r -> r.get("/approvals"),
            "POST approve", r -> r.post("/approvals/{id}/approve", "req-not-pending"),
            "POST reject", r -> r.post("/approvals/{id}/reject", "req-not-pending"));

    @Inject
    ActionExecutor executor;

    @Test
    void anonymousCallsAreUnauthorizedWithABearerChallenge() {
        ENDPOINTS.forEach((name, call) -> call.apply(given()).then()
                .statusCode(401)
                .header("WWW-Authenticate", OperatorKeys.CHALLENGE));
    }

    @Test
    void anUnknownKeyIsUnauthorizedInEitherHeader() {
        ENDPOINTS.forEach((name, call) -> {
            call.apply(OperatorKeys.bearer(OperatorKeys.UNKNOWN)).then()
                    .statusCode(401).header("WWW-Authenticate", OperatorKeys.CHALLENGE);
            call.apply(OperatorKeys.apiKey(OperatorKeys.UNKNOWN)).then()
                    .statusCode(401).header("WWW-Authenticate", OperatorKeys.CHALLENGE);
        });
    }

    @Test
    void otherAuthorizationSchemesAndNamePrefixedKeysAreUnauthorized() {
        given().header("Authorization", "Basic " + OperatorKeys.OPERATOR).get("/approvals").then().statusCode(401);
        given().header("Authorization", OperatorKeys.OPERATOR).get("/approvals").then().statusCode(401);
        OperatorKeys.bearer(OperatorKeys.OPERATOR_NAME + ":" + OperatorKeys.OPERATOR).get("/approvals").then()
                .statusCode(401);
        given().header("Authorization", "Bearer ").get("/approvals").then().statusCode(401);
    }

    @Test
    void aViewerReadsButMayNotDecide() {
        OperatorKeys.asViewer().get("/approvals").then().statusCode(200);
        OperatorKeys.asViewer().post("/approvals/{id}/approve", "req-not-pending").then().statusCode(403);
        OperatorKeys.asViewer().post("/approvals/{id}/reject", "req-not-pending").then().statusCode(403);
        OperatorKeys.apiKey(OperatorKeys.VIEWER).get("/approvals").then().statusCode(200);
        OperatorKeys.apiKey(OperatorKeys.VIEWER).post("/approvals/{id}/reject", "req-not-pending").then()
                .statusCode(403);
    }

    @Test
    void anOperatorGetsThroughWithEitherHeader() {
        for (RequestSpecification operator : new RequestSpecification[] {OperatorKeys.asOperator(),
                OperatorKeys.apiKey(OperatorKeys.OPERATOR), OperatorKeys.bearer(OperatorKeys.UNNAMED_OPERATOR),
                given().header("Authorization", "bearer  " + OperatorKeys.OPERATOR)}) {
            operator.get("/approvals").then().statusCode(200);
        }
        // 404: the call passed authentication and authorization and reached the resource
        OperatorKeys.asOperator().post("/approvals/{id}/approve", "req-not-pending").then().statusCode(404);
        OperatorKeys.asOperator().post("/approvals/{id}/reject", "req-not-pending").then().statusCode(404);
        OperatorKeys.apiKey(OperatorKeys.OPERATOR).post("/approvals/{id}/approve", "req-not-pending").then()
                .statusCode(404);
        OperatorKeys.apiKey(OperatorKeys.OPERATOR).post("/approvals/{id}/reject", "req-not-pending").then()
                .statusCode(404);
    }

    @Test
    void aViewerCannotRejectAndTheRequestStaysPending() {
        ActionRequest request = parked("203.0.113.40");

        OperatorKeys.asViewer().post("/approvals/{id}/reject", request.requestId()).then().statusCode(403);
        OperatorKeys.asViewer().post("/approvals/{id}/approve", request.requestId()).then().statusCode(403);

        OperatorKeys.asViewer().get("/approvals").then().statusCode(200)
                .body("requestId", hasItem(request.requestId()));
        OperatorKeys.asOperator().post("/approvals/{id}/reject", request.requestId()).then().statusCode(200);
    }

    @Test
    void aRejectionRecordsTheOperatorsName() {
        ActionRequest named = parked("203.0.113.41");
        ActionRequest unnamed = parked("203.0.113.42");

        OperatorKeys.asOperator().post("/approvals/{id}/reject", named.requestId()).then().statusCode(200)
                .body("outcome", is(Outcome.REJECTED.name()))
                .body("detail", is("rejected by " + OperatorKeys.OPERATOR_NAME));
        OperatorKeys.apiKey(OperatorKeys.UNNAMED_OPERATOR).post("/approvals/{id}/reject", unnamed.requestId()).then()
                .statusCode(200)
                .body("detail", is("rejected by " + OperatorKeys.UNNAMED_OPERATOR_NAME));
        OperatorKeys.asViewer().get("/approvals").then().statusCode(200)
                .body("requestId", not(hasItem(named.requestId())));
    }

    @Test
    void healthAndMetricsStayOpenEvenWithAnUnknownKey() {
        for (String path : new String[] {"/q/health/live", "/q/health/ready", "/q/health/started", "/q/metrics"}) {
            given().get(path).then().statusCode(200);
            OperatorKeys.bearer(OperatorKeys.UNKNOWN).get(path).then().statusCode(200);
        }
    }

    @Test
    void anEndpointWithoutARoleAnnotationIsDenied() {
        given().get("/test-only/unannotated").then().statusCode(401);
        OperatorKeys.asOperator().get("/test-only/unannotated").then().statusCode(403);
    }

    /** A nacl-deny request in approve mode, parked by the executor (no AWS call). */
    private ActionRequest parked(String address) {
        ActionRequest request = new ActionRequest("req-" + UUID.randomUUID(), "nacl-deny",
                Map.of("nacl-id", "acl-0123456789abcdef0"),
                new ActionRequest.Target("nacl:" + ACCOUNT + ":" + REGION, ACCOUNT, REGION, "network-acl",
                        "acl-0123456789abcdef0", address),
                Mode.APPROVE, Duration.ofHours(1), "block-attackers", "auth test", Instant.now(), null, null);
        assertThat(executor.handle(request).outcome()).isEqualTo(Outcome.PENDING);
        return request;
    }
}
