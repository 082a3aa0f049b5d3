package dev.findingsresponder.response.action;

import java.util.List;
import java.util.Map;

import dev.findingsresponder.model.ActionResult.Outcome;

/**
 * What an action plug-in did.
 *
 * @param outcome       APPLIED, ALREADY_APPLIED, REMOVED, SKIPPED_GUARDRAIL or FAILED (permanent failures)
 * @param detail        a sentence for a person
 * @param awsRequestIds AWS request ids of the calls made
 * @param facts         what changed, for undo and audit (e.g. naclId, ruleNumber, evicted, ipSetId)
 */
public record ActionOutcome(Outcome outcome, String detail, List<String> awsRequestIds, Map<String, String> facts) {

    public ActionOutcome {
        awsRequestIds = awsRequestIds == null ? List.of() : List.copyOf(awsRequestIds);
        facts = facts == null ? Map.of() : Map.copyOf(facts);
    }
}
