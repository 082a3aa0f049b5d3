package dev.findingsresponder.bench.load;

import java.util.List;

import org.HdrHistogram.Histogram;

/** The summary tables the tools print: plain text, one row per stage, milliseconds with one decimal. */
final class Table {

    private Table() {
    }

    static void latencies(String title, List<StageLatency> stages) {
        System.out.println();
        System.out.println(title);
        System.out.printf("  %-22s %8s %9s %9s %9s %9s %9s %10s %9s%n", "stage", "records", "p50 ms", "p90 ms",
                "p99 ms", "p99.9 ms", "max ms", "rec/s", "unmatched");
        for (StageLatency s : stages) {
            Histogram h = s.micros();
            System.out.printf("  %-22s %8d %9s %9s %9s %9s %9s %10.0f %9d%n", s.stage(), s.count(),
                    ms(h, 50), ms(h, 90), ms(h, 99), ms(h, 99.9), s.count() == 0 ? "-" : fmt(h.getMaxValue()),
                    s.throughput(), s.unmatched());
        }
    }

    static String ms(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? "-" : fmt(h.getValueAtPercentile(percentile));
    }

    private static String fmt(long micros) {
        return String.format("%.1f", micros / 1000.0);
    }
}
