package dev.findingsresponder.response.guard;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Caps on how often a disruptive action may run per account in any hour (a sliding window), so a storm of findings,
 * or a poisoned one, cannot isolate every instance of an account or run remediation on everything. Counts what this
 * replica executed; a request over the cap is refused, not queued.
 */
public final class RateCaps {

    private static final Duration WINDOW = Duration.ofHours(1);

    private final Map<String, Integer> perAccountPerHour;
    private final Map<String, Deque<Instant>> executed = new HashMap<>();

    /** @param perAccountPerHour action name to the most executions per account in any hour (0 refuses every one) */
    public RateCaps(Map<String, Integer> perAccountPerHour) {
        perAccountPerHour.forEach((action, cap) -> {
            if (cap == null || cap < 0) {
                throw new IllegalArgumentException("rate cap of " + action + " must be 0 or more, was " + cap);
            }
        });
        this.perAccountPerHour = Map.copyOf(perAccountPerHour);
    }

    /** No caps. */
    public static RateCaps none() {
        return new RateCaps(Map.of());
    }

    /** Counts one execution of {@code action} in {@code account}, or says why it is over the cap. */
    public synchronized Optional<String> admit(String action, String account, Instant now) {
        Integer cap = perAccountPerHour.get(action);
        if (cap == null) {
            return Optional.empty();
        }
        Deque<Instant> times = executed.computeIfAbsent(action + "|" + account, k -> new ArrayDeque<>());
        while (!times.isEmpty() && !times.peekFirst().isAfter(now.minus(WINDOW))) {
            times.removeFirst();
        }
        if (times.size() >= cap) {
            return Optional.of("rate cap: at most " + cap + " " + action + " per account per hour, and " + account
                    + " had " + times.size() + (times.isEmpty() ? "" : " since " + times.peekFirst()));
        }
        times.addLast(now);
        return Optional.empty();
    }
}
