package dev.findingsresponder.triage;

import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import dev.findingsresponder.triage.score.IpLists;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

/** The triage service's own metrics; Prometheus names end in {@code _total} / {@code _seconds}. */
@ApplicationScoped
public class TriageMetrics {

    private final MeterRegistry registry;
    private final Timer triageTimer;

    public TriageMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.triageTimer = Timer.builder("triage.evaluate")
                .description("Time to score, suppress and route one finding")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
    }

    /** triage_ip_list_loads_total{list,kind,outcome}: outcome loaded or failed (the previous content stays). */
    public void ipListLoaded(String list, String kind, boolean ok) {
        registry.counter("triage.ip.list.loads", "list", list, "kind", kind, "outcome", ok ? "loaded" : "failed")
                .increment();
    }

    /**
     * triage_trusted_lists_healthy: 1 when every trusted list's sources have loaded, else 0, and then no block is
     * requested (a trusted address might be among those not loaded): alert on 0.
     */
    public void trustedListsHealthy(IpLists lists) {
        registry.gauge("triage.trusted.lists.healthy", Tags.empty(), lists, l -> l.trustedListsHealthy() ? 1 : 0);
    }

    /** triage_findings_total{decision,label,source}; decision is a {@code TriagedFinding.Decision} name. */
    public void finding(String decision, String label, String source) {
        registry.counter("triage.findings", "decision", decision, "label", label, "source", source).increment();
    }

    /**
     * triage_playbook_findings_total{playbook,decision}: findings a playbook matched, once per matched playbook
     * (a finding two playbooks match counts for each; suppressed findings and those no playbook matches are not here).
     */
    public void playbookMatched(String playbook, String decision) {
        registry.counter("triage.playbook.findings", "playbook", playbook, "decision", decision).increment();
    }

    /** triage_actions_requested_total{action,mode}. */
    public void actionRequested(String action, String mode) {
        registry.counter("triage.actions.requested", "action", action, "mode", mode).increment();
    }

    /** triage_policy_reloads_total{outcome}: loaded or rejected. */
    public void policyLoaded(String outcome) {
        registry.counter("triage.policy.reloads", "outcome", outcome).increment();
    }

    /** triage_findings_rejected_total{reason}: records of findings.normalized sent to the DLQ. */
    public void rejected(String reason) {
        registry.counter("triage.findings.rejected", "reason", reason).increment();
    }

    public void evaluateNanos(long nanos) {
        triageTimer.record(nanos, TimeUnit.NANOSECONDS);
    }
}
