package dev.findingsresponder.bench.load;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * Matches what came back to what was produced: canonical and triaged findings and action requests carry the raw
 * event's id ({@code raw.eventId}); action results carry the request id, which leads back to the request and so to
 * the event. Each record read back is one latency sample from its event's produce time to its arrival.
 */
final class Correlator {

    private final Map<String, Long> sentNanos;

    /** @param sentNanos produce time ({@code System.nanoTime()}) of every event, by envelope id */
    Correlator(Map<String, Long> sentNanos) {
        this.sentNanos = sentNanos;
    }

    StageLatency findings(String stage, List<Arrivals.Finding> arrivals) {
        return stage(stage, arrivals, a -> sent(a.eventId()), Arrivals.Finding::nanos);
    }

    StageLatency requests(List<Arrivals.Request> arrivals) {
        return stage("actions.requested", arrivals, a -> sent(a.eventId()), Arrivals.Request::nanos);
    }

    StageLatency results(List<Arrivals.Request> requests, List<Arrivals.Result> arrivals) {
        Map<String, String> eventOfRequest = new HashMap<>();
        requests.forEach(r -> eventOfRequest.put(r.requestId(), r.eventId()));
        return stage("actions.results", arrivals, a -> sent(eventOfRequest.get(a.requestId())),
                Arrivals.Result::nanos);
    }

    private long sent(String eventId) {
        Long nanos = eventId == null ? null : sentNanos.get(eventId);
        return nanos == null ? Long.MIN_VALUE : nanos;
    }

    private static <A> StageLatency stage(String name, List<A> arrivals, ToLongFunction<A> sentOf,
            ToLongFunction<A> arrivedOf) {
        var histogram = StageLatency.histogram();
        long unmatched = 0;
        long[] times = new long[arrivals.size()];
        int n = 0;
        for (A arrival : arrivals) {
            long sent = sentOf.applyAsLong(arrival);
            if (sent == Long.MIN_VALUE) {
                unmatched++;
                continue;
            }
            long arrived = arrivedOf.applyAsLong(arrival);
            histogram.recordValue(Math.max(0, (arrived - sent) / 1_000));
            times[n++] = arrived;
        }
        long[] sorted = Arrays.copyOf(times, n);
        Arrays.sort(sorted);
        return new StageLatency(name, histogram, n == 0 ? 0 : sorted[0], n == 0 ? 0 : sorted[n - 1], unmatched,
                sorted);
    }
}
