package dev.findingsresponder.response.faults;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.findingsresponder.model.ActionRequest;
import dev.findingsresponder.model.ActionResult;
import dev.findingsresponder.model.ActionResult.Outcome;
import dev.findingsresponder.response.ActionExecutor;
import dev.findingsresponder.testsupport.faults.AwsFault;

/**
 * What one phase of the drill saw: every result of every request in order, the AWS calls and injected faults by
 * operation, and which applied requests have their effect in AWS.
 */
final class DrillPhase {

    final double share;
    final List<ActionRequest> requests;
    final Map<String, List<ActionResult>> results = new LinkedHashMap<>();
    Map<String, Long> calls = Map.of();
    Map<String, Map<AwsFault, Long>> faults = Map.of();
    final List<String> missingEffects = new ArrayList<>();

    DrillPhase(double share, List<ActionRequest> requests) {
        this.share = share;
        this.requests = requests;
        requests.forEach(r -> results.put(r.requestId(), new ArrayList<>()));
    }

    /** A FAILED result that announces a retry delivery: not the request's last word. */
    static boolean interim(ActionResult result) {
        return result.outcome() == Outcome.FAILED && result.facts().containsKey(ActionExecutor.RETRY_ATTEMPT_FACT);
    }

    static boolean applied(ActionResult result) {
        return result.outcome() == Outcome.APPLIED || result.outcome() == Outcome.ALREADY_APPLIED;
    }

    /** Replaces what was recorded with {@code all} (every result read so far, in topic order). */
    void record(List<ActionResult> all) {
        results.values().forEach(List::clear);
        for (ActionResult result : all) {
            List<ActionResult> of = results.get(result.requestId());
            if (of != null) {
                of.add(result);
            }
        }
    }

    /** The request's final result, or null while it has none. */
    ActionResult last(String requestId) {
        List<ActionResult> of = results.get(requestId);
        if (of.isEmpty() || interim(of.get(of.size() - 1))) {
            return null;
        }
        return of.get(of.size() - 1);
    }

    boolean complete() {
        return requests.stream().allMatch(r -> last(r.requestId()) != null);
    }

    long totalCalls() {
        return calls.values().stream().mapToLong(Long::longValue).sum();
    }

    long totalFaults() {
        return faults.values().stream().flatMap(m -> m.values().stream()).mapToLong(Long::longValue).sum();
    }

    /** Calls of the operations whose name satisfies {@code service} (e.g. {@code wafv2:}). */
    long calls(String servicePrefix) {
        return calls.entrySet().stream().filter(e -> e.getKey().startsWith(servicePrefix))
                .mapToLong(Map.Entry::getValue).sum();
    }

    /** Final outcomes by action, e.g. {@code waf-block -> {APPLIED=2}}. */
    Map<String, Map<Outcome, Integer>> outcomes() {
        Map<String, Map<Outcome, Integer>> byAction = new TreeMap<>();
        for (ActionRequest request : requests) {
            ActionResult last = last(request.requestId());
            if (last != null) {
                byAction.computeIfAbsent(request.action(), a -> new TreeMap<>()).merge(last.outcome(), 1, Integer::sum);
            }
        }
        return byAction;
    }

    /** Results that announced a retry delivery (each one delivery through actions.retry). */
    long retryDeliveries() {
        return results.values().stream().flatMap(List::stream).filter(DrillPhase::interim).count();
    }
}
