package dev.findingsresponder.triage.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the triage service (prefix {@code triage}, environment {@code TRIAGE_*}). */
@ConfigMapping(prefix = "triage")
public interface TriageConfig {

    /** Path of the policy YAML (suppressions and playbooks); in Kubernetes a mounted ConfigMap. */
    String policyFile();

    /** How often the policy file is checked for changes (a changed file is validated, then swapped in). */
    @WithDefault("5s")
    Duration policyCheckInterval();

    /** Names that mark a Security Hub finding as last updated by this system; such findings are not triaged again. */
    @WithDefault("findings-responder")
    Set<String> selfIdentities();

    /**
     * Most remote addresses one finding may have blocked per blocking action; the rest are named in the triage notes.
     * A finding naming hundreds (a port probe with spoofed sources) would otherwise become as many requests, each
     * embedding the whole finding.
     */
    @WithDefault("25")
    int maxBlockAddressesPerFinding();

    /** Repeat merging of the same (type, resource, remote address). */
    Repeats repeats();

    /** Scoring weights. */
    Scoring scoring();

    /** Threat and trusted IP lists. */
    Lists lists();

    interface Repeats {
        /** Repeats within this window of the first alert are merged into it. */
        @WithDefault("1h")
        Duration window();

        /**
         * Occurrence counts (the larger of the source's own count and the window's) at which the notifications are
         * sent again (escalation), each once per repeat key and window.
         */
        @WithDefault("10,100,1000")
        List<Long> escalateAt();

        /** How many distinct repeat keys are tracked at once (oldest dropped first). */
        @WithDefault("200000")
        int capacity();
    }

    interface Scoring {
        /** Points per 1.0 of normalized 0-10 severity: the base of the 0-100 score. */
        @WithDefault("10")
        int pointsPerSeverity();

        /** Tag key, then lowercase tag value, to points, e.g. {@code triage.scoring.tag-weights.environment.prod=10}. */
        Map<String, Map<String, Integer>> tagWeights();

        /** Points when the resource has a public address or the finding shows it reachable from the internet. */
        @WithDefault("10")
        int publicExposurePoints();

        /** Points when a remote address is on a threat list. */
        @WithDefault("20")
        int threatListPoints();

        /** Points when a remote address is on a trusted list (such addresses are never blocked). */
        @WithDefault("-30")
        int trustedListPoints();

        /** Points when an exploit is publicly available for the vulnerability. */
        @WithDefault("15")
        int exploitAvailablePoints();

        /** Points when a fix is available: the finding can be closed now, so it should not sink in a queue ordered by score. */
        @WithDefault("5")
        int fixAvailablePoints();

        /** Repeat count threshold to points (the highest threshold reached counts), e.g. {@code 10=5,100=10}. */
        Map<Long, Integer> repeatPoints();
    }

    interface Lists {
        /** Threat list name to its sources (files or http(s) URLs, comma separated). */
        Map<String, List<String>> threat();

        /** Trusted list name to its sources; while a configured trusted list cannot be loaded, no blocking is requested. */
        Map<String, List<String>> trusted();

        /** How often the lists are reloaded. */
        @WithDefault("5m")
        Duration reloadInterval();
    }
}
