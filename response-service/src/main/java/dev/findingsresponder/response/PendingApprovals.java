package dev.findingsresponder.response;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.findingsresponder.model.ActionRequest;

/** Requests of playbooks in approve mode, parked until an operator decides or they expire. In memory (part 2 persists them). */
public final class PendingApprovals {

    /** A parked request and when it was parked. */
    public record Pending(ActionRequest request, Instant parkedAt) {
    }

    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    /** Parks {@code request}; false when its id is already parked. */
    public boolean park(ActionRequest request, Instant now) {
        return pending.putIfAbsent(request.requestId(), new Pending(request, now)) == null;
    }

    public boolean contains(String requestId) {
        return pending.containsKey(requestId);
    }

    /** Removes and returns the parked request, if still parked (one decision per request). */
    public Optional<Pending> take(String requestId) {
        return Optional.ofNullable(pending.remove(requestId));
    }

    /** Oldest first. */
    public List<Pending> list() {
        List<Pending> all = new ArrayList<>(pending.values());
        all.sort(Comparator.comparing(Pending::parkedAt));
        return all;
    }

    /** Removes and returns the requests parked longer than {@code timeout}. */
    public List<Pending> takeExpired(Instant now, Duration timeout) {
        List<Pending> expired = new ArrayList<>();
        for (Pending p : list()) {
            if (p.parkedAt().plus(timeout).isBefore(now) && pending.remove(p.request().requestId(), p)) {
                expired.add(p);
            }
        }
        return expired;
    }
}
