package dev.findingsresponder.triage;

import java.util.ArrayList;
import java.util.List;

import dev.findingsresponder.model.ActionRequest;
import dev.findingsresponder.model.EmbeddedFinding;

/**
 * The JSON values of one finding's triage records: the triaged record (findings.triaged) and each action
 * request (actions.requested), in the outcome's order. Every one of them embeds the full finding; it is
 * written once and copied into each ({@link EmbeddedFinding}), the bytes being the same as writing each record
 * on its own.
 *
 * @param triaged  the findings.triaged value
 * @param requests the actions.requested values, one per request of the outcome, in order
 */
public record TriageRecords(byte[] triaged, List<byte[]> requests) {

    public static TriageRecords of(TriageOutcome outcome) {
        EmbeddedFinding finding = EmbeddedFinding.of(outcome.triaged().finding());
        List<byte[]> requests = new ArrayList<>(outcome.requests().size());
        for (ActionRequest request : outcome.requests()) {
            requests.add(finding.write(request));
        }
        return new TriageRecords(finding.write(outcome.triaged()), requests);
    }
}
