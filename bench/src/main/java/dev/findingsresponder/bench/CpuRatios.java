package dev.findingsresponder.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.openjdk.jmh.infra.Blackhole;

import com.sun.management.ThreadMXBean;

import dev.findingsresponder.response.action.ActionPlanningBenchmark;

/**
 * The benchmarks' ratios in thread CPU time rather than wall time, for a machine shared with other builds
 * (where JMH's wall-clock scores swing with the load): each pair (the floor and the measured operation) runs
 * in alternating rounds on this thread, each round timed with {@link ThreadMXBean#getCurrentThreadCpuTime()},
 * and the median of the rounds' ratios is printed, with the bytes each operation allocates (which the load does
 * not change). Arguments: rounds (15), operations per round (100), and a
 * prefix of the pairs' names to run only those (all).
 */
public final class CpuRatios {

    private static final String BLACKHOLE_CONSENT =
            "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.";

    /** One operation over a whole corpus. */
    interface Operation {
        void run(Blackhole hole) throws Exception;
    }

    private record Pair(String name, Operation floor, Operation measured) {
    }

    private CpuRatios() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int opsPerRound = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        String only = args.length > 2 ? args[2] : "";
        Blackhole hole = new Blackhole(BLACKHOLE_CONSENT);
        for (Pair pair : pairs()) {
            if (pair.name().startsWith(only)) {
                measure(pair, rounds, opsPerRound, hole);
            }
        }
    }

    private static List<Pair> pairs() throws Exception {
        List<Pair> pairs = new ArrayList<>();
        NormalizeBenchmark normalize = new NormalizeBenchmark();
        normalize.loadCorpus();
        pairs.add(new Pair("normalize", normalize::bareReadTree, normalize::normalize));
        pairs.add(new Pair("normalizeAndSerialize", normalize::bareReadTree, normalize::normalizeAndSerialize));
        TriageBenchmark triage = new TriageBenchmark();
        triage.policy = "example";
        triage.setUp();
        pairs.add(new Pair("triage (example policy)", triage::bareReadTree, triage::triage));
        IngestTriageBenchmark combined = new IngestTriageBenchmark();
        combined.setUp();
        pairs.add(new Pair("ingestAndTriage", combined::bareReadTree, combined::ingestAndTriage));
        ActionPlanningBenchmark planning = new ActionPlanningBenchmark();
        planning.setUp();
        pairs.add(new Pair("planActions", planning::bareReadTree, planning::planActions));
        return pairs;
    }

    private static void measure(Pair pair, int rounds, int opsPerRound, Blackhole hole) throws Exception {
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 3; i++) { // warm-up rounds, not counted
            time(threads, pair.floor(), opsPerRound, hole);
            time(threads, pair.measured(), opsPerRound, hole);
        }
        double[] floor = new double[rounds];
        double[] measured = new double[rounds];
        double[] ratios = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            floor[r] = time(threads, pair.floor(), opsPerRound, hole);
            measured[r] = time(threads, pair.measured(), opsPerRound, hole);
            ratios[r] = measured[r] / floor[r];
        }
        double floorBytes = allocated(threads, pair.floor(), opsPerRound, hole);
        double measuredBytes = allocated(threads, pair.measured(), opsPerRound, hole);
        System.out.printf(Locale.ROOT, "%-26s floor %8.1f µs/corpus  measured %8.1f µs/corpus  ratio median %5.2f"
                        + " (min %5.2f, max %5.2f, %d rounds of %d ops, thread CPU time); allocated %,.0f / %,.0f"
                        + " bytes per corpus, ratio %.2f%n", pair.name(),
                median(floor), median(measured), median(ratios), Arrays.stream(ratios).min().orElse(0),
                Arrays.stream(ratios).max().orElse(0), rounds, opsPerRound, floorBytes, measuredBytes,
                measuredBytes / floorBytes);
    }

    /** Thread CPU µs per operation over {@code ops} operations. */
    private static double time(ThreadMXBean threads, Operation operation, int ops, Blackhole hole) throws Exception {
        long start = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < ops; i++) {
            operation.run(hole);
        }
        return (threads.getCurrentThreadCpuTime() - start) / 1_000.0 / ops;
    }

    /** Bytes allocated by this thread per operation (does not depend on the machine's load). */
    private static double allocated(ThreadMXBean threads, Operation operation, int ops, Blackhole hole)
            throws Exception {
        long start = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < ops; i++) {
            operation.run(hole);
        }
        return (double) (threads.getCurrentThreadAllocatedBytes() - start) / ops;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
