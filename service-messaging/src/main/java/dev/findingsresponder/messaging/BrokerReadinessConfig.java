package dev.findingsresponder.messaging;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The broker readiness check shared by the three services. */
@ConfigMapping(prefix = "broker-readiness")
public interface BrokerReadinessConfig {

    /** Longest the check waits for the broker to describe its cluster before it reports DOWN (BROKER_READINESS_TIMEOUT). */
    @WithDefault("2s")
    Duration timeout();
}
