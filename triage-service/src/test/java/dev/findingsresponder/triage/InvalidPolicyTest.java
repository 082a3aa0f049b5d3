package dev.findingsresponder.triage;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.findingsresponder.model.Finding;
import dev.findingsresponder.model.Topics;
import dev.findingsresponder.testsupport.KafkaTestResource;
import dev.findingsresponder.testsupport.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** With an invalid policy the service stays unready, says which lines are wrong, and triages nothing. */
@QuarkusTest
@TestProfile(InvalidPolicyTest.InvalidPolicy.class)
class InvalidPolicyTest {

    public static class InvalidPolicy implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("triage.policy-file", "src/test/resources/policies/invalid-policy.yaml");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(KafkaTestResource.class));
        }
    }

    @Test
    void notReadyWithTheOffendingLinesNamed() {
        given().get("/q/health/ready").then()
                .statusCode(503)
                .body("status", is("DOWN"))
                .body("checks.name", hasItem("policy"))
                .body("checks.find { it.name == 'policy' }.data.lastLoadErrors",
                        containsString("invalid-policy.yaml:5:"))
                .body("checks.find { it.name == 'policy' }.data.lastLoadErrors", containsString("'mach'"))
                .body("checks.find { it.name == 'policy' }.data.lastLoadErrors", containsString("'nacl-block'"));
        given().header("Authorization", "Bearer viewer-key-for-tests-0001").get("/playbooks").then().statusCode(503).body("lastLoadErrors[0]", containsString("invalid-policy.yaml:"));
    }

    @Test
    void consumesNothingWithoutAValidPolicy() {
        Finding finding = NormalizedFixtures.freshGuardDuty("guardduty/eb_unauthorizedaccess-ec2-sshbruteforce.json");
        try (TopicProbe triaged = TopicProbe.from(Topics.FINDINGS_TRIAGED)) {
            TopicProbe.send(Topics.FINDINGS_NORMALIZED, finding.id(), NormalizedFixtures.json(finding));
            assertThat(triaged.drain(r -> r.key().equals(finding.id()), Duration.ofSeconds(3))).isEmpty();
        }
    }
}
