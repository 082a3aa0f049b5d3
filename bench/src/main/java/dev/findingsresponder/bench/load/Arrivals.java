package dev.findingsresponder.bench.load;

/** What the load tools keep of each record they read back: ids to correlate and when it arrived (nanoTime). */
final class Arrivals {

    private Arrivals() {
    }

    /** A canonical finding on findings.normalized, or a triaged one on findings.triaged: its raw event id. */
    record Finding(String eventId, long nanos) {
    }

    /** An action request on actions.requested. */
    record Request(String requestId, String eventId, String action, String address, long nanos) {
    }

    /**
     * An action result on actions.results.
     *
     * @param finishedAtMillis the result's {@code finishedAt} (epoch millis): when the action took effect
     */
    record Result(String requestId, String action, String outcome, String address, long finishedAtMillis,
            long nanos) {
    }
}
