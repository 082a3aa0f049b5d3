package dev.findingsresponder.response.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.Config;

import io.quarkus.runtime.StartupEvent;

/**
 * Fails start-up when {@code response.ssm.max-wait} does not fit in the Kafka channels that run ssm-remediate:
 * a request is acknowledged only after its execution ended, so a wait longer than {@code actions-requested}'s
 * unprocessed-record-max-age fails that channel, and one that with the retry delay is longer than
 * {@code actions-retry}'s max.poll.interval gets its consumer thrown out of the group.
 */
@ApplicationScoped
public class SsmWaitCheck {

    static final String REQUESTED_MAX_AGE = "mp.messaging.incoming.actions-requested.throttled.unprocessed-record-max-age.ms";
    static final String RETRY_POLL_INTERVAL = "mp.messaging.incoming.actions-retry.max.poll.interval.ms";

    void check(@Observes @Priority(1) StartupEvent event, ResponseConfig response, Config config) {
        List<String> problems = problems(response.ssm().maxWait(), response.retry().retryTopicDelay(),
                config.getOptionalValue(REQUESTED_MAX_AGE, Long.class),
                config.getOptionalValue(RETRY_POLL_INTERVAL, Long.class));
        if (!problems.isEmpty()) {
            throw new IllegalStateException("response.ssm.max-wait (RESPONSE_SSM_MAX_WAIT) is too long: "
                    + String.join("; ", problems));
        }
    }

    /** What is wrong with waiting {@code maxWait} for one SSM execution; empty when it fits. Absent limits are not checked. */
    static List<String> problems(Duration maxWait, Duration retryDelay, Optional<Long> requestedMaxAgeMs,
            Optional<Long> retryPollIntervalMs) {
        List<String> problems = new ArrayList<>();
        // 0 or less switches SmallRye's unprocessed-record check off
        requestedMaxAgeMs.filter(ms -> ms > 0 && maxWait.toMillis() >= ms).ifPresent(ms -> problems.add(maxWait
                + " is not below " + REQUESTED_MAX_AGE + " (" + Duration.ofMillis(ms) + ")"));
        retryPollIntervalMs.filter(ms -> maxWait.plus(retryDelay).toMillis() >= ms).ifPresent(ms -> problems.add(
                maxWait + " plus response.retry.retry-topic-delay (" + retryDelay + ") is not below "
                        + RETRY_POLL_INTERVAL + " (" + Duration.ofMillis(ms) + ")"));
        return problems;
    }
}
