package dev.findingsresponder.ingest.config;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the ingest service (prefix {@code ingest}, environment {@code INGEST_*}). */
@ConfigMapping(prefix = "ingest")
public interface IngestConfig {

    /** Default of {@link #maxEventBytes()}, shared with the {@code normalize} command. */
    String DEFAULT_MAX_EVENT_BYTES = "262144";

    /** Accounts whose findings are accepted; empty or unset accepts every account. */
    Optional<Set<String>> accountAllowlist();

    /** Largest single event accepted, in bytes (EventBridge's own limit is 256 KiB). */
    @WithDefault(DEFAULT_MAX_EVENT_BYTES)
    int maxEventBytes();

    /** How many recent finding versions (id + updated time) are remembered to drop redeliveries. */
    @WithDefault("100000")
    int dedupCapacity();

    /** How long a finding version is remembered; EventBridge retries deliveries for up to 24 hours. */
    @WithDefault("24h")
    Duration dedupWindow();

    /** The HTTP endpoint {@code POST /events}. */
    Http http();

    /** Polling an SQS queue that an EventBridge rule targets. */
    Sqs sqs();

    /** Drills: {@code POST /drills} generating sample GuardDuty findings into {@code findings.raw}. */
    Drill drill();

    interface Http {
        /** API key EventBridge connections send; unset means {@code /events} refuses every request (401). */
        Optional<String> apiKey();

        /** Header carrying the API key (the EventBridge connection's API key name). */
        @WithDefault("x-api-key")
        String apiKeyHeader();

        /** How long a request waits for Kafka to acknowledge its writes before answering 503. */
        @WithDefault("30s")
        Duration ackTimeout();

        /**
         * Longest a client may take to send a request body to {@code /events}, counted from its headers; a slower
         * one (slowloris) is answered 408 and its connection closed (env {@code INGEST_HTTP_BODY_TIMEOUT}).
         */
        @WithDefault("10s")
        Duration bodyTimeout();
    }

    interface Sqs {
        /** Whether to poll SQS at all. */
        @WithDefault("false")
        boolean enabled();

        /** URL of the queue to poll; required when enabled. */
        Optional<String> queueUrl();

        /** Long-poll wait per receive call, 0-20 seconds. */
        @WithDefault("20")
        int waitSeconds();

        /** Messages per receive call, 1-10. */
        @WithDefault("10")
        int maxMessages();

        /** Pause after a failed receive or Kafka write before trying again. */
        @WithDefault("5s")
        Duration errorBackoff();
    }

    interface Drill {
        /** Most events (count x repeat) one {@code POST /drills} may send; above it the drill is refused (400). */
        @WithDefault("10000")
        int maxCount();

        /** Longest a paced drill may take (events / rate); a longer one is refused (400) rather than hold a request. */
        @WithDefault("60s")
        Duration maxDuration();
    }
}
