package dev.findingsresponder.triage.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.api.Test;

import dev.findingsresponder.model.FindingCodec;
import dev.findingsresponder.model.decode.EventNormalizer;
import dev.findingsresponder.model.decode.NormalizeResult;
import dev.findingsresponder.testsupport.EventFixtures;
import dev.findingsresponder.testsupport.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** POST /explain, GET /playbooks and GET /suppressions against the flow test policy. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class ExplainResourceTest {

    private static final String SSH = "guardduty/eb_unauthorizedaccess-ec2-sshbruteforce.json";

    @Test
    void rawEventIsExplainedWithScoreFactorsPlaybooksAndRequestsAndNothingIsRecorded() {
        byte[] event = EventFixtures.freshGuardDuty(SSH);
        for (int i = 0; i < 2; i++) {
            // twice: an explanation leaves no trace, so the second is not a merged repeat
            given().header("Authorization", "Bearer viewer-key-for-tests-0001").contentType("application/json").body(event).post("/explain").then()
                    .statusCode(200)
                    .body("policyVersion", notNullValue())
                    .body("results", hasSize(1))
                    .body("results[0].triaged.decision", equalTo("ACTIONS_REQUESTED"))
                    .body("results[0].triaged.playbooks", hasItem("brute-force"))
                    .body("results[0].triaged.score.factors.name", hasItem("base-severity"))
                    .body("results[0].requests.action", hasItem("nacl-deny"))
                    .body("results[0].requests.target.key", hasItem(containsString("waf:")));
        }
    }

    @Test
    void canonicalFindingIsExplainedToo() {
        byte[] canonical = FindingCodec.toJson(((NormalizeResult.Normalized) new EventNormalizer(java.util.Set.of())
                .normalize(EventFixtures.bytes("guardduty/eb_recon-ec2-portprobeunprotectedport.json"))).findings().get(0));
        given().header("Authorization", "Bearer viewer-key-for-tests-0001").contentType("application/json").body(canonical).post("/explain").then()
                .statusCode(200)
                .body("results[0].triaged.decision", equalTo("SUPPRESSED"))
                .body("results[0].triaged.suppressedBy", equalTo("trusted-scanner"));
    }

    @Test
    void somethingElseIs400WithTheReason() {
        given().header("Authorization", "Bearer viewer-key-for-tests-0001").contentType("application/json").body("{\"not\": \"a finding\"}").post("/explain").then()
                .statusCode(400)
                .body("reason", equalTo("NOT_AN_EVENT"));
    }

    @Test
    void activePolicyIsListedWithItsVersion() {
        given().header("Authorization", "Bearer viewer-key-for-tests-0001").get("/playbooks").then().statusCode(200)
                .body("version", notNullValue())
                .body("loadedAt", notNullValue())
                .body("playbooks.name", hasItem("brute-force"))
                .body("playbooks.find { it.name == 'brute-force' }.actions.action", hasItem("waf-block"));
        given().header("Authorization", "Bearer viewer-key-for-tests-0001").get("/suppressions").then().statusCode(200)
                .body("suppressions.name", hasItem("trusted-scanner"));
    }

    @Test
    void thePolicyAndExplanationsNeedAViewerKey() {
        given().get("/playbooks").then().statusCode(401);
        given().get("/suppressions").then().statusCode(401);
        given().contentType("application/json").body("{}").post("/explain").then().statusCode(401);
        given().header("Authorization", "Bearer not-a-configured-key-0001").get("/playbooks").then().statusCode(401);
    }
}
