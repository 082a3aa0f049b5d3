package dev.findingsresponder.response;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import dev.findingsresponder.model.ActionResult;

/**
 * The final result of recently handled request ids, so a redelivered request is answered ALREADY_APPLIED without
 * touching AWS. Bounded: the oldest ids are forgotten first. Process memory only; part 2's desired state makes a
 * restart safe too (the plug-ins are idempotent against AWS meanwhile).
 */
public final class ResultLedger {

    private final Map<String, ActionResult> results;

    public ResultLedger(int capacity) {
        this.results = new LinkedHashMap<>(256, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, ActionResult> eldest) {
                return size() > capacity;
            }
        };
    }

    public synchronized Optional<ActionResult> find(String requestId) {
        return Optional.ofNullable(results.get(requestId));
    }

    public synchronized void record(ActionResult result) {
        results.put(result.requestId(), result);
    }
}
