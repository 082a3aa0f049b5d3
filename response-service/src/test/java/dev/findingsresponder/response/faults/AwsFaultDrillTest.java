package dev.findingsresponder.response.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.findingsresponder.model.ActionRequest;
import dev.findingsresponder.model.ActionResult;
import dev.findingsresponder.model.ActionResult.Outcome;
import dev.findingsresponder.model.FindingCodec;
import dev.findingsresponder.model.Topics;
import dev.findingsresponder.response.aws.AwsClientFactory;
import dev.findingsresponder.response.aws.AwsClients;
import dev.findingsresponder.response.config.AwsConfig;
import dev.findingsresponder.response.config.ResponseConfig;
import dev.findingsresponder.testsupport.KafkaTestResource;
import dev.findingsresponder.testsupport.TopicProbe;
import dev.findingsresponder.testsupport.faults.AwsFault;
import dev.findingsresponder.testsupport.faults.AwsFaultProxy;
import dev.findingsresponder.testsupport.faults.AwsFaultProxyResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Issue 10, AWS faults: the service against moto behind {@link AwsFaultProxy}, once with no faults and once with a
 * share of calls (30%) answered with throttling, 5xx, WAF limit and lock conflicts or held past the per-attempt
 * timeout. Every request must end applied (with its effect really in moto) or FAILED with a reason, and the calls
 * made must stay within what the retry policy allows. The figures go to stdout and {@code target/aws-faults.md}.
 *
 * <p>System properties: {@code aws-faults.requests} per action (default 2), {@code aws-faults.share} (0.3),
 * {@code aws-faults.seed} (1).
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = AwsFaultProxyResource.class, restrictToAnnotatedClass = true)
class AwsFaultDrillTest {

    private static final int PER_ACTION = Integer.getInteger("aws-faults.requests", 2);
    private static final double SHARE = Double.parseDouble(System.getProperty("aws-faults.share", "0.3"));
    private static final Duration WAIT = Duration.ofMinutes(10);

    @Inject
    AwsClients clients;

    @Inject
    AwsClientFactory factory;

    @Inject
    ResponseConfig config;

    @Inject
    AwsConfig aws;

    @Test
    void everyRequestEndsAppliedOrFailedWithAReasonAndRetriesStayBounded() throws IOException {
        AwsFaultProxy proxy = AwsFaultProxyResource.proxy().reset();
        ResponseConfig.Retry retry = config.retry();
        int deliveries = retry.retryTopicAttempts() + 1;
        // each delivery: executor attempts x SDK attempts per call; WAF also re-reads and writes on lock conflicts
        long perCall = (long) aws.maxAttempts() * retry.maxAttempts() * deliveries;
        try (DrillEstate estate = new DrillEstate(clients, factory)) {
            DrillPhase clean = run(proxy, estate, 0, 0.0);
            DrillPhase faulty = run(proxy, estate, 1, SHARE);

            long nonWafBound = (clean.totalCalls() - clean.calls("wafv2:")) * perCall;
            long wafBound = clean.calls("wafv2:") * perCall * config.waf().maxAttempts();
            String figures = DrillReport.text(clean, faulty, Long.getLong("aws-faults.seed", 1L), nonWafBound, wafBound);
            System.out.println(figures);
            Files.writeString(Path.of("target", "aws-faults.md"), figures);

            assertThat(clean.totalFaults()).isZero();
            assertThat(clean.requests.stream().map(r -> clean.last(r.requestId()))
                    .filter(last -> last.outcome() != Outcome.APPLIED).map(AwsFaultDrillTest::describe).toList())
                    .as("not APPLIED without faults").isEmpty();
            assertThat(clean.retryDeliveries()).isZero();
            assertThat(clean.missingEffects).isEmpty();

            assertThat(faulty.totalFaults()).as("faults injected").isPositive();
            assertThat(faulty.requests.stream().map(r -> faulty.last(r.requestId()))
                    .filter(last -> !DrillPhase.applied(last)
                            && !(last.outcome() == Outcome.FAILED && !last.detail().isBlank()))
                    .map(AwsFaultDrillTest::describe).toList())
                    .as("neither applied nor FAILED with a reason").isEmpty();
            assertThat(faulty.results.values()).as("results per request (one per delivery)")
                    .allSatisfy(results -> assertThat(results).hasSizeLessThanOrEqualTo(deliveries));
            assertThat(faulty.missingEffects).as("applied but not in AWS").isEmpty();
            assertThat(faulty.totalCalls() - faulty.calls("wafv2:")).isLessThanOrEqualTo(nonWafBound);
            assertThat(faulty.calls("wafv2:")).isLessThanOrEqualTo(wafBound);
        }
    }

    @Test
    void wafLockConflictsAreReadAgainAndRetriedUntilTheAddressIsIn() {
        AwsFaultProxy proxy = AwsFaultProxyResource.proxy().reset();
        try (DrillEstate estate = new DrillEstate(clients, factory);
                TopicProbe results = TopicProbe.from(Topics.ACTIONS_RESULTS)) {
            ActionRequest block = estate.requests(2, 1).stream().filter(r -> r.action().equals("waf-block"))
                    .findFirst().orElseThrow();
            proxy.share("UpdateIPSet", 1.0).faults(Set.of(AwsFault.WAF_LOCK_CONFLICT));
            TopicProbe.send(Topics.ACTIONS_REQUESTED, block.target().key(), FindingCodec.write(block));
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (proxy.counts().total(AwsFault.WAF_LOCK_CONFLICT) < 3 && System.nanoTime() < deadline) {
                read(results, Duration.ofMillis(100));
            }
            proxy.share("UpdateIPSet", 0.0); // the other writer is done

            DrillPhase drill = new DrillPhase(1.0, List.of(block));
            while (!drill.complete() && System.nanoTime() < deadline) {
                drill.record(read(results, Duration.ofMillis(500)));
            }
            ActionResult last = drill.last(block.requestId());
            assertThat(last).as("last result of the block").isNotNull();
            assertThat(last.outcome()).as(last.detail()).isEqualTo(Outcome.APPLIED);
            assertThat(proxy.counts().total(AwsFault.WAF_LOCK_CONFLICT)).isGreaterThanOrEqualTo(3);
            assertThat(proxy.counts().calls().get("wafv2:UpdateIPSet"))
                    .isEqualTo(proxy.counts().total(AwsFault.WAF_LOCK_CONFLICT) + 1);
            proxy.share(0.0);
            assertThat(estate.effectPresent(block)).as("address in the IP set").isTrue();
        } finally {
            proxy.reset();
        }
    }

    /** Sends phase {@code phase}'s requests with faults on {@code share} of calls and reads until each has its last result. */
    private DrillPhase run(AwsFaultProxy proxy, DrillEstate estate, int phase, double share) {
        proxy.share(0.0);
        DrillPhase drill = new DrillPhase(share, estate.requests(phase, PER_ACTION));
        proxy.resetCounts();
        proxy.share(share);
        try (TopicProbe results = TopicProbe.from(Topics.ACTIONS_RESULTS)) {
            for (ActionRequest request : drill.requests) {
                TopicProbe.send(Topics.ACTIONS_REQUESTED, request.target().key(), FindingCodec.write(request));
            }
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!drill.complete() && System.nanoTime() < deadline) {
                drill.record(read(results, Duration.ofMillis(500)));
            }
            assertThat(drill.requests.stream().filter(r -> drill.last(r.requestId()) == null)
                    .map(r -> r.action() + " " + r.requestId() + " " + drill.results.get(r.requestId()).size()
                            + " interim result(s)").toList())
                    .as("requests without a last result after " + WAIT).isEmpty();
            // nothing may still be retrying: no AWS call and no result after every request had its last result
            long callsAtEnd = proxy.counts().totalCalls();
            int resultsAtEnd = drill.results.values().stream().mapToInt(List::size).sum();
            drill.record(read(results, config.retry().retryTopicDelay().multipliedBy(3)));
            assertThat(proxy.counts().totalCalls()).as("AWS calls after the last result").isEqualTo(callsAtEnd);
            assertThat(drill.results.values().stream().mapToInt(List::size).sum()).isEqualTo(resultsAtEnd);
        }
        drill.calls = proxy.counts().calls();
        drill.faults = proxy.counts().faults();
        proxy.share(0.0);
        for (ActionRequest request : drill.requests) {
            if (DrillPhase.applied(drill.last(request.requestId())) && !estate.effectPresent(request)) {
                drill.missingEffects.add(request.action() + " " + request.requestId());
            }
        }
        return drill;
    }

    private static String describe(ActionResult result) {
        return result.action() + " " + result.requestId() + " " + result.outcome() + ": " + result.detail();
    }

    private static List<ActionResult> read(TopicProbe results, Duration poll) {
        return results.drain(r -> true, poll).stream().map(r -> FindingCodec.read(r.value(), ActionResult.class))
                .toList();
    }
}
