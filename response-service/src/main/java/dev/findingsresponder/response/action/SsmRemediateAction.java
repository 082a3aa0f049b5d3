package dev.findingsresponder.response.action;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.findingsresponder.model.ActionRequest;
import dev.findingsresponder.model.ActionResult.Outcome;
import dev.findingsresponder.model.Finding;
import dev.findingsresponder.model.Source;
import dev.findingsresponder.model.action.ActionCatalog;
import dev.findingsresponder.response.aws.AwsClients;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.AutomationExecution;
import software.amazon.awssdk.services.ssm.model.AutomationExecutionStatus;
import software.amazon.awssdk.services.ssm.model.SsmException;

/**
 * {@code ssm-remediate}: starts an SSM Automation document with the playbook's parameters (placeholders filled
 * from the finding, see {@link SsmParameters}) and waits, polling GetAutomationExecution, for a terminal status.
 * The whole request (every run and the compliance checks between them) ends within {@link SsmSettings#maxWait()},
 * which start-up keeps below the request channels' limits. Success or CompletedWithSuccess answers APPLIED; any other terminal status,
 * or no terminal status in time, answers FAILED with SSM's failure message and the execution id.
 *
 * <p>Idempotent: the ClientToken is a UUID derived from the request id and the run number, so a redelivered
 * request does not start a second execution of the same run.
 *
 * <p>Config findings (source or product AWS Config): when a successful run leaves the resource non-compliant
 * according to the {@link ComplianceCheck}, the document runs again, up to {@code max-retries} more times.
 *
 * <p>With {@code assume-role-arn} the automation runs as that role (parameter {@code AutomationAssumeRole},
 * unless the playbook sets it itself), which needs {@code iam:PassRole} on the role; without it the automation
 * runs with the caller's permissions and iam:PassRole is not used.
 */
public class SsmRemediateAction implements ResponseAction {

    private static final Set<AutomationExecutionStatus> SUCCEEDED = Set.of(
            AutomationExecutionStatus.SUCCESS, AutomationExecutionStatus.COMPLETED_WITH_SUCCESS);
    private static final Set<AutomationExecutionStatus> ENDED_BADLY = Set.of(
            AutomationExecutionStatus.FAILED, AutomationExecutionStatus.TIMED_OUT, AutomationExecutionStatus.CANCELLED,
            AutomationExecutionStatus.REJECTED, AutomationExecutionStatus.COMPLETED_WITH_FAILURE,
            AutomationExecutionStatus.EXITED, AutomationExecutionStatus.CHANGE_CALENDAR_OVERRIDE_REJECTED);

    private final SsmSettings settings;
    private final ComplianceCheck complianceCheck;

    /** Default waits; compliance after a run asked of AWS Config ({@link ConfigComplianceCheck}). */
    public SsmRemediateAction() {
        this(SsmSettings.defaults(), ConfigComplianceCheck.every15Seconds());
    }

    public SsmRemediateAction(SsmSettings settings, ComplianceCheck complianceCheck) {
        this.settings = settings;
        this.complianceCheck = complianceCheck;
    }

    @Override
    public String name() {
        return ActionCatalog.SSM_REMEDIATE;
    }

    /** iam:PassRole is only used with {@code assume-role-arn} (or an AutomationAssumeRole parameter). */
    @Override
    public List<String> permissions() {
        return List.of("ssm:StartAutomationExecution", "ssm:GetAutomationExecution", "iam:PassRole",
                "config:StartConfigRulesEvaluation", "config:GetComplianceDetailsByResource");
    }

    @Override
    public Reversibility reversibility() {
        return Reversibility.not("remediation changes the resource; the runbook decides whether it can be undone");
    }

    @Override
    public ActionOutcome execute(ActionRequest request, AwsClients clients) {
        Map<String, Object> params = request.params();
        if (!(params.get("document") instanceof String document) || document.isBlank()) {
            return new ActionOutcome(Outcome.FAILED, "no SSM document named", List.of(), Map.of());
        }
        Map<String, String> facts = new LinkedHashMap<>(Map.of("document", document));
        Map<String, List<String>> parameters;
        try {
            parameters = new LinkedHashMap<>(SsmParameters.resolve(params.get("parameters"), request));
        } catch (SsmParameters.Unresolved e) {
            return new ActionOutcome(Outcome.FAILED, document + " not started: " + e.getMessage(), List.of(), facts);
        }
        Object role = params.get("assume-role-arn");
        if (role != null) {
            parameters.putIfAbsent("AutomationAssumeRole", List.of(role.toString()));
        }
        int maxRetries = params.get("max-retries") instanceof Number n ? n.intValue() : 0;
        boolean retriesApply = maxRetries > 0 && isConfigFinding(request.finding());

        SsmClient ssm = clients.ssm(request.target().account(), request.target().region());
        long deadline = System.nanoTime() + settings.maxWait().toNanos();
        AwsCallLog calls = new AwsCallLog();
        List<String> executions = new ArrayList<>();
        try {
            for (int run = 1; ; run++) {
                String token = clientToken(request.requestId(), run);
                String executionId = calls.add(ssm.startAutomationExecution(r -> r.documentName(document)
                        .parameters(parameters).clientToken(token))).automationExecutionId();
                if (executionId == null) {
                    return calls.outcome(Outcome.FAILED, document + ": SSM returned no execution id", facts);
                }
                executions.add(executionId);
                facts.put("executionId", executionId);
                facts.put("executionIds", String.join(",", executions));
                facts.put("runs", String.valueOf(run));
                AutomationExecution last = await(ssm, calls, executionId, deadline);
                String status = last == null ? "unknown" : last.automationExecutionStatusAsString();
                facts.put("status", status);
                if (last == null || !SUCCEEDED.contains(last.automationExecutionStatus())) {
                    return calls.outcome(Outcome.FAILED, failure(document, executionId, last), facts);
                }
                Duration left = Duration.ofNanos(deadline - System.nanoTime());
                if (!retriesApply || left.isNegative() || left.isZero()
                        || !complianceCheck.stillNonCompliant(request, clients, left)) {
                    return calls.outcome(Outcome.APPLIED, document + " ran: execution " + executionId + " " + status
                            + (run > 1 ? " (run " + run + "; the resource was still non-compliant before)" : ""), facts);
                }
                if (run > maxRetries || System.nanoTime() >= deadline) {
                    return calls.outcome(Outcome.FAILED, document + " ran " + run
                            + " times successfully, but the resource is still non-compliant (max-retries " + maxRetries
                            + ", all runs within " + settings.maxWait().toSeconds() + " s)", facts);
                }
            }
        } catch (SsmException e) {
            return calls.failedOrThrow(e, "SSM Automation " + document, facts);
        }
    }

    /** Nothing to undo on AWS's side that this action knows of: ALREADY_APPLIED, like an undo already done. */
    @Override
    public ActionOutcome undo(ActionRequest request, AwsClients clients) {
        return new ActionOutcome(Outcome.ALREADY_APPLIED, "nothing to undo: " + reversibility().how(), List.of(),
                Map.of("reversible", "false"));
    }

    /** The execution's last state: terminal, or the one seen when the wait ran out; null when never seen. */
    private AutomationExecution await(SsmClient ssm, AwsCallLog calls, String executionId, long deadline) {
        AutomationExecution last = null;
        while (true) {
            last = calls.add(ssm.getAutomationExecution(r -> r.automationExecutionId(executionId)))
                    .automationExecution();
            AutomationExecutionStatus status = last == null ? null : last.automationExecutionStatus();
            if (SUCCEEDED.contains(status) || ENDED_BADLY.contains(status) || System.nanoTime() >= deadline) {
                return last;
            }
            try {
                Thread.sleep(settings.pollInterval().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return last;
            }
        }
    }

    private String failure(String document, String executionId, AutomationExecution last) {
        if (last == null) {
            return document + ": execution " + executionId + " could not be read back";
        }
        String status = last.automationExecutionStatusAsString();
        if (!ENDED_BADLY.contains(last.automationExecutionStatus())) {
            return document + ": execution " + executionId + " still " + status + " after "
                    + settings.maxWait().toSeconds() + " s (or the wait was interrupted); it goes on in SSM";
        }
        String why = last.failureMessage() == null || last.failureMessage().isBlank() ? "" : ": " + last.failureMessage();
        return document + ": execution " + executionId + " ended " + status + why;
    }

    private static boolean isConfigFinding(Finding finding) {
        return finding != null && (finding.source() == Source.CONFIG
                || finding.product() != null && finding.product().productSource() == Source.CONFIG);
    }

    /** SSM wants a UUID; each run of a request gets its own, the same on every redelivery. */
    static String clientToken(String requestId, int run) {
        return UUID.nameUUIDFromBytes((requestId + "#run-" + run).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
