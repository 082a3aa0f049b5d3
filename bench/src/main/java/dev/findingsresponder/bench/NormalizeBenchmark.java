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

import dev.findingsresponder.model.decode.EventNormalizer;
import dev.findingsresponder.model.decode.NormalizeResult;
import dev.findingsresponder.model.Finding;
import dev.findingsresponder.model.FindingCodec;

/**
 * Normalization cost per event over the project's fixture corpus (every source), beside the floor:
 * a bare Jackson {@code readTree} of the same bytes. Each operation processes the whole corpus once,
 * so the ratio of the two scores is the per-event cost ratio.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class NormalizeBenchmark {

    private final ObjectMapper bare = new ObjectMapper();
    private final EventNormalizer normalizer = new EventNormalizer(Set.of());
    private List<byte[]> corpus;

    @Setup
    public void loadCorpus() {
        corpus = BenchCorpus.rawEvents();
        System.out.println("\ncorpus: " + BenchCorpus.describe(corpus, "events"));
    }

    /** The floor: parse the bytes into a tree and nothing else. */
    @Benchmark
    public void bareReadTree(Blackhole hole) throws IOException {
        for (byte[] event : corpus) {
            hole.consume(bare.readTree(event));
        }
    }

    /** Decode, validate and normalize into canonical findings (includes the SHA-256 of the raw bytes). */
    @Benchmark
    public void normalize(Blackhole hole) {
        for (byte[] event : corpus) {
            hole.consume(normalizer.normalize(event));
        }
    }

    /** Normalize and serialize the findings as they are written to findings.normalized. */
    @Benchmark
    public void normalizeAndSerialize(Blackhole hole) {
        for (byte[] event : corpus) {
            if (normalizer.normalize(event) instanceof NormalizeResult.Normalized normalized) {
                for (Finding finding : normalized.findings()) {
                    hole.consume(FindingCodec.toJson(finding));
                }
            }
        }
    }

}
