package dev.findingsresponder.response;

import java.util.Optional;

import dev.findingsresponder.model.ActionRequest;
import dev.findingsresponder.model.ActionResult.Outcome;
import dev.findingsresponder.response.guard.Guardrails;

/**
 * Whether the reconciler may write to AWS: the same kill switch, global dry run and guardrails a request passes.
 * A block written before an address became guarded (trusted list, own CIDRs) is never written back.
 */
public final class WriteBackGate {

    /** Why a write was not made, and the outcome its result carries. */
    public record Refusal(Outcome outcome, String why) {
    }

    private final Guardrails guardrails;
    private final boolean dryRun;

    public WriteBackGate(Guardrails guardrails, boolean dryRun) {
        this.guardrails = guardrails;
        this.dryRun = dryRun;
    }

    /** Why the reconciler must not write {@code request} (a block) back, or empty when it may. */
    public Optional<Refusal> refusal(ActionRequest request) {
        Optional<String> violation = guardrails.violation(request);
        if (violation.isPresent()) {
            return Optional.of(new Refusal(Outcome.SKIPPED_GUARDRAIL, violation.get()));
        }
        return dryRun ? Optional.of(new Refusal(Outcome.DRY_RUN, "global dry-run: nothing is written")) : Optional.empty();
    }

    /** Why the reconciler must make no write at all (expiry removals included), or empty when it may. */
    public Optional<String> halted() {
        if (guardrails.killSwitchOn()) {
            return Optional.of("kill switch on");
        }
        return dryRun ? Optional.of("global dry-run") : Optional.empty();
    }
}
