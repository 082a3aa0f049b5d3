package dev.findingsresponder.triage.policy;

import java.util.List;
import java.util.stream.Collectors;

/** A policy was refused: every problem found, in file order. */
public class PolicyException extends RuntimeException {

    private final transient List<PolicyError> errors;

    public PolicyException(String sourceName, List<PolicyError> errors) {
        super("policy " + sourceName + " is invalid (" + errors.size() + (errors.size() == 1 ? " error" : " errors")
                + "):\n" + errors.stream().map(PolicyError::toString).collect(Collectors.joining("\n")));
        this.errors = List.copyOf(errors);
    }

    public List<PolicyError> errors() {
        return errors;
    }
}
