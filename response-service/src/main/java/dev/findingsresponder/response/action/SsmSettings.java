package dev.findingsresponder.response.action;

import java.time.Duration;

/**
 * How {@code ssm-remediate} waits for an automation to finish.
 *
 * @param pollInterval time between GetAutomationExecution calls
 * @param maxWait      how long the whole action may take: every run, and the AWS Config checks between runs; an
 *                     execution still running past it answers FAILED with the last status (it goes on in SSM)
 */
public record SsmSettings(Duration pollInterval, Duration maxWait) {

    public SsmSettings {
        if (pollInterval == null || pollInterval.isNegative() || maxWait == null || maxWait.isNegative()) {
            throw new IllegalArgumentException("poll interval and max wait must be zero or positive");
        }
    }

    /** Poll every 5 seconds for up to 5 minutes (as response.ssm's defaults). */
    public static SsmSettings defaults() {
        return new SsmSettings(Duration.ofSeconds(5), Duration.ofMinutes(5));
    }
}
