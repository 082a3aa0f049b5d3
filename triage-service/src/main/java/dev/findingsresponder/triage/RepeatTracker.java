package dev.findingsresponder.triage;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Repeat windows per key (a finding's type and resource with one of its remote addresses, see {@link RepeatKeys}):
 * how often the key was seen since its window opened, which requests were already made for it, and the highest
 * escalation threshold already acted on. Triage reads a finding's keys with {@link #record} (or {@link #peek}),
 * then tells {@link #remember} what it actually requested: only that is merged later, so an action a repeat asks
 * for the first time (a playbook newly matching, a block skipped before) still goes out.
 *
 * <p>Reading and remembering are two steps: two replicas or threads triaging the same key at the same moment may
 * both request an action; the response side is idempotent, so that costs a duplicate request, never a lost one.
 */
public final class RepeatTracker {

    /**
     * What the windows know of one finding's keys.
     *
     * @param count       occurrences of the most seen of the keys in its window, this one included
     * @param first       none of the keys had an open window: this is the first alert
     * @param escalatedAt highest escalation threshold already acted on for any of the keys, 0 for none
     * @param requested   per key, the requests already made for it ({@link RepeatKeys#token} values)
     */
    public record Occurrence(long count, boolean first, long escalatedAt, Map<String, Set<String>> requested) {

        /** Whether {@code token} was already requested for {@code key}. */
        public boolean requestedFor(String key, String token) {
            return requested.getOrDefault(key, Set.of()).contains(token);
        }
    }

    private static final class Window {
        final long startedAt;
        long count;
        long escalatedAt;
        final Set<String> requested = new HashSet<>(4);

        Window(long startedAt) {
            this.startedAt = startedAt;
        }
    }

    private final Map<String, Window> windows;
    private final long windowMillis;
    private final List<Long> escalateAt;
    private final Clock clock;

    public RepeatTracker(Duration window, List<Long> escalateAt, int capacity, Clock clock) {
        this.windowMillis = window.toMillis();
        this.escalateAt = List.copyOf(escalateAt);
        this.clock = clock;
        this.windows = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Window> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Counts one occurrence of a finding with these keys. */
    public synchronized Occurrence record(Collection<String> keys) {
        return occurrence(keys, true);
    }

    /** What {@link #record} would answer, without recording (for explanations). */
    public synchronized Occurrence peek(Collection<String> keys) {
        return occurrence(keys, false);
    }

    private Occurrence occurrence(Collection<String> keys, boolean record) {
        long now = clock.millis();
        long count = record ? 0 : 1;
        boolean first = true;
        long escalated = 0;
        Map<String, Set<String>> requested = new HashMap<>();
        for (String key : keys) {
            Window window = live(key, now);
            if (window == null && !record) {
                continue;
            }
            if (window == null) {
                window = new Window(now);
                windows.put(key, window);
            } else {
                first = false;
            }
            if (record) {
                window.count++;
            }
            count = Math.max(count, record ? window.count : window.count + 1);
            escalated = Math.max(escalated, window.escalatedAt);
            requested.put(key, Set.copyOf(window.requested));
        }
        return new Occurrence(count, first, escalated, requested);
    }

    /**
     * Records what was requested for each key and, for all of {@code keys}, that escalation threshold
     * {@code escalatedAt} was acted on.
     */
    public synchronized void remember(Collection<String> keys, Map<String, Set<String>> requested, long escalatedAt) {
        long now = clock.millis();
        for (String key : keys) {
            Window window = live(key, now);
            if (window == null) {
                window = new Window(now);
                window.count = 1;
                windows.put(key, window);
            }
            window.escalatedAt = Math.max(window.escalatedAt, escalatedAt);
            window.requested.addAll(requested.getOrDefault(key, Set.of()));
        }
    }

    /** The highest configured escalation threshold at or below {@code occurrences}, 0 when none is reached. */
    public long thresholdReached(long occurrences) {
        long reached = 0;
        for (long threshold : escalateAt) {
            if (threshold <= occurrences) {
                reached = Math.max(reached, threshold);
            }
        }
        return reached;
    }

    private Window live(String key, long now) {
        Window window = windows.get(key);
        return window == null || now - window.startedAt > windowMillis ? null : window;
    }
}
