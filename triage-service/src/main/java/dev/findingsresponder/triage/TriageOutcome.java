package dev.findingsresponder.triage;

import java.util.List;

import dev.findingsresponder.model.ActionRequest;
import dev.findingsresponder.model.TriagedFinding;

/** The audit record of a finding's triage and the action requests it makes. */
public record TriageOutcome(TriagedFinding triaged, List<ActionRequest> requests) {

    public TriageOutcome {
        requests = List.copyOf(requests);
    }
}
