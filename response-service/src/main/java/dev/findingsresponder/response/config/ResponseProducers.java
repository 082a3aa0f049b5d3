package dev.findingsresponder.response.config;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.findingsresponder.response.ActionExecutor;
import dev.findingsresponder.response.ApprovalLog;
import dev.findingsresponder.response.DesiredState;
import dev.findingsresponder.response.Reconciler;
import dev.findingsresponder.response.StateLog;
import dev.findingsresponder.response.TargetLocks;
import dev.findingsresponder.response.WriteBackGate;
import dev.findingsresponder.response.messaging.ResultPublisher;
import dev.findingsresponder.response.PendingApprovals;
import dev.findingsresponder.response.ResultLedger;
import dev.findingsresponder.response.RetryPolicy;
import dev.findingsresponder.response.RetrySink;
import dev.findingsresponder.response.action.ActionRegistry;
import dev.findingsresponder.response.action.ConfigComplianceCheck;
import dev.findingsresponder.response.action.IsolateInstanceAction;
import dev.findingsresponder.response.action.NaclDenyAction;
import dev.findingsresponder.response.action.NaclSettings;
import dev.findingsresponder.response.action.SnsNotifyAction;
import dev.findingsresponder.response.action.SsmRemediateAction;
import dev.findingsresponder.response.action.SsmSettings;
import dev.findingsresponder.response.action.WafBlockAction;
import dev.findingsresponder.response.action.WafSettings;
import dev.findingsresponder.response.aws.AwsClients;
import dev.findingsresponder.response.guard.GuardrailSettings;
import dev.findingsresponder.response.guard.Guardrails;
import dev.findingsresponder.response.guard.KillSwitch;
import dev.findingsresponder.response.guard.RateCaps;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Builds the plug-ins, guardrails and executor from {@link ResponseConfig}; the plain classes stay free of CDI so
 * unit tests construct them directly. StsAwsClients is a bean of its own (the {@link AwsClients} injected here).
 */
@Dependent
public class ResponseProducers {

    /** Request ids remembered for deduplication: far more than one broker redelivery window holds. */
    private static final int LEDGER_CAPACITY = 100_000;

    @Produces
    @Singleton
    SnsNotifyAction snsNotifyAction() {
        return new SnsNotifyAction();
    }

    @Produces
    @Singleton
    DesiredState desiredState(ResponseConfig config, StateLog log) {
        return new DesiredState(log, config.blocks().defaultTtl(), config.blocks().maxTtl());
    }

    @Produces
    @Singleton
    TargetLocks targetLocks() {
        return new TargetLocks();
    }

    @Produces
    @Singleton
    ActionRegistry actionRegistry(ResponseConfig config, SnsNotifyAction sns, DesiredState state) {
        ResponseConfig.Nacl nacl = config.nacl();
        ResponseConfig.Waf waf = config.waf();
        return new ActionRegistry(List.of(
                new NaclDenyAction(new NaclSettings(nacl.firstRule(), nacl.lastRule(), nacl.maxEntriesPerDirection()),
                        state),
                new WafBlockAction(new WafSettings(waf.maxAttempts(), waf.baseBackoff(), waf.maxBackoff(),
                        waf.maxAddresses())),
                sns,
                new SsmRemediateAction(new SsmSettings(config.ssm().pollInterval(), config.ssm().maxWait()),
                        ConfigComplianceCheck.every15Seconds()),
                new IsolateInstanceAction()));
    }

    @Produces
    @Singleton
    Reconciler reconciler(ResponseConfig config, DesiredState state, ActionRegistry registry, AwsClients clients,
            TargetLocks locks, MeterRegistry meters, ResultPublisher publisher, Guardrails guardrails) {
        ResponseConfig.Blocks blocks = config.blocks();
        return new Reconciler(state, registry, clients, locks, meters, Clock.systemUTC(), blocks.repairMissing(),
                blocks.interruptedAfter(), publisher::publishAndWait, new WriteBackGate(guardrails, config.dryRun()));
    }

    @Produces
    @Singleton
    KillSwitch killSwitch(ResponseConfig config, KillSwitch.Store store) {
        return new KillSwitch(config.killSwitch(), store);
    }

    @Produces
    @Singleton
    Guardrails guardrails(ResponseConfig config, KillSwitch killSwitch) {
        return new Guardrails(new GuardrailSettings(config.ownCidrs().orElse(List.of()),
                config.trustedCidrs().orElse(List.of()), config.killSwitch()),
                new RateCaps(Map.of("isolate-instance", config.caps().isolationsPerAccountPerHour(),
                        "ssm-remediate", config.caps().remediationsPerAccountPerHour())), killSwitch);
    }

    @Produces
    @Singleton
    PendingApprovals pendingApprovals(ApprovalLog log) {
        return new PendingApprovals(log);
    }

    @Produces
    @Singleton
    ActionExecutor actionExecutor(ResponseConfig config, ActionRegistry registry, Guardrails guardrails,
            AwsClients clients, SnsNotifyAction sns, RetrySink retrySink, DesiredState state, TargetLocks locks,
            MeterRegistry meters, PendingApprovals pending) {
        ResponseConfig.Retry retry = config.retry();
        ActionExecutor.Settings settings = new ActionExecutor.Settings(config.dryRun(), config.approvalTimeout(),
                new RetryPolicy(retry.maxAttempts(), retry.baseBackoff(), retry.maxBackoff()),
                retry.retryTopicAttempts(), retry.retryTopicDelay());
        return new ActionExecutor(registry, guardrails, clients, sns, settings, retrySink,
                new ResultLedger(LEDGER_CAPACITY), pending, state, locks, meters, Clock.systemUTC(),
                duration -> Thread.sleep(duration));
    }
}
