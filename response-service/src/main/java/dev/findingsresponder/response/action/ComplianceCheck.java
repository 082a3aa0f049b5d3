package dev.findingsresponder.response.action;

import java.time.Duration;

import dev.findingsresponder.model.ActionRequest;
import dev.findingsresponder.response.aws.AwsClients;

/**
 * Asks, after a successful remediation run, whether the finding's resource is still non-compliant, so
 * {@code ssm-remediate} can run the document again (up to {@code max-retries}). An implementation may wait
 * for the re-evaluation it needs (AWS Config evaluates asynchronously).
 */
@FunctionalInterface
public interface ComplianceCheck {

    /**
     * Compliance after the run unknown, which never triggers a retry (the next Config evaluation, if still
     * NON_COMPLIANT, arrives as a new finding). The service asks AWS Config ({@link ConfigComplianceCheck}).
     */
    ComplianceCheck UNKNOWN = (request, clients, within) -> false;

    /** True only when the resource is known, within {@code within}, to be still non-compliant. */
    boolean stillNonCompliant(ActionRequest request, AwsClients clients, Duration within);
}
