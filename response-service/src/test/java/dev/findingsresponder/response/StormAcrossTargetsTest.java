package dev.findingsresponder.response;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;


import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.findingsresponder.model.ActionRequest;
import dev.findingsresponder.model.ActionResult;
import dev.findingsresponder.model.ActionResult.Outcome;
import dev.findingsresponder.model.Mode;
import dev.findingsresponder.model.Topics;
import dev.findingsresponder.testsupport.KafkaTestResource;
import dev.findingsresponder.testsupport.MotoExtension;
import dev.findingsresponder.testsupport.MotoTestResource;
import dev.findingsresponder.testsupport.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A storm on several targets at once: full batches on every target finish together and their results are written
 * together. Every request must get its result and the consumer must keep consuming afterwards (the bench storm saw
 * the results emitter overflow and fail the channel for good on a loaded machine; this test also passed before that
 * fix here, so it guards the behaviour rather than reproducing that run).
 */
@ExtendWith(MotoExtension.class)
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(MotoTestResource.class)
class StormAcrossTargetsTest {

    private static final String ACCOUNT = "123456789012";
    private static final String REGION = "us-east-1";

    @Test
    void eightThousandObservedRequestsOnFourTargetsAllGetAResultAndTheConsumerGoesOn() {
        // observe mode answers without AWS, so full batches on four targets finish at once: the most results at once
        List<ActionRequest> storm = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            for (int s = 0; s < 4; s++) {
                storm.add(wafBlock("observed-" + s, "203.0.113." + (i % 250 + 1), Mode.OBSERVE));
            }
        }
        try (TopicProbe probe = TopicProbe.from(Topics.ACTIONS_RESULTS)) {
            BlockLifecycleTest.send(storm.toArray(ActionRequest[]::new));
            Set<String> ids = new HashSet<>(storm.stream().map(ActionRequest::requestId).toList());
            List<ActionResult> results = probe.await(r -> ids.contains(Results.of(r.value()).requestId()),
                    storm.size(), Duration.ofMinutes(3)).stream().map(r -> Results.of(r.value())).toList();
            assertThat(results).hasSize(storm.size()).allSatisfy(r -> assertThat(r.outcome()).isEqualTo(Outcome.DRY_RUN));
        }
        ActionRequest after = wafBlock("observed-0", "203.0.113.9", Mode.OBSERVE);
        try (TopicProbe probe = TopicProbe.from(Topics.ACTIONS_RESULTS)) {
            BlockLifecycleTest.send(after);
            assertThat(Results.await(probe, after.requestId(), 1, Duration.ofSeconds(60))).hasSize(1);
        }
    }

    private static ActionRequest wafBlock(String setName, String address) {
        return wafBlock(setName, address, Mode.ENFORCE);
    }

    private static ActionRequest wafBlock(String setName, String address, Mode mode) {
        return new ActionRequest("req-" + UUID.randomUUID(), "waf-block", Map.of("ip-set-v4", setName),
                new ActionRequest.Target("waf:" + ACCOUNT + ":" + REGION + ":REGIONAL:" + setName, ACCOUNT, REGION,
                        "waf-ip-set", setName, address),
                mode, Duration.ofHours(1), "block-attackers", "storm", Instant.now(), null, null);
    }
}
