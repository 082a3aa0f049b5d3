package dev.findingsresponder.triage;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts repeats of the same (type, resource, remote addresses) within a window: the first occurrence
 * alerts at once, later ones are merged and counted, and crossing a threshold escalates.
 */
public final class RepeatTracker {

    /** The count after this occurrence, and whether it is the first or crossed an escalation threshold. */
    public record Occurrence(long count, boolean first, boolean escalation) {
    }

    private static final class Window {
        final long startedAt;
        long count;

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

    /** Records one occurrence of {@code key}. */
    public synchronized Occurrence record(String key) {
        long now = clock.millis();
        Window window = windows.get(key);
        if (window == null || now - window.startedAt > windowMillis) {
            window = new Window(now);
            windows.put(key, window);
        }
        window.count++;
        return new Occurrence(window.count, window.count == 1, escalateAt.contains(window.count));
    }

    /** What {@link #record} would answer, without recording (for explanations). */
    public synchronized Occurrence peek(String key) {
        Window window = windows.get(key);
        long count = window == null || clock.millis() - window.startedAt > windowMillis ? 1 : window.count + 1;
        return new Occurrence(count, count == 1, escalateAt.contains(count));
    }
}
