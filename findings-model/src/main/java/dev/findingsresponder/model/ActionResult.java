package dev.findingsresponder.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one action request, on {@code actions.results} keyed by enforcement target.
 *
 * @param requestId     the request's id
 * @param action        action name
 * @param target        the request's target
 * @param outcome       what happened
 * @param detail        a sentence for a person: what was done, or why not (the guardrail, the AWS error)
 * @param awsRequestIds AWS request ids of the calls made, for CloudTrail correlation
 * @param facts         what the action changed, for undo and audit (e.g. naclId, ruleNumber, ipSetId, previous groups)
 * @param findingId     the finding that caused the request
 * @param playbook      the playbook that requested it
 * @param startedAt     when execution started
 * @param finishedAt    when it ended
 */
public record ActionResult(
        String requestId,
        String action,
        ActionRequest.Target target,
        Outcome outcome,
        String detail,
        List<String> awsRequestIds,
        Map<String, String> facts,
        String findingId,
        String playbook,
        Instant startedAt,
        Instant finishedAt) {

    public ActionResult {
        awsRequestIds = awsRequestIds == null ? List.of() : List.copyOf(awsRequestIds);
        facts = facts == null ? Map.of() : Map.copyOf(facts);
    }

    /** What became of a request. */
    public enum Outcome {
        APPLIED, ALREADY_APPLIED, DRY_RUN, PENDING, APPROVED, REJECTED, SKIPPED_GUARDRAIL, FAILED, EXPIRED, REMOVED
    }
}
