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

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.findingsresponder.model.ActionRequest;
import dev.findingsresponder.model.ActionResult;
import dev.findingsresponder.model.ActionResult.Outcome;
import dev.findingsresponder.model.Mode;
import dev.findingsresponder.model.Topics;
import dev.findingsresponder.response.aws.AwsClients;
import dev.findingsresponder.testsupport.KafkaTestResource;
import dev.findingsresponder.testsupport.MotoTestResource;
import dev.findingsresponder.testsupport.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import software.amazon.awssdk.services.wafv2.Wafv2Client;
import software.amazon.awssdk.services.wafv2.model.IPAddressVersion;
import software.amazon.awssdk.services.wafv2.model.Scope;

/**
 * A storm on several IP sets at once: full batches on every target finish together and their results are written
 * together. Every request must get its result and the consumer must keep consuming afterwards (a results emitter
 * that overflowed used to fail the channel for good, found by the bench storm).
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(MotoTestResource.class)
class StormAcrossTargetsTest {

    private static final String ACCOUNT = "123456789012";
    private static final String REGION = "us-east-1";

    @Inject
    AwsClients clients;

    @Test
    void everyRequestOfAStormOnFourIpSetsGetsAResultAndTheConsumerGoesOn() {
        Wafv2Client waf = clients.waf(ACCOUNT, REGION);
        int sets = 4;
        int addressesPerSet = 300;
        int requestsPerSet = 1_500;
        List<String> setNames = new ArrayList<>();
        List<ActionRequest> storm = new ArrayList<>();
        for (int s = 0; s < sets; s++) {
            String name = "storm-" + s + "-" + UUID.randomUUID().toString().substring(0, 8);
            waf.createIPSet(r -> r.name(name).scope(Scope.REGIONAL).ipAddressVersion(IPAddressVersion.IPV4)
                    .addresses(List.of()).description("storm test"));
            setNames.add(name);
        }
        for (int i = 0; i < requestsPerSet; i++) {
            int n = i % addressesPerSet;
            for (String name : setNames) {
                storm.add(wafBlock(name, "203.0." + (113 + n / 250) + "." + (n % 250 + 1)));
            }
        }

        List<ActionResult> results;
        try (TopicProbe probe = TopicProbe.from(Topics.ACTIONS_RESULTS)) {
            BlockLifecycleTest.send(storm.toArray(ActionRequest[]::new));
            Set<String> ids = new HashSet<>(storm.stream().map(ActionRequest::requestId).toList());
            results = probe.await(r -> ids.contains(Results.of(r.value()).requestId()), storm.size(),
                    Duration.ofMinutes(4)).stream().map(r -> Results.of(r.value())).toList();
        }
        assertThat(results).hasSize(storm.size());
        assertThat(results).filteredOn(r -> r.outcome() == Outcome.APPLIED).hasSize(sets * addressesPerSet);
        for (String name : setNames) {
            String id = waf.listIPSets(r -> r.scope(Scope.REGIONAL)).ipSets().stream()
                    .filter(s -> s.name().equals(name)).findFirst().orElseThrow().id();
            assertThat(waf.getIPSet(r -> r.name(name).id(id).scope(Scope.REGIONAL)).ipSet().addresses())
                    .hasSize(addressesPerSet);
        }

        ActionRequest after = wafBlock(setNames.get(0), "203.0.120.9");
        try (TopicProbe probe = TopicProbe.from(Topics.ACTIONS_RESULTS)) {
            BlockLifecycleTest.send(after);
            assertThat(Results.await(probe, after.requestId(), 1, Duration.ofSeconds(60)).get(0).outcome())
                    .isEqualTo(Outcome.APPLIED);
        }
        RestAssured.given().get("/q/health/live").then().statusCode(200);
    }

    private static ActionRequest wafBlock(String setName, String address) {
        return new ActionRequest("req-" + UUID.randomUUID(), "waf-block", Map.of("ip-set-v4", setName),
                new ActionRequest.Target("waf:" + ACCOUNT + ":" + REGION + ":REGIONAL:" + setName, ACCOUNT, REGION,
                        "waf-ip-set", setName, address),
                Mode.ENFORCE, Duration.ofHours(1), "block-attackers", "storm", Instant.now(), null, null);
    }
}
