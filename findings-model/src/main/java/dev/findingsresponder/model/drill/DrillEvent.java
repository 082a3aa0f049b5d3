package dev.findingsresponder.model.drill;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.findingsresponder.model.FindingCodec;

/**
 * One generated EventBridge "GuardDuty Finding" event.
 *
 * @param eventId   the envelope {@code id} (unique per event; the Kafka key drills use)
 * @param findingId the GuardDuty finding id ({@code detail.id}); shared by the repeats of one finding
 * @param account   the member account of the finding
 * @param attacker  the remote address drawn for the finding
 * @param repeat    0 for a finding's first event, n for its n-th update ({@code service.count} is n + 1)
 * @param event     the whole event; callers must not modify it
 */
public record DrillEvent(String eventId, String findingId, String account, String attacker, int repeat,
        ObjectNode event) {

    /** The event as compact JSON, as EventBridge delivers it. */
    public byte[] toJson() {
        try {
            return FindingCodec.mapper().writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize drill event " + eventId, e);
        }
    }

    /** The event as one line of compact JSON. */
    public String toJsonLine() {
        try {
            return FindingCodec.mapper().writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize drill event " + eventId, e);
        }
    }
}
