package dev.findingsresponder.model.decode;

import dev.findingsresponder.model.Finding;
import java.util.List;

/** Outcome of {@link EventNormalizer#normalize(byte[])}: canonical findings, or a reason to reject. */
public sealed interface NormalizeResult {

    /** One or more canonical findings (a Security Hub batch yields one per element). */
    record Normalized(List<Finding> findings) implements NormalizeResult {
        public Normalized {
            findings = List.copyOf(findings);
        }
    }

    /** The input was rejected; {@code detail} names the JSON path and what was wrong. */
    record Rejected(RejectReason reason, String detail) implements NormalizeResult {
    }
}
