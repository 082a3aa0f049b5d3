package dev.findingsresponder.response;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import dev.findingsresponder.model.ActionResult;

/**
 * The final outcome of recently handled request ids, so a redelivered request is answered ALREADY_APPLIED without
 * touching AWS. Bounded: the oldest ids are forgotten first. Keeps only the outcome and the start of the detail:
 * whole results (target, facts, AWS request ids) for 100,000 ids took most of a 256 MiB heap under load, and the
 * garbage collector's time with it. Process memory only; the desired state makes a restart safe too (the plug-ins
 * are idempotent against AWS meanwhile).
 */
public final class ResultLedger {

    /** Characters of the earlier result's detail kept for the ALREADY_APPLIED answer. */
    static final int DETAIL_CHARS = 160;

    /** What an earlier delivery of a request ended with. */
    public record Earlier(ActionResult.Outcome outcome, String detail) {
    }

    private final Map<String, Earlier> results;

    public ResultLedger(int capacity) {
        this.results = new LinkedHashMap<>(256, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Earlier> eldest) {
                return size() > capacity;
            }
        };
    }

    public synchronized Optional<Earlier> find(String requestId) {
        return Optional.ofNullable(results.get(requestId));
    }

    public synchronized void record(ActionResult result) {
        String detail = result.detail() == null ? "" : result.detail();
        if (detail.length() > DETAIL_CHARS) {
            detail = detail.substring(0, DETAIL_CHARS - 3) + "...";
        }
        results.put(result.requestId(), new Earlier(result.outcome(), detail));
    }
}
