package dev.findingsresponder.bench;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.findingsresponder.model.Finding;
import dev.findingsresponder.model.FindingCodec;
import dev.findingsresponder.model.decode.EventNormalizer;
import dev.findingsresponder.model.decode.NormalizeResult;
import dev.findingsresponder.triage.TriageEngine;
import dev.findingsresponder.triage.TriageOutcome;
import dev.findingsresponder.triage.TriageRecords;

/**
 * The whole per-event CPU cost of ingest and triage, as the two services pay it per record, beside a bare
 * Jackson {@code readTree} of the same raw bytes (issue 9's goal: at most 2x). Per raw event: normalize,
 * write each canonical finding (ingest's findings.normalized record), then per finding read it back,
 * triage it with the example policy and write the triaged record and every action request (triage's
 * records). Each operation processes the whole corpus once, so the ratio of the scores is the per-event ratio.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class IngestTriageBenchmark {

    private final ObjectMapper bare = new ObjectMapper();
    private final EventNormalizer normalizer = new EventNormalizer(Set.of());
    private List<byte[]> corpus;
    private TriageEngine engine;

    @Setup
    public void setUp() {
        corpus = BenchCorpus.rawEvents();
        engine = BenchCorpus.engine(BenchCorpus.policy("example"));
        System.out.println("\ncorpus: " + BenchCorpus.describe(corpus, "events"));
    }

    /** The floor: parse the raw bytes into a tree and nothing else. */
    @Benchmark
    public void bareReadTree(Blackhole hole) throws IOException {
        for (byte[] event : corpus) {
            hole.consume(bare.readTree(event));
        }
    }

    /**
     * Raw event in, every record of both services out. Uses {@code explain} (first alert every pass; the real
     * path would merge the corpus' repeats after one pass and look cheaper).
     */
    @Benchmark
    public void ingestAndTriage(Blackhole hole) {
        for (byte[] event : corpus) {
            if (normalizer.normalize(event) instanceof NormalizeResult.Normalized normalized) {
                for (Finding produced : normalized.findings()) {
                    byte[] canonical = FindingCodec.toJson(produced);
                    TriageOutcome outcome = engine.explain(FindingCodec.fromJson(canonical));
                    hole.consume(TriageRecords.of(outcome));
                }
            }
        }
    }
}
