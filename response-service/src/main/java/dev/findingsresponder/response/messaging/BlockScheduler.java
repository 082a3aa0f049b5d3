package dev.findingsresponder.response.messaging;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.findingsresponder.response.DesiredState;
import dev.findingsresponder.response.PendingApprovals;
import dev.findingsresponder.response.Reconciler;
import dev.findingsresponder.response.config.ResponseConfig;
import dev.findingsresponder.response.guard.KillSwitch;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.StartupEvent;

/**
 * On start, rebuilds the desired state from {@code response.state} (retrying while the broker is away; requests
 * wait for it), then reconciles once, so blocks interrupted by the last stop are settled before anything else.
 * Afterwards: expiry every {@code response.blocks.expiry-check-interval}, a full reconcile every
 * {@code response.blocks.reconcile-interval}, and the {@code response_active_blocks{target}} gauges.
 */
@ApplicationScoped
public class BlockScheduler {

    private static final Logger LOG = Logger.getLogger(BlockScheduler.class);

    private final DesiredState state;
    private final PendingApprovals approvals;
    private final KillSwitch killSwitch;
    private final Reconciler reconciler;
    private final MeterRegistry meters;
    private final ResponseConfig.Blocks config;
    private final Set<String> gauged = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService timer;

    public BlockScheduler(DesiredState state, PendingApprovals approvals, KillSwitch killSwitch, Reconciler reconciler,
            MeterRegistry meters, ResponseConfig config) {
        this.state = state;
        this.approvals = approvals;
        this.killSwitch = killSwitch;
        this.reconciler = reconciler;
        this.meters = meters;
        this.config = config.blocks();
    }

    void start(@Observes StartupEvent event) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "block-scheduler");
            thread.setDaemon(true);
            return thread;
        });
        timer.execute(this::load);
    }

    private void load() {
        for (long backoff = 1; !state.isLoaded(); backoff = Math.min(backoff * 2, 30)) {
            try {
                // the kill switch and approvals first: requests are consumed once the state is loaded, and must find
                // an operator's kill switch on and their approvals parked
                killSwitch.load();
                approvals.load();
                state.load();
            } catch (RuntimeException e) {
                LOG.errorf("reading response.state failed, retrying in %d s: %s", backoff, e.getMessage());
                try {
                    TimeUnit.SECONDS.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        run("reconcile", reconciler::reconcile);
        long expiry = millis(config.expiryCheckInterval());
        long reconcile = millis(config.reconcileInterval());
        timer.scheduleWithFixedDelay(() -> run("expiry", reconciler::expireDue), expiry, expiry, TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(() -> run("reconcile", reconciler::reconcile), reconcile, reconcile,
                TimeUnit.MILLISECONDS);
    }

    private void run(String what, Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.errorf(e, "%s failed; tried again at the next interval", what);
        }
        for (String target : state.targetKeys()) {
            if (gauged.add(target)) {
                meters.gauge("response.active.blocks", Tags.of("target", target), state, s -> s.countFor(target));
            }
        }
    }

    private static long millis(Duration duration) {
        return Math.max(50, duration.toMillis());
    }

    @PreDestroy
    void stop() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
