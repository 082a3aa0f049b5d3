package dev.findingsresponder.bench;

import java.io.IOException;
import java.util.List;
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

import dev.findingsresponder.model.Finding;
import dev.findingsresponder.model.FindingCodec;
import dev.findingsresponder.triage.TriageEngine;
import dev.findingsresponder.triage.TriageOutcome;
import dev.findingsresponder.triage.TriageRecords;
import dev.findingsresponder.triage.policy.Policy;

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
    public void setUp() {
        canonical = BenchCorpus.canonicalFindings();
        Policy loaded = BenchCorpus.policy(policy);
        engine = BenchCorpus.engine(loaded);
        System.out.println("\ncorpus: " + BenchCorpus.describe(canonical, "canonical findings") + "; policy "
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
            hole.consume(TriageRecords.of(outcome));
        }
    }
}
