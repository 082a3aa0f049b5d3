package dev.findingsresponder.response;

import java.time.Duration;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

/** Runs a call with the in-process retries of {@link RetryPolicy}: retryable AWS faults back off and try again. */
final class Attempts {

    private static final Logger LOG = Logger.getLogger(Attempts.class);

    /** A value, or the error that ended the attempts (not retryable, or still failing after the last attempt). */
    record Attempt<T>(T value, RuntimeException error) {
    }

    private final RetryPolicy policy;
    private final ActionExecutor.Sleeper sleeper;

    Attempts(RetryPolicy policy, ActionExecutor.Sleeper sleeper) {
        this.policy = policy;
        this.sleeper = sleeper;
    }

    <T> Attempt<T> run(String what, Supplier<T> call) {
        RuntimeException last = null;
        int max = policy.maxAttempts();
        for (int attempt = 1; attempt <= max; attempt++) {
            try {
                return new Attempt<>(call.get(), null);
            } catch (RuntimeException e) {
                last = e;
                if (!RetryPolicy.retryable(e)) {
                    break;
                }
                LOG.debugf("%s attempt %d of %d failed: %s", what, attempt, max, RetryPolicy.describe(e));
                if (attempt < max && !pause(policy.backoff(attempt))) {
                    break;
                }
            }
        }
        return new Attempt<>(null, last);
    }

    private boolean pause(Duration backoff) {
        try {
            sleeper.sleep(backoff);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
