package dev.findingsresponder.response.action;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.jboss.logging.Logger;

import dev.findingsresponder.model.ActionRequest;
import dev.findingsresponder.model.Finding;
import dev.findingsresponder.response.aws.AwsClients;
import software.amazon.awssdk.services.config.ConfigClient;
import software.amazon.awssdk.services.config.model.ComplianceType;
import software.amazon.awssdk.services.config.model.ConfigException;
import software.amazon.awssdk.services.config.model.EvaluationResult;
import software.amazon.awssdk.services.config.model.LimitExceededException;
import software.amazon.awssdk.services.config.model.ResourceInUseException;

/**
 * Asks AWS Config whether the finding's resource is still non-compliant with the finding's rule after a
 * remediation run: starts an evaluation of the rule (periodic rules would otherwise not look again for hours), then
 * reads the resource's evaluation results until the rule has one recorded after the run, for as long as the
 * caller allows. No such result in time, a Config error (logged), or a finding without a Config rule and resource
 * type (an ASFF-wrapped one names its resource in ASFF terms) is "unknown", which never triggers a retry.
 */
public final class ConfigComplianceCheck implements ComplianceCheck {

    private static final Logger LOG = Logger.getLogger(ConfigComplianceCheck.class);

    private final Duration pollInterval;
    private final Clock clock;

    /** Polls Config every 15 s: evaluations take minutes, and Config's read APIs allow only a few calls a second. */
    public static ConfigComplianceCheck every15Seconds() {
        return new ConfigComplianceCheck(Duration.ofSeconds(15), Clock.systemUTC());
    }

    public ConfigComplianceCheck(Duration pollInterval, Clock clock) {
        this.pollInterval = pollInterval;
        this.clock = clock;
    }

    @Override
    public boolean stillNonCompliant(ActionRequest request, AwsClients clients, Duration within) {
        Finding finding = request.finding();
        Finding.Compliance compliance = finding == null ? null : finding.compliance();
        Finding.Resource resource = finding == null ? null : finding.resource();
        if (compliance == null || compliance.ruleName() == null || resource == null || resource.id() == null
                || resource.type() == null || !resource.type().startsWith("AWS::")) {
            return false;
        }
        try {
            return ask(clients.config(request.target().account(), request.target().region()), compliance.ruleName(),
                    resource, System.nanoTime() + within.toNanos());
        } catch (ConfigException e) {
            LOG.warnf("compliance of %s %s with %s after remediation unknown: %s", resource.type(), resource.id(),
                    compliance.ruleName(), e.getMessage());
            return false;
        }
    }

    private boolean ask(ConfigClient config, String rule, Finding.Resource resource, long deadline) {
        Instant ranBy = clock.instant();
        try {
            config.startConfigRulesEvaluation(r -> r.configRuleNames(rule));
        } catch (LimitExceededException | ResourceInUseException alreadyEvaluating) {
            // an evaluation of the rule is running already: the result it records after the run counts as well
        }
        while (true) {
            for (EvaluationResult result : config.getComplianceDetailsByResource(r -> r.resourceType(resource.type())
                    .resourceId(resource.id())).evaluationResults()) {
                if (isFor(result, rule) && result.resultRecordedTime() != null
                        && !result.resultRecordedTime().isBefore(ranBy)) {
                    return result.complianceType() == ComplianceType.NON_COMPLIANT;
                }
            }
            if (System.nanoTime() >= deadline) {
                return false;
            }
            try {
                Thread.sleep(Math.min(pollInterval.toMillis(), Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
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
