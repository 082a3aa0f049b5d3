package dev.findingsresponder.bench.load;

import org.HdrHistogram.Histogram;

/**
 * Latency of one stage (microseconds, HdrHistogram with 3 significant digits) and when its first and last records
 * arrived, for the throughput the stage achieved.
 *
 * @param unmatched records read back whose id matched nothing this run produced
 */
record StageLatency(String stage, Histogram micros, long firstNanos, long lastNanos, long unmatched,
        long[] sortedArrivals) {

    static Histogram histogram() {
        return new Histogram(3_600_000_000L, 3);
    }

    long count() {
        return micros.getTotalCount();
    }

    /** Records per second between the first and the last arrival. */
    double throughput() {
        long span = lastNanos - firstNanos;
        return count() < 2 || span <= 0 ? 0 : (count() - 1) * 1e9 / span;
    }

    /** Records per second between the 10th and the 90th percentile of arrivals: the rate without ramp-up and tail. */
    double sustainedThroughput() {
        int n = sortedArrivals.length;
        if (n < 20) {
            return throughput();
        }
        int from = n / 10;
        int to = n * 9 / 10;
        long span = sortedArrivals[to] - sortedArrivals[from];
        return span <= 0 ? 0 : (to - from) * 1e9 / span;
    }
}
