package dev.findingsresponder.model;

import java.time.Instant;
import java.util.List;

/**
 * A finding after triage, on {@code findings.triaged} keyed by finding id: the audit record of
 * what was decided and why.
 *
 * @param finding          the canonical finding
 * @param score            score and explanation
 * @param decision         what triage decided
 * @param decisionDetail   a sentence a person can read: the matched suppression rule, the repeat count, ...
 * @param suppressedBy     name of the suppression rule that matched, when SUPPRESSED
 * @param playbooks        names of the playbooks that matched, in order
 * @param actionRequestIds ids of the action requests made for this finding
 * @param repeat           repeat tracking for (type, resource, remote address)
 * @param policyVersion    hash of the policy that decided
 * @param triagedAt        when
 */
public record TriagedFinding(
        Finding finding,
        Score score,
        Decision decision,
        String decisionDetail,
        String suppressedBy,
        List<String> playbooks,
        List<String> actionRequestIds,
        Repeat repeat,
        String policyVersion,
        Instant triagedAt) {

    public TriagedFinding {
        playbooks = playbooks == null ? List.of() : List.copyOf(playbooks);
        actionRequestIds = actionRequestIds == null ? List.of() : List.copyOf(actionRequestIds);
    }

    /** What triage decided about a finding. */
    public enum Decision {
        /** One or more action requests were made (in the playbook's mode, observe included). */
        ACTIONS_REQUESTED,
        /** No playbook matched. */
        NO_PLAYBOOK,
        /**
         * Playbooks matched (named in {@code playbooks}) but requested nothing and nothing was merged: e.g. the only
         * remote address is trusted, or blocks are held back while a trusted list is not loaded; the detail says why.
         */
        MATCHED_NO_ACTION,
        /** A suppression rule matched: no action. */
        SUPPRESSED,
        /** A repeat within the window: merged into the first alert and counted, no new action. */
        REPEAT_MERGED,
        /** A Security Hub finding last updated by this system: not triaged again (no loop). */
        SELF_UPDATE_IGNORED,
        /** Archived, resolved or closed at the source: recorded, no action. */
        INACTIVE
    }

    /**
     * Repeats of the same (type, resource, remote address).
     *
     * @param key       {@code account|type|resource|addresses}: the finding's repeat keys (one per remote
     *                  address) in one line
     * @param count     occurrences seen in the current window, this one included
     * @param escalated this occurrence crossed an escalation threshold
     */
    public record Repeat(String key, long count, boolean escalated) {
    }
}
