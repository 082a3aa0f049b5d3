package dev.findingsresponder.response.action;

import java.util.List;

import dev.findingsresponder.model.ActionRequest;
import dev.findingsresponder.model.action.ActionCatalog;
import dev.findingsresponder.model.action.ActionSchema;
import dev.findingsresponder.response.aws.AwsClients;

/**
 * A response action plug-in: one class per action. Its parameter schema is the one triage validated the
 * policy against ({@link ActionCatalog}); it declares the IAM permissions it needs (the deployment's
 * least-privilege policy is checked against them) and how it is undone.
 */
public interface ResponseAction {

    /** The action's name, as written in playbooks (e.g. {@code nacl-deny}). */
    String name();

    /** Parameter schema; unknown keys are rejected when the policy loads and again before execution. */
    default ActionSchema schema() {
        return ActionCatalog.find(name()).orElseThrow(() -> new IllegalStateException("no schema for " + name()));
    }

    /** IAM actions the plug-in calls, e.g. {@code ec2:CreateNetworkAclEntry}. */
    List<String> permissions();

    /** Whether {@link #undo} can reverse {@link #execute}, and if not, why. */
    Reversibility reversibility();

    /**
     * Carries the request out against AWS. Idempotent: applying an already applied request changes nothing
     * and answers {@code ALREADY_APPLIED}. Throws only for AWS faults the caller may retry.
     */
    ActionOutcome execute(ActionRequest request, AwsClients clients);

    /** Reverses what {@link #execute} did ({@code REMOVED}); idempotent like execute. */
    ActionOutcome undo(ActionRequest request, AwsClients clients);
}
