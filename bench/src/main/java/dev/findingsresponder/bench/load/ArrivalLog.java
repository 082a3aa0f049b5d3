package dev.findingsresponder.bench.load;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.findingsresponder.model.Topics;

/**
 * The ids and arrival times of the records read back, per output topic. Not thread-safe: the recorder adds under its
 * own lock and readers take the same lock.
 */
class ArrivalLog {

    private static final List<String> FINDING_FIELDS = List.of("eventId");
    private static final List<String> REQUEST_FIELDS = List.of("requestId", "action", "address", "eventId");
    private static final List<String> RESULT_FIELDS = List.of("requestId", "action", "address", "outcome",
            "finishedAt");

    final List<Arrivals.Finding> normalized = new ArrayList<>();
    final List<Arrivals.Finding> triaged = new ArrayList<>();
    final List<Arrivals.Request> requested = new ArrayList<>();
    final List<Arrivals.Result> results = new ArrayList<>();

    /** Keeps one record's ids and arrival time. */
    void add(String topic, byte[] value, long now) {
        switch (topic) {
            case Topics.FINDINGS_NORMALIZED -> normalized.add(new Arrivals.Finding(
                    RecordFields.of(value, FINDING_FIELDS)[0], now));
            case Topics.FINDINGS_TRIAGED -> triaged.add(new Arrivals.Finding(
                    RecordFields.of(value, FINDING_FIELDS)[0], now));
            case Topics.ACTIONS_REQUESTED -> {
                String[] f = RecordFields.of(value, REQUEST_FIELDS);
                requested.add(new Arrivals.Request(f[0], f[3], f[1], f[2], now));
            }
            case Topics.ACTIONS_RESULTS -> {
                String[] f = RecordFields.of(value, RESULT_FIELDS);
                results.add(new Arrivals.Result(f[0], f[1], f[3], f[2], finishedAtMillis(f[4]), now));
            }
            default -> { }
        }
    }

    private static long finishedAtMillis(String text) {
        if (text == null) {
            return 0;
        }
        try {
            return Instant.parse(text).toEpochMilli();
        } catch (RuntimeException notIso) {
            // Jackson may write instants as decimal epoch seconds
            return (long) (Double.parseDouble(text) * 1000);
        }
    }

}
