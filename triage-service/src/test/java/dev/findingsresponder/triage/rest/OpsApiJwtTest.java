package dev.findingsresponder.triage.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.findingsresponder.testsupport.EventFixtures;
import dev.findingsresponder.testsupport.KafkaTestResource;
import dev.findingsresponder.testsupport.auth.JwtTestResource;
import dev.findingsresponder.testsupport.auth.OpsApiContract;
import dev.findingsresponder.testsupport.auth.OpsEndpoints;
import dev.findingsresponder.testsupport.auth.SecretValues;
import dev.findingsresponder.testsupport.auth.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Triage's operator API with bearer JWTs of the test issuer, every resource method found by reflection. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(JwtTestResource.class)
class OpsApiJwtTest {

    private static final String VIEWER_KEY = "viewer-key-for-tests-0001";
    private static final String OPERATOR_KEY = "operator-key-for-tests-0001";

    private static final List<OpsEndpoints.Endpoint> ENDPOINTS = OpsEndpoints.ofThisModule();
    /** POST /explain computes an explanation without side effects: a read. */
    private static final OpsApiContract CONTRACT = new OpsApiContract(ENDPOINTS, Set.of("POST /explain"));

    @Test
    void theWalkFindsEveryEndpointAndNoneIsOpen() {
        assertThat(ENDPOINTS).extracting(OpsEndpoints.Endpoint::name)
                .contains("POST /explain", "GET /playbooks", "GET /suppressions");
        assertThat(ENDPOINTS).filteredOn(OpsEndpoints.Endpoint::permitAll).isEmpty();
    }

    @Test
    void everyEndpointRefusesAnonymousViewersOnChangesAndBadTokens() {
        assertThat(CONTRACT.violations()).isEmpty();
    }

    @Test
    void aViewerTokenGetsAnExplanation() {
        OpsApiContract.bearer(TestTokens.viewer()).contentType("application/json")
                .body(EventFixtures.freshGuardDuty("guardduty/eb_unauthorizedaccess-ec2-sshbruteforce.json"))
                .post("/explain").then().statusCode(200);
    }

    @Test
    void healthAndMetricsAnswerAnyoneAndShowNoSecret() {
        String token = TestTokens.operator();
        List<String> secrets = List.of(VIEWER_KEY, OPERATOR_KEY, token);

        assertThat(SecretValues.managementLeaks(secrets, "Bearer " + token)).isEmpty();
        assertThat(SecretValues.managementLeaks(secrets, "Bearer " + OPERATOR_KEY)).isEmpty();
    }
}
