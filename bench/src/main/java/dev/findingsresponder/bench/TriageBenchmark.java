package dev.findingsresponder.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.findingsresponder.model.ActionRequest;
import dev.findingsresponder.model.Finding;
import dev.findingsresponder.model.FindingCodec;
import dev.findingsresponder.model.decode.EventNormalizer;
import dev.findingsresponder.model.decode.NormalizeResult;
import dev.findingsresponder.testsupport.EventFixtures;
import dev.findingsresponder.triage.ActionPlanner;
import dev.findingsresponder.triage.RepeatTracker;
import dev.findingsresponder.triage.TriageEngine;
import dev.findingsresponder.triage.TriageOutcome;
import dev.findingsresponder.triage.policy.Policy;
import dev.findingsresponder.triage.policy.PolicyLoader;
import dev.findingsresponder.triage.score.IpLists;
import dev.findingsresponder.triage.score.Scorer;
import dev.findingsresponder.triage.score.ScoringSettings;

/**
 * Triage cost per finding as the service pays it (decode the canonical finding from findings.normalized,
 * score, suppress, match playbooks, plan requests, serialize the triaged record and the requests), with
 * the example policy and with a generated 200-playbook policy, beside a bare Jackson {@code readTree}
 * of the same bytes. Each operation processes the whole corpus once.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TriageBenchmark {

    @Param({"example", "generated-200"})
    public String policy;

    private final ObjectMapper bare = new ObjectMapper();
    private List<byte[]> canonical;
    private TriageEngine engine;

    @Setup
    public void setUp() throws IOException {
        EventNormalizer normalizer = new EventNormalizer(Set.of());
        canonical = EventFixtures.paths().stream()
                .filter(path -> !path.startsWith("malformed/"))
                .map(EventFixtures::bytes)
                .map(normalizer::normalize)
                .filter(NormalizeResult.Normalized.class::isInstance)
                .flatMap(result -> ((NormalizeResult.Normalized) result).findings().stream())
                .map(FindingCodec::toJson)
                .toList();
        String text = policy.equals("example")
                ? Files.readString(Path.of(System.getProperty("policy", "policies/example-policy.yaml")))
                : GeneratedPolicy.yaml(200);
        Policy loaded = PolicyLoader.load(text, policy);
        IpLists lists = IpLists.none();
        lists.reload();
        engine = new TriageEngine(() -> Optional.of(loaded), new Scorer(ScoringSettings.defaults(), lists),
                new RepeatTracker(Duration.ofHours(1), List.of(10L, 100L), 10_000, Clock.systemUTC()),
                new ActionPlanner(lists), Set.of("findings-responder"), Clock.systemUTC());
        System.out.println("\ncorpus: " + canonical.size() + " canonical findings, "
                + canonical.stream().mapToInt(b -> b.length).sum() / canonical.size() + " bytes on average; policy "
                + policy + " with " + loaded.playbooks().size() + " playbooks");
    }

    @Benchmark
    public void bareReadTree(Blackhole hole) throws IOException {
        for (byte[] finding : canonical) {
            hole.consume(bare.readTree(finding));
        }
    }

    @Benchmark
    public void triage(Blackhole hole) throws IOException {
        for (byte[] json : canonical) {
            Finding finding = FindingCodec.fromJson(json);
            // explain: the first-alert path every time (triage() would merge the corpus' repeats after one pass)
            TriageOutcome outcome = engine.explain(finding);
            hole.consume(FindingCodec.mapper().writeValueAsBytes(outcome.triaged()));
            for (ActionRequest request : outcome.requests()) {
                hole.consume(FindingCodec.mapper().writeValueAsBytes(request));
            }
        }
    }
}
