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

/**
 * Requests of playbooks in approve mode, parked until an operator decides or they expire. Each park and decision
 * is written to the {@link ApprovalLog} before it counts, and {@link #load} brings the parked ones back at start.
 */
public final class PendingApprovals {

    /** A parked request and when it was parked. */
    public record Pending(ActionRequest request, Instant parkedAt) {
    }

    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final ApprovalLog log;

    /** Parked requests in memory only (unit tests). */
    public PendingApprovals() {
        this(ApprovalLog.NONE);
    }

    public PendingApprovals(ApprovalLog log) {
        this.log = log;
    }

    /** Adds the requests the log holds as parked (before any request is consumed); returns how many. */
    public int load() {
        List<Pending> parked = log.readParked();
        parked.forEach(p -> pending.putIfAbsent(p.request().requestId(), p));
        return parked.size();
    }

    /** Parks {@code request} once it is durable; false when its id is already parked. */
    public boolean park(ActionRequest request, Instant now) {
        Pending parked = new Pending(request, now);
        if (pending.putIfAbsent(request.requestId(), parked) != null) {
            return false;
        }
        try {
            log.parked(parked);
        } catch (RuntimeException e) {
            pending.remove(request.requestId(), parked);
            throw e;
        }
        return true;
    }

    public boolean contains(String requestId) {
        return pending.containsKey(requestId);
    }

    /**
     * Removes and returns the parked request, if still parked (one decision per request). When the decision cannot
     * be recorded the request stays parked and the exception reaches the caller, who may decide again.
     */
    public Optional<Pending> take(String requestId) {
        Pending taken = pending.remove(requestId);
        if (taken != null) {
            recordDecided(taken);
        }
        return Optional.ofNullable(taken);
    }

    private void recordDecided(Pending taken) {
        try {
            log.decided(taken.request().requestId());
        } catch (RuntimeException e) {
            pending.putIfAbsent(taken.request().requestId(), taken);
            throw e;
        }
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
                recordDecided(p);
                expired.add(p);
            }
        }
        return expired;
    }
}
