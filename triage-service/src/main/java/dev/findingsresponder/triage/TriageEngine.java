package dev.findingsresponder.triage;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import dev.findingsresponder.model.ActionRequest;
import dev.findingsresponder.model.Finding;
import dev.findingsresponder.model.Score;
import dev.findingsresponder.model.Source;
import dev.findingsresponder.model.TriagedFinding;
import dev.findingsresponder.model.TriagedFinding.Decision;
import dev.findingsresponder.model.TriagedFinding.Repeat;
import dev.findingsresponder.triage.policy.Playbook;
import dev.findingsresponder.triage.policy.Policy;
import dev.findingsresponder.triage.score.Scorer;

/**
 * Decides what happens to one finding: loop guard, inactive check, score, suppression, repeat merging,
 * then the matching playbooks' action requests. {@link #explain} answers the same without recording.
 * Plain Java (built by {@link TriageBeans}), so benchmarks can run it without the service around it.
 */
public class TriageEngine {

    private final Supplier<Optional<Policy>> policies;
    private final Scorer scorer;
    private final RepeatTracker repeats;
    private final ActionPlanner planner;
    private final Set<String> selfIdentities;
    private final Clock clock;

    public TriageEngine(Supplier<Optional<Policy>> policies, Scorer scorer, RepeatTracker repeats, ActionPlanner planner,
                        Set<String> selfIdentities, Clock clock) {
        this.policies = policies;
        this.scorer = scorer;
        this.repeats = repeats;
        this.planner = planner;
        this.selfIdentities = Set.copyOf(selfIdentities);
        this.clock = clock;
    }

    /** Triage for real: the repeat window counts this finding. */
    public TriageOutcome triage(Finding finding) {
        return evaluate(finding, true);
    }

    /** What triage would decide now, with no side effect. */
    public TriageOutcome explain(Finding finding) {
        return evaluate(finding, false);
    }

    private TriageOutcome evaluate(Finding finding, boolean record) {
        Policy policy = policies.get().orElseThrow(() -> new IllegalStateException("no valid policy is loaded"));
        Instant now = clock.instant();
        if (isSelfUpdate(finding)) {
            return outcome(finding, scorer.score(finding, 1), Decision.SELF_UPDATE_IGNORED,
                    "Security Hub finding last updated by this system (" + finding.state().lastUpdatedBy() + "): not triaged again",
                    null, List.of(), List.of(), null, policy, now);
        }
        RepeatKeys keys = RepeatKeys.of(finding);
        RepeatTracker.Occurrence occurrence = record ? repeats.record(keys.all()) : repeats.peek(keys.all());
        Repeat counted = new Repeat(keys.display(), occurrence.count(), false);
        Score score = scorer.score(finding, occurrence.count());
        if (isInactive(finding)) {
            return outcome(finding, score, Decision.INACTIVE, "finding is archived, resolved or closed at the source",
                    null, List.of(), List.of(), counted, policy, now);
        }
        Optional<String> suppressedBy = policy.suppressionFor(finding, score).map(rule -> rule.name());
        if (suppressedBy.isPresent()) {
            return outcome(finding, score, Decision.SUPPRESSED, "suppression rule '" + suppressedBy.get() + "' matched",
                    suppressedBy.get(), List.of(), List.of(), counted, policy, now);
        }
        List<Playbook> playbooks = policy.playbooksFor(finding, score);
        if (playbooks.isEmpty()) {
            return outcome(finding, score, Decision.NO_PLAYBOOK, "no playbook matched", null, List.of(), List.of(),
                    counted, policy, now);
        }
        return route(finding, score, playbooks, keys, occurrence, record, policy, now);
    }

    /**
     * The matched playbooks' requests, less those already made for the finding's repeat keys in the window (merged);
     * a repeat crossing an escalation threshold not crossed before for its keys sends the notifications again.
     */
    private TriageOutcome route(Finding finding, Score score, List<Playbook> playbooks, RepeatKeys keys,
                                RepeatTracker.Occurrence occurrence, boolean record, Policy policy, Instant now) {
        long seen = Math.max(finding.count(), occurrence.count());
        long threshold = repeats.thresholdReached(seen);
        boolean escalation = !occurrence.first() && threshold > occurrence.escalatedAt();
        String reason = occurrence.first() ? "first alert" : "repeat " + occurrence.count()
                + " within the window, not requested before";
        List<ActionRequest> requests = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Map<String, Set<String>> made = new HashMap<>();
        int merged = 0;
        for (Playbook playbook : playbooks) {
            ActionPlanner.Plan plan = planner.plan(finding, score, playbook, 0, reason, now);
            notes.addAll(plan.notes());
            Set<String> fresh = new HashSet<>();
            for (ActionRequest request : plan.requests()) {
                String token = RepeatKeys.token(request);
                List<String> requestKeys = keysOf(request, keys);
                if (requestKeys.stream().anyMatch(key -> occurrence.requestedFor(key, token))) {
                    merged++;
                    continue;
                }
                requests.add(request);
                fresh.add(token);
                requestKeys.forEach(key -> made.computeIfAbsent(key, k -> new HashSet<>()).add(token));
            }
            if (escalation) {
                String escalated = "escalation: seen " + seen + " times";
                planner.plan(finding, score, playbook, seen, escalated, now).requests().stream()
                        .filter(request -> !fresh.contains(RepeatKeys.token(request)))
                        .forEach(requests::add);
            }
        }
        if (record) {
            repeats.remember(keys.all(), made, threshold);
        }
        Decision decision = !requests.isEmpty() ? Decision.ACTIONS_REQUESTED
                : merged > 0 ? Decision.REPEAT_MERGED : Decision.MATCHED_NO_ACTION;
        String detail = switch (decision) {
            case ACTIONS_REQUESTED -> (escalation ? "escalation: seen " + seen + " times" : reason) + ": "
                    + requests.size() + " action request(s)"
                    + (merged > 0 ? ", " + merged + " already requested in the window merged" : "");
            case REPEAT_MERGED -> "repeat " + occurrence.count() + " within the window: merged into the first alert ("
                    + merged + " request(s) already made)";
            default -> "playbook(s) " + String.join(", ", playbooks.stream().map(Playbook::name).toList())
                    + " matched but requested nothing";
        } + (notes.isEmpty() ? "" : "; " + String.join("; ", notes));
        Repeat repeat = new Repeat(keys.display(), occurrence.count(), escalation);
        List<String> requestIds = requests.stream().map(ActionRequest::requestId).toList();
        TriagedFinding triaged = new TriagedFinding(finding, score, decision, detail, null,
                playbooks.stream().map(Playbook::name).toList(), requestIds, repeat, policy.version(), now);
        return new TriageOutcome(triaged, requests);
    }

    /** A block is tracked under its address's key; anything else under every key of the finding. */
    private static List<String> keysOf(ActionRequest request, RepeatKeys keys) {
        String address = request.target().address();
        String key = address == null ? null : keys.forAddress(address);
        return key == null ? keys.all() : List.of(key);
    }

    /**
     * A Security Hub finding whose latest change is this system's own note: the note is at least as new as the
     * finding's {@code updatedAt}. A provider update after the note (or a note without a time) is triaged.
     */
    private boolean isSelfUpdate(Finding finding) {
        Finding.FindingState state = finding.state();
        if (finding.source() != Source.SECURITY_HUB || state == null || state.lastUpdatedBy() == null
                || !selfIdentities.contains(state.lastUpdatedBy()) || state.noteUpdatedAt() == null) {
            return false;
        }
        return finding.updatedAt() == null || !state.noteUpdatedAt().isBefore(finding.updatedAt());
    }

    private static boolean isInactive(Finding finding) {
        Finding.FindingState state = finding.state();
        return state != null && (state.archived() || state.resolved() || state.suppressed());
    }

    private static TriageOutcome outcome(Finding finding, Score score, Decision decision, String detail, String suppressedBy,
                                         List<String> playbooks, List<String> requestIds, Repeat repeat, Policy policy,
                                         Instant now) {
        return new TriageOutcome(new TriagedFinding(finding, score, decision, detail, suppressedBy, playbooks, requestIds,
                repeat, policy.version(), now), List.of());
    }
}
