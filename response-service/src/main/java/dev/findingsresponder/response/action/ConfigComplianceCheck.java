package dev.findingsresponder.response.action;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import dev.findingsresponder.model.ActionRequest;
import dev.findingsresponder.model.Finding;
import dev.findingsresponder.response.aws.AwsClients;
import software.amazon.awssdk.services.config.ConfigClient;
import software.amazon.awssdk.services.config.model.ComplianceType;
import software.amazon.awssdk.services.config.model.EvaluationResult;
import software.amazon.awssdk.services.config.model.LimitExceededException;
import software.amazon.awssdk.services.config.model.ResourceInUseException;

/**
 * Asks AWS Config whether the finding's resource is still non-compliant with the finding's rule after a
 * remediation run: starts an evaluation of the rule (periodic rules would otherwise not look again for hours), then
 * reads the resource's evaluation results until the rule has one recorded after the run, for at most
 * {@code wait}. No such result in time, or a finding without a Config rule and resource type (an ASFF-wrapped one
 * names its resource in ASFF terms), is "unknown", which never triggers a retry.
 */
public final class ConfigComplianceCheck implements ComplianceCheck {

    private final Duration wait;
    private final Duration pollInterval;
    private final Clock clock;

    public ConfigComplianceCheck(Duration wait, Duration pollInterval, Clock clock) {
        this.wait = wait;
        this.pollInterval = pollInterval;
        this.clock = clock;
    }

    @Override
    public boolean stillNonCompliant(ActionRequest request, AwsClients clients) {
        Finding finding = request.finding();
        Finding.Compliance compliance = finding == null ? null : finding.compliance();
        Finding.Resource resource = finding == null ? null : finding.resource();
        if (compliance == null || compliance.ruleName() == null || resource == null || resource.id() == null
                || resource.type() == null || !resource.type().startsWith("AWS::")) {
            return false;
        }
        Instant ranBy = clock.instant();
        ConfigClient config = clients.config(request.target().account(), request.target().region());
        try {
            config.startConfigRulesEvaluation(r -> r.configRuleNames(compliance.ruleName()));
        } catch (LimitExceededException | ResourceInUseException alreadyEvaluating) {
            // an evaluation of the rule is running already: the result it records after the run counts as well
        }
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            for (EvaluationResult result : config.getComplianceDetailsByResource(r -> r.resourceType(resource.type())
                    .resourceId(resource.id())).evaluationResults()) {
                if (isFor(result, compliance.ruleName()) && result.resultRecordedTime() != null
                        && !result.resultRecordedTime().isBefore(ranBy)) {
                    return result.complianceType() == ComplianceType.NON_COMPLIANT;
                }
            }
            if (System.nanoTime() >= deadline) {
                return false;
            }
            try {
                Thread.sleep(pollInterval.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    private static boolean isFor(EvaluationResult result, String ruleName) {
        return result.evaluationResultIdentifier() != null
                && result.evaluationResultIdentifier().evaluationResultQualifier() != null
                && ruleName.equals(result.evaluationResultIdentifier().evaluationResultQualifier().configRuleName());
    }
}
