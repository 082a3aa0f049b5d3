package dev.findingsresponder.response.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How response-service executes actions: guardrails, modes, retries and per-action settings. */
@ConfigMapping(prefix = "response")
public interface ResponseConfig {

    /** When on, every action is refused with SKIPPED_GUARDRAIL (RESPONSE_KILL_SWITCH=true stops all automation). */
    @WithDefault("false")
    boolean killSwitch();

    /** When on, every request is answered DRY_RUN whatever its playbook's mode: nothing is changed in AWS. */
    @WithDefault("false")
    boolean dryRun();

    /** The organisation's own infrastructure ranges (NAT egress, VPN, offices): never blocked. */
    Optional<List<String>> ownCidrs();

    /** Trusted ranges (e.g. the GuardDuty trusted IP lists): never blocked. */
    Optional<List<String>> trustedCidrs();

    /** How long a request in approve mode waits for an operator before it is EXPIRED. */
    @WithDefault("24h")
    Duration approvalTimeout();

    /** How often pending approvals are checked for expiry. */
    @WithDefault("1m")
    Duration approvalSweepInterval();

    /** Retrying AWS faults (throttling, 5xx, I/O). */
    Retry retry();

    /** Gathering requests for one target into one write. */
    Coalesce coalesce();

    /** Block lifetimes, expiry and reconciliation with AWS. */
    Blocks blocks();

    /** Where nacl-deny writes. */
    Nacl nacl();

    /** How waf-block writes IP sets. */
    Waf waf();

    /** How ssm-remediate follows an automation execution. */
    Ssm ssm();

    /** Rate caps per account for the disruptive actions. */
    Caps caps();

    interface Caps {
        /** Most isolate-instance executions per account in any hour; more are SKIPPED_GUARDRAIL (0 refuses all). */
        @WithDefault("10")
        int isolationsPerAccountPerHour();

        /** Most ssm-remediate executions per account in any hour; more are SKIPPED_GUARDRAIL (0 refuses all). */
        @WithDefault("30")
        int remediationsPerAccountPerHour();
    }

    interface Retry {
        /** Attempts of one execution in-process, including the first. */
        @WithDefault("4")
        int maxAttempts();

        /** Backoff cap before the second attempt; doubles per attempt, with full jitter. */
        @WithDefault("200ms")
        Duration baseBackoff();

        /** Largest backoff between two in-process attempts. */
        @WithDefault("5s")
        Duration maxBackoff();

        /** Deliveries through actions.retry before the request is given up (final FAILED). */
        @WithDefault("5")
        int retryTopicAttempts();

        /** Delay before a request written to actions.retry is tried again. */
        @WithDefault("1m")
        Duration retryTopicDelay();
    }

    interface Nacl {
        /** Lowest rule number nacl-deny uses; must sit below the NACL's ALLOW rules. */
        @WithDefault("80")
        int firstRule();

        /** Highest rule number nacl-deny uses. */
        @WithDefault("99")
        int lastRule();

        /** Inbound entries per IP version including the default rule: 20, or up to 40 after a quota raise. */
        @WithDefault("20")
        int maxEntriesPerDirection();
    }

    interface Waf {
        /** Read-modify-write attempts on WAFOptimisticLockException. */
        @WithDefault("8")
        int maxAttempts();

        /** Backoff before the second write attempt; doubles per attempt, with jitter. */
        @WithDefault("50ms")
        Duration baseBackoff();

        /** Largest backoff between two write attempts. */
        @WithDefault("2s")
        Duration maxBackoff();

        /** Most addresses one IP set may hold (AWS: 10,000). */
        @WithDefault("10000")
        int maxAddresses();
    }

    interface Ssm {
        /**
         * How long one ssm-remediate request may take, all its runs and AWS Config checks included; an execution still
         * running then answers FAILED (it goes on in SSM). Must stay below the request channels' limits: checked at
         * start-up ({@link SsmWaitCheck}).
         */
        @WithDefault("5m")
        Duration maxWait();

        /** Time between two GetAutomationExecution calls while waiting. */
        @WithDefault("5s")
        Duration pollInterval();
    }

    interface Coalesce {
        /** How long the first request for an idle target waits for more before its batch is written. */
        @WithDefault("200ms")
        Duration window();

        /** Most requests written in one batch. */
        @WithDefault("1000")
        int maxBatch();

        /** Targets written in parallel (each target still has one writer). */
        @WithDefault("4")
        int workers();

        /** Most requests queued or being written; beyond it the consumer stops polling until some finish. */
        @WithDefault("10000")
        int maxInFlight();
    }

    interface Blocks {
        /** A block's lifetime when its request carries no TTL (playbooks normally set one). */
        @WithDefault("24h")
        Duration defaultTtl();

        /** The longest lifetime a request may ask for; longer TTLs are cut to it. */
        @WithDefault("30d")
        Duration maxTtl();

        /** How often the desired state is checked for blocks whose time is up. */
        @WithDefault("5s")
        Duration expiryCheckInterval();

        /** How often every NACL and IP set holding a desired block is compared with AWS. */
        @WithDefault("5m")
        Duration reconcileInterval();

        /** Whether a desired block found missing in AWS is written again (else only reported). */
        @WithDefault("true")
        boolean repairMissing();

        /** How old an unconfirmed (APPLYING) intent must be before the reconciler settles it. */
        @WithDefault("2m")
        Duration interruptedAfter();
    }
}
