package dev.findingsresponder.bench.load;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.HdrHistogram.Histogram;

/**
 * Time to enforcement per attacker address and action: from the produce time of the first finding naming the
 * address to the {@code finishedAt} of the first result that put the block in place (APPLIED, or ALREADY_APPLIED).
 * {@code finishedAt} is wall-clock time written by response-service on the same machine; it is moved onto the
 * producer's {@code nanoTime} clock through one (wall, nano) pair read at the start.
 */
final class Enforcement {

    /** The latency histogram (µs) and the number of addresses the action never enforced. */
    record Figures(String action, Histogram micros, int addresses, int notEnforced) {
    }

    private final long wallMillisAtStart;
    private final long nanosAtStart;

    Enforcement(long wallMillisAtStart, long nanosAtStart) {
        this.wallMillisAtStart = wallMillisAtStart;
        this.nanosAtStart = nanosAtStart;
    }

    Figures of(String action, List<LoadEvent> events, Map<String, Long> sentNanos, List<Arrivals.Result> results) {
        Map<String, Long> firstProduced = new HashMap<>();
        for (LoadEvent event : events) {
            Long sent = sentNanos.get(event.eventId());
            if (sent != null) {
                firstProduced.merge(bare(event.address()), sent, Math::min);
            }
        }
        Map<String, Long> enforced = new HashMap<>();
        for (Arrivals.Result result : results) {
            if (action.equals(result.action()) && result.address() != null && result.finishedAtMillis() > 0
                    && ("APPLIED".equals(result.outcome()) || "ALREADY_APPLIED".equals(result.outcome()))) {
                long nanos = nanosAtStart + (result.finishedAtMillis() - wallMillisAtStart) * 1_000_000L;
                enforced.merge(bare(result.address()), nanos, Math::min);
            }
        }
        Histogram micros = StageLatency.histogram();
        int missing = 0;
        for (Map.Entry<String, Long> e : firstProduced.entrySet()) {
            Long at = enforced.get(e.getKey());
            if (at == null) {
                missing++;
            } else {
                micros.recordValue(Math.max(0, (at - e.getValue()) / 1_000));
            }
        }
        return new Figures(action, micros, firstProduced.size(), missing);
    }

    static String bare(String address) {
        int slash = address.indexOf('/');
        return slash < 0 ? address : address.substring(0, slash);
    }
}
