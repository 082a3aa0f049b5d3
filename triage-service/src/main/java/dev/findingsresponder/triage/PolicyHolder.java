package dev.findingsresponder.triage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.findingsresponder.triage.config.TriageConfig;
import dev.findingsresponder.triage.policy.Policy;
import dev.findingsresponder.triage.policy.PolicyFile;
import dev.findingsresponder.triage.policy.PolicyException;
import dev.findingsresponder.triage.policy.PolicyLoader;
import dev.findingsresponder.triage.score.IpLists;
import dev.findingsresponder.triage.score.ReloadReport;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.ChannelRegistry;

/**
 * The active policy. Loaded at start; the file is checked for changes and a valid new version swapped
 * in, while an invalid one is rejected and the last valid policy stays active. Until a valid policy is
 * loaded the service is not ready and consumes nothing. Also reloads the IP lists on their schedule.
 */
@ApplicationScoped
public class PolicyHolder {

    private static final Logger LOG = Logger.getLogger(PolicyHolder.class);
    static final String CHANNEL = "findings-normalized";

    private final Path file;
    private final TriageConfig config;
    private final TriageMetrics metrics;
    private final IpLists lists;
    private final ChannelRegistry channels;
    private final AtomicReference<Policy> active = new AtomicReference<>();
    private final AtomicReference<List<String>> lastErrors = new AtomicReference<>(List.of("policy not loaded yet"));
    private volatile String lastText;
    private volatile String lastReadError;
    private ScheduledExecutorService scheduler;

    public PolicyHolder(TriageConfig config, TriageMetrics metrics, IpLists lists, ChannelRegistry channels) {
        this.file = Path.of(config.policyFile());
        this.config = config;
        this.metrics = metrics;
        this.lists = lists;
        this.channels = channels;
    }

    void onStart(@Observes StartupEvent event) {
        metrics.trustedListsHealthy(lists);
        reloadLists();
        checkForChange();
        scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("policy-watch").daemon().factory());
        long policyMillis = config.policyCheckInterval().toMillis();
        long listMillis = config.lists().reloadInterval().toMillis();
        scheduler.scheduleWithFixedDelay(() -> survive("policy check", this::checkForChange), policyMillis, policyMillis,
                TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(() -> survive("IP list reload", this::reloadLists), listMillis, listMillis,
                TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    /** The policy in force, if one valid version was ever loaded. */
    public Optional<Policy> active() {
        return Optional.ofNullable(active.get());
    }

    /** Why the last load failed (empty when it succeeded): one entry per error, with file, line and column. */
    public List<String> lastErrors() {
        return lastErrors.get();
    }

    public Path file() {
        return file;
    }

    /** Reads the file and, when its text changed, validates it and swaps it in. Never throws. */
    synchronized void checkForChange() {
        loadIfChanged();
        // also retried on every check: at the first one the channel may not be registered yet
        if (active.get() != null) {
            resumeConsumption();
        }
    }

    private void loadIfChanged() {
        String text;
        try {
            text = PolicyFile.read(file);
        } catch (IOException | RuntimeException e) {
            String error = file + ": cannot read the policy file: "
                    + (e instanceof IOException && e.getMessage() != null ? e.getMessage() : e.toString());
            if (!error.equals(lastReadError)) { // once per distinct failure, not on every check
                lastReadError = error;
                lastText = null;
                reject(List.of(error));
            }
            return;
        }
        lastReadError = null;
        if (text.equals(lastText)) {
            return;
        }
        lastText = text;
        try {
            Policy policy = PolicyLoader.load(text, file.getFileName().toString());
            active.set(policy);
            lastErrors.set(List.of());
            metrics.policyLoaded("loaded");
            LOG.infof("policy %s loaded from %s: %d suppression rule(s), %d playbook(s)", policy.version().substring(0, 12),
                    file, policy.suppressions().size(), policy.playbooks().size());
        } catch (PolicyException e) {
            reject(e.errors().stream().map(Object::toString).toList());
        }
    }

    private void reject(List<String> errors) {
        lastErrors.set(errors);
        metrics.policyLoaded("rejected");
        Policy kept = active.get();
        LOG.errorf("policy %s rejected (%d error(s)); %s:%n  %s", file, errors.size(),
                kept == null ? "no valid policy is active, the service stays unready"
                        : "the last valid policy " + kept.version().substring(0, 12) + " stays active",
                String.join("\n  ", errors));
    }

    /** Runs {@code task}, logging whatever it throws: a scheduled task that throws is never run again. */
    private static void survive(String what, Runnable task) {
        try {
            task.run();
        } catch (Throwable e) {
            LOG.errorf(e, "%s failed; it runs again at the next interval", what);
        }
    }

    private void resumeConsumption() {
        var pausable = channels.getPausable(CHANNEL);
        if (pausable != null && pausable.isPaused()) {
            pausable.resume();
        }
    }

    private void reloadLists() {
        try {
            ReloadReport report = lists.reload();
            report.sources().forEach(source -> metrics.ipListLoaded(source.list(), source.kind().name(), source.ok()));
            for (ReloadReport.SourceReport failed : report.failures()) {
                LOG.warnf("%s list '%s' source %s not reloaded: %s", failed.kind(), failed.list(), failed.location(),
                        failed.failure());
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "IP list reload failed");
        }
    }
}
