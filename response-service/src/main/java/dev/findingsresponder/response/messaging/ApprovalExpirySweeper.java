package dev.findingsresponder.response.messaging;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.findingsresponder.response.ActionExecutor;
import dev.findingsresponder.response.config.ResponseConfig;
import io.quarkus.runtime.StartupEvent;

/** Periodically expires requests pending approval for longer than the approval timeout, writing EXPIRED results. */
@ApplicationScoped
public class ApprovalExpirySweeper {

    private static final Logger LOG = Logger.getLogger(ApprovalExpirySweeper.class);

    private final ActionExecutor executor;
    private final ResultPublisher publisher;
    private final long intervalMillis;
    private ScheduledExecutorService timer;

    public ApprovalExpirySweeper(ActionExecutor executor, ResultPublisher publisher,
            ResponseConfig config) {
        this.executor = executor;
        this.publisher = publisher;
        this.intervalMillis = Math.max(10, config.approvalSweepInterval().toMillis());
    }

    void start(@Observes StartupEvent event) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "approval-expiry");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::sweep, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    void sweep() {
        try {
            executor.expireStale().forEach(publisher::publishAndWait);
        } catch (RuntimeException e) {
            // the next sweep tries again; the request is already out of the pending list, so log what was lost
            LOG.errorf(e, "expiring pending approvals failed");
        }
    }

    @PreDestroy
    void stop() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
