package dev.findingsresponder.response;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.findingsresponder.model.ActionRequest;
import dev.findingsresponder.model.ActionResult;
import dev.findingsresponder.model.ActionResult.Outcome;
import dev.findingsresponder.model.FindingCodec;
import dev.findingsresponder.model.Mode;
import dev.findingsresponder.model.Topics;
import dev.findingsresponder.response.guard.KillSwitch;
import dev.findingsresponder.response.messaging.StateTopicAccess;
import dev.findingsresponder.response.rest.OperatorKeys;
import dev.findingsresponder.testsupport.KafkaTestBroker;
import dev.findingsresponder.testsupport.KafkaTestResource;
import dev.findingsresponder.testsupport.MotoExtension;
import dev.findingsresponder.testsupport.MotoTestResource;
import dev.findingsresponder.testsupport.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The kill switch turned by an operator at run time: the next request is refused without a restart, the setting is
 * in response.state for the next start, and turning it off lets requests through again.
 */
@ExtendWith(MotoExtension.class)
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(MotoTestResource.class)
class KillSwitchTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @AfterEach
    void off() {
        OperatorKeys.asOperator().contentType("application/json").body("{\"on\":false}").put("/kill-switch");
    }

    @Test
    void anOperatorTurnsItOnAndOffAtRunTimeAndTheSettingIsKept() {
        OperatorKeys.asViewer().get("/kill-switch").then().statusCode(200).body("on", equalTo(false));
        OperatorKeys.asViewer().contentType("application/json").body("{\"on\":true}").put("/kill-switch").then()
                .statusCode(403);

        OperatorKeys.asOperator().contentType("application/json").body("{\"on\":true,\"reason\":\"incident 42\"}")
                .put("/kill-switch").then().statusCode(200)
                .body("on", equalTo(true)).body("changedBy", equalTo(OperatorKeys.OPERATOR_NAME));

        ActionResult refused = send(observe());
        assertThat(refused.outcome()).isEqualTo(Outcome.SKIPPED_GUARDRAIL);
        assertThat(refused.detail()).contains("kill switch on", OperatorKeys.OPERATOR_NAME, "incident 42");
        KillSwitch.State stored = StateTopicAccess.killSwitchOn(KafkaTestBroker.bootstrapServers(),
                Topics.RESPONSE_STATE).read().orElseThrow();
        assertThat(stored.on()).isTrue();
        assertThat(stored.reason()).isEqualTo("incident 42");

        OperatorKeys.asOperator().contentType("application/json").body("{\"on\":false}").put("/kill-switch").then()
                .statusCode(200).body("on", equalTo(false));
        assertThat(send(observe()).outcome()).isEqualTo(Outcome.DRY_RUN);
        OperatorKeys.asOperator().contentType("application/json").body("{}").put("/kill-switch").then().statusCode(400);
    }

    private static ActionResult send(ActionRequest request) {
        try (TopicProbe results = TopicProbe.from(Topics.ACTIONS_RESULTS)) {
            TopicProbe.send(Topics.ACTIONS_REQUESTED, request.target().key(), FindingCodec.write(request));
            List<ActionResult> got = Results.await(results, request.requestId(), 1, WAIT);
            return got.get(0);
        }
    }

    private static ActionRequest observe() {
        return new ActionRequest("req-" + UUID.randomUUID(), "nacl-deny", Map.of("nacl-id", "acl-0123456789abcdef0"),
                new ActionRequest.Target("nacl:123456789012:us-east-1", "123456789012", "us-east-1", "network-acl",
                        "acl-0123456789abcdef0", "198.51.100.77"),
                Mode.OBSERVE, Duration.ofHours(1), "block-attackers", "first alert", Instant.now(), null, null);
    }
}
