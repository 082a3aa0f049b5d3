package dev.findingsresponder.ingest;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers recently published finding versions (id + updated time) so a redelivered event is
 * published once. Bounded in size and age; per instance (triage deduplicates again by finding id).
 */
public final class RecentVersions {

    private final Map<String, Long> seen;
    private final long windowMillis;
    private final Clock clock;

    public RecentVersions(int capacity, Duration window, Clock clock) {
        this.windowMillis = window.toMillis();
        this.clock = clock;
        this.seen = new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * Claims a version for publishing: true when it was not claimed within the window (the caller
     * publishes it), false for a redelivery. Claiming up front keeps two copies in one batch from
     * both being published; {@link #release} undoes a claim whose write failed, so a retry is not lost.
     */
    public synchronized boolean claim(String version) {
        long now = clock.millis();
        Long at = seen.get(version);
        if (at != null && now - at <= windowMillis) {
            return false;
        }
        seen.put(version, now);
        return true;
    }

    /** Forgets a claim whose Kafka write failed. */
    public synchronized void release(String version) {
        seen.remove(version);
    }
}
