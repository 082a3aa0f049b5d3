package dev.findingsresponder.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.findingsresponder.testsupport.KafkaTestResource;
import dev.findingsresponder.testsupport.auth.JwtTestResource;
import dev.findingsresponder.testsupport.auth.OpsApiContract;
import dev.findingsresponder.testsupport.auth.OpsEndpoints;
import dev.findingsresponder.testsupport.auth.SecretValues;
import dev.findingsresponder.testsupport.auth.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Ingest's endpoints with bearer JWTs of the test issuer: the operator API (every resource method found by
 * reflection) by role, and the EventBridge endpoints by their own API key only.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(JwtTestResource.class)
class OpsApiJwtTest {

    /** The %test keys of application.properties. */
    private static final String EVENTBRIDGE_KEY = "test-api-key";
    private static final String VIEWER_KEY = "viewer-key-for-tests-0001";
    private static final String OPERATOR_KEY = "operator-key-for-tests-0001";

    private static final List<OpsEndpoints.Endpoint> ENDPOINTS = OpsEndpoints.ofThisModule();
    private static final OpsApiContract CONTRACT = new OpsApiContract(ENDPOINTS, Set.of());

    @Test
    void theWalkFindsEveryEndpointAndOnlyTheEventBridgeOnesCheckTheirOwnKey() {
        assertThat(ENDPOINTS).extracting(OpsEndpoints.Endpoint::name)
                .contains("GET /dlq", "POST /dlq/replay", "POST /events", "POST /drills");
        assertThat(ENDPOINTS).filteredOn(OpsEndpoints.Endpoint::permitAll).extracting(OpsEndpoints.Endpoint::name)
                .containsExactlyInAnyOrder("POST /events", "POST /drills");
        assertThat(CONTRACT.protectedEndpoints()).filteredOn(CONTRACT::needsOperator)
                .extracting(OpsEndpoints.Endpoint::name).containsExactly("POST /dlq/replay");
    }

    @Test
    void everyOperatorEndpointRefusesAnonymousViewersOnChangesAndBadTokens() {
        assertThat(CONTRACT.violations()).isEmpty();
    }

    @Test
    void eventsAndDrillsAcceptOnlyTheEventBridgeKey() {
        for (String path : List.of("/events", "/drills")) {
            OpsApiContract.bearer(TestTokens.operator()).contentType("application/json").body("{}").post(path).then()
                    .statusCode(401);
            given().header("Authorization", "Bearer " + OPERATOR_KEY).contentType("application/json").body("{}")
                    .post(path).then().statusCode(401);
            given().header("x-api-key", OPERATOR_KEY).contentType("application/json").body("{}").post(path).then()
                    .statusCode(401);
            // past the key check: the empty object is no event / no drill
            given().header("x-api-key", EVENTBRIDGE_KEY).contentType("application/json").body("{}").post(path).then()
                    .statusCode(400);
        }
    }

    @Test
    void healthAndMetricsAnswerAnyoneAndShowNoSecret() {
        String token = TestTokens.operator();
        List<String> secrets = List.of(EVENTBRIDGE_KEY, VIEWER_KEY, OPERATOR_KEY, token);

        assertThat(SecretValues.managementLeaks(secrets, "Bearer " + token)).isEmpty();
        assertThat(SecretValues.managementLeaks(secrets, "Bearer " + VIEWER_KEY)).isEmpty();
    }
}
