package dev.findingsresponder.triage;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
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
        String repeatKey = repeatKey(finding);
        if (isSelfUpdate(finding)) {
            return outcome(finding, scorer.score(finding, 1), Decision.SELF_UPDATE_IGNORED,
                    "Security Hub finding last updated by this system (" + finding.state().lastUpdatedBy() + "): not triaged again",
                    null, List.of(), List.of(), null, policy, now);
        }
        RepeatTracker.Occurrence occurrence = record ? repeats.record(repeatKey) : repeats.peek(repeatKey);
        Repeat repeat = new Repeat(repeatKey, occurrence.count(), occurrence.escalation());
        Score score = scorer.score(finding, occurrence.count());
        if (isInactive(finding)) {
            return outcome(finding, score, Decision.INACTIVE, "finding is archived, resolved or closed at the source",
                    null, List.of(), List.of(), repeat, policy, now);
        }
        Optional<String> suppressedBy = policy.suppressionFor(finding, score).map(rule -> rule.name());
        if (suppressedBy.isPresent()) {
            return outcome(finding, score, Decision.SUPPRESSED, "suppression rule '" + suppressedBy.get() + "' matched",
                    suppressedBy.get(), List.of(), List.of(), repeat, policy, now);
        }
        List<Playbook> playbooks = policy.playbooksFor(finding, score);
        List<String> names = playbooks.stream().map(Playbook::name).toList();
        if (playbooks.isEmpty()) {
            return outcome(finding, score, Decision.NO_PLAYBOOK, "no playbook matched", null, names, List.of(),
                    repeat, policy, now);
        }
        if (!occurrence.first() && !occurrence.escalation()) {
            return outcome(finding, score, Decision.REPEAT_MERGED, "repeat " + occurrence.count()
                    + " within the window: merged into the first alert", null, names, List.of(), repeat, policy, now);
        }
        List<ActionRequest> requests = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        String reason = occurrence.first() ? "first alert" : "escalation: seen " + occurrence.count() + " times";
        for (Playbook playbook : playbooks) {
            ActionPlanner.Plan plan = planner.plan(finding, score, playbook, occurrence.first() ? 0 : occurrence.count(),
                    reason, now);
            requests.addAll(plan.requests());
            notes.addAll(plan.notes());
        }
        String detail = (requests.isEmpty() ? "playbooks matched but requested nothing" : reason + ": "
                + requests.size() + " action request(s)") + (notes.isEmpty() ? "" : "; " + String.join("; ", notes));
        Decision decision = requests.isEmpty() ? Decision.NO_PLAYBOOK : Decision.ACTIONS_REQUESTED;
        TriagedFinding triaged = new TriagedFinding(finding, score, decision, detail, null, names,
                requests.stream().map(ActionRequest::requestId).toList(), repeat, policy.version(), now);
        return new TriageOutcome(triaged, requests);
    }

    private boolean isSelfUpdate(Finding finding) {
        return finding.source() == Source.SECURITY_HUB && finding.state() != null
                && finding.state().lastUpdatedBy() != null && selfIdentities.contains(finding.state().lastUpdatedBy());
    }

    private static boolean isInactive(Finding finding) {
        Finding.FindingState state = finding.state();
        return state != null && (state.archived() || state.resolved() || state.suppressed());
    }

    /** (type, resource, remote addresses): what makes two findings the same alert. */
    static String repeatKey(Finding finding) {
        Finding.Resource resource = finding.resource();
        String resourceKey = resource == null ? "-" : firstNonNull(resource.id(), resource.instanceId(), resource.arn(), "-");
        Set<String> addresses = new TreeSet<>();
        for (Finding.NetworkIndicator indicator : finding.network()) {
            if (indicator.remoteIp() != null) {
                addresses.add(indicator.remoteIp());
            }
        }
        return finding.account() + "|" + finding.type() + "|" + resourceKey + "|" + String.join(",", addresses);
    }

    private static TriageOutcome outcome(Finding finding, Score score, Decision decision, String detail, String suppressedBy,
                                         List<String> playbooks, List<String> requestIds, Repeat repeat, Policy policy,
                                         Instant now) {
        return new TriageOutcome(new TriagedFinding(finding, score, decision, detail, suppressedBy, playbooks, requestIds,
                repeat, policy.version(), now), List.of());
    }

    private static String firstNonNull(String... values) {
        for (String value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}
