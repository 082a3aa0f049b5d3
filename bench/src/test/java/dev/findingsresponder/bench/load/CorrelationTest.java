package dev.findingsresponder.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.findingsresponder.model.ActionRequest;
import dev.findingsresponder.model.ActionResult;
import dev.findingsresponder.model.Finding;
import dev.findingsresponder.model.FindingCodec;
import dev.findingsresponder.model.Mode;
import dev.findingsresponder.model.Score;
import dev.findingsresponder.model.SeverityLabel;
import dev.findingsresponder.model.Topics;
import dev.findingsresponder.model.decode.EventNormalizer;
import dev.findingsresponder.model.decode.NormalizeResult;

/**
 * The load tools' correlation on records shaped exactly as the services write them (canonical findings from the real
 * normalizer, requests and results through the project's codec): each record finds its produced event, and latencies
 * are arrival minus produce time. No broker, no timing.
 */
class CorrelationTest {

    private static final long MS = 1_000_000L;

    @Test
    void everyStageFindsItsEventAndMeasuresFromItsProduceTime() {
        List<LoadEvent> events = LoadEvents.distinctFindings(3);
        Map<String, Long> sent = new HashMap<>();
        ArrivalLog log = new ArrivalLog();
        EventNormalizer normalizer = new EventNormalizer(Set.of());
        Finding first = null;
        for (int i = 0; i < events.size(); i++) {
            LoadEvent event = events.get(i);
            sent.put(event.eventId(), i * 1_000 * MS);
            var result = (NormalizeResult.Normalized) normalizer.normalize(event.json());
            Finding finding = result.findings().get(0);
            first = first == null ? finding : first;
            log.add(Topics.FINDINGS_NORMALIZED, FindingCodec.toJson(finding), i * 1_000 * MS + 5 * MS);
        }
        ActionRequest request = new ActionRequest("request-1", "waf-block", Map.of("ip-set-v4", "blocked-ipv4"),
                new ActionRequest.Target("waf:123456789012:us-east-1", "123456789012", "us-east-1", "waf-ip-set",
                        "blocked-ipv4", events.get(0).address()), Mode.ENFORCE, Duration.ofDays(7), "p", "first alert",
                Instant.now(), first, new Score(50, SeverityLabel.MEDIUM, List.of(), true));
        log.add(Topics.ACTIONS_REQUESTED, FindingCodec.write(request), 20 * MS);
        Instant finished = Instant.parse("2026-12-02T12:00:00.250Z");
        log.add(Topics.ACTIONS_RESULTS, FindingCodec.write(result("request-1", request.target(), finished)), 50 * MS);
        log.add(Topics.ACTIONS_RESULTS, FindingCodec.write(result("unknown", request.target(), finished)), 60 * MS);

        Correlator correlator = new Correlator(sent);
        StageLatency normalized = correlator.findings("findings.normalized", log.normalized);
        StageLatency requested = correlator.requests(log.requested);
        StageLatency results = correlator.results(log.requested, log.results);

        assertThat(normalized.count()).isEqualTo(3);
        assertThat(normalized.unmatched()).isZero();
        assertThat(normalized.micros().getMaxValue()).isCloseTo(5000L, withinPercentage(0.2));
        assertThat(normalized.throughput()).isBetween(0.99, 1.01); // 3 arrivals one second apart
        assertThat(log.requested.get(0).action()).isEqualTo("waf-block");
        assertThat(log.requested.get(0).address()).isEqualTo(events.get(0).address());
        assertThat(requested.count()).isEqualTo(1);
        assertThat(requested.micros().getMaxValue()).isCloseTo(20000L, withinPercentage(0.2));
        assertThat(results.count()).isEqualTo(1);
        assertThat(results.unmatched()).isEqualTo(1);
        assertThat(results.micros().getMaxValue()).isCloseTo(50000L, withinPercentage(0.2));
        assertThat(log.results.get(0).outcome()).isEqualTo("APPLIED");
        assertThat(log.results.get(0).finishedAtMillis()).isEqualTo(finished.toEpochMilli());
    }

    @Test
    void enforcementRunsFromTheFirstFindingOfAnAddressToItsFirstAppliedBlock() {
        List<LoadEvent> events = List.of(new LoadEvent("e1", "203.0.113.7", new byte[0]),
                new LoadEvent("e2", "203.0.113.7", new byte[0]), new LoadEvent("e3", "203.0.113.8", new byte[0]));
        Map<String, Long> sent = Map.of("e1", 100 * MS, "e2", 900 * MS, "e3", 200 * MS);
        long wallAtStart = 1_000_000L;
        List<Arrivals.Result> results = List.of(
                new Arrivals.Result("r1", "waf-block", "APPLIED", "203.0.113.7/32", wallAtStart + 400, 0),
                new Arrivals.Result("r2", "waf-block", "ALREADY_APPLIED", "203.0.113.7", wallAtStart + 1_000, 0),
                new Arrivals.Result("r3", "waf-block", "FAILED", "203.0.113.8", wallAtStart + 300, 0),
                new Arrivals.Result("r4", "nacl-deny", "APPLIED", "203.0.113.8", wallAtStart + 300, 0));

        Enforcement.Figures waf = new Enforcement(wallAtStart, 0).of("waf-block", events, sent, results);

        assertThat(waf.addresses()).isEqualTo(2);
        assertThat(waf.notEnforced()).isEqualTo(1); // .8 failed in the WAF; its NACL block does not count here
        assertThat(waf.micros().getTotalCount()).isEqualTo(1);
        // enforced at 400 ms, first produced at 100 ms; HdrHistogram keeps 3 significant digits
        assertThat(waf.micros().getMaxValue()).isCloseTo(300000L, withinPercentage(0.2));
    }

    @Test
    void theStormNamesEachAddressEquallyOftenSpreadOverTheWholeRun() {
        List<String> addresses = LoadEvents.documentationAddresses(4);
        List<LoadEvent> storm = LoadEvents.storm(10, addresses, "123456789012", "i-0123456789abcdef0");

        assertThat(storm).hasSize(10);
        assertThat(storm.stream().map(LoadEvent::eventId).distinct()).hasSize(10);
        assertThat(storm.stream().map(LoadEvent::address).toList()).containsExactly("192.0.2.1", "192.0.2.2",
                "192.0.2.3", "192.0.2.4", "192.0.2.1", "192.0.2.2", "192.0.2.3", "192.0.2.4", "192.0.2.1",
                "192.0.2.2");
        assertThat(new String(storm.get(0).json())).contains("192.0.2.1", "i-0123456789abcdef0");
    }

    @Test
    void documentationAddressesAreDistinctAndMoveToIpv6AfterTheThreeTestNets() {
        List<String> addresses = LoadEvents.documentationAddresses(2_000);

        assertThat(addresses).doesNotHaveDuplicates().hasSize(2_000);
        assertThat(addresses.get(761)).isEqualTo("203.0.113.254");
        assertThat(addresses.get(762)).startsWith("2001:db8:bad::");
    }

    @Test
    void awsCallCountsAreReadByOperationAndSubtracted() {
        String before = """
                # TYPE response_aws_calls_total counter
                response_aws_calls_total{operation="GetIPSet",outcome="success"} 2.0
                response_aws_writes_total{operation="UpdateIPSet"} 1.0
                """;
        String after = """
                response_aws_calls_total{operation="GetIPSet",outcome="success"} 12.0
                response_aws_calls_total{operation="UpdateIPSet",outcome="success"} 9.0
                response_aws_calls_total{operation="UpdateIPSet",outcome="error"} 1.0
                response_aws_writes_total{operation="UpdateIPSet"} 11.0
                response_other_total{operation="X"} 5.0
                """;

        AwsCallCounts delta = AwsCallCounts.parse(after).since(AwsCallCounts.parse(before));

        assertThat(delta.calls()).containsExactlyInAnyOrderEntriesOf(Map.of("GetIPSet (success)", 10.0,
                "UpdateIPSet (success)", 9.0, "UpdateIPSet (error)", 1.0));
        assertThat(delta.totalWrites()).isEqualTo(10.0);
    }

    private static ActionResult result(String requestId, ActionRequest.Target target, Instant finished) {
        return new ActionResult(requestId, "waf-block", target, ActionResult.Outcome.APPLIED, "added", List.of(),
                Map.of(), "finding", "p", finished.minusMillis(100), finished);
    }
}
