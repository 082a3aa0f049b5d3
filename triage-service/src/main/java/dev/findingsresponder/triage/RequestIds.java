package dev.findingsresponder.triage;

import java.nio.charset.StandardCharsets;

import dev.findingsresponder.model.Hashes;

/**
 * Deterministic action request ids: the same finding version, playbook, step, address and escalation
 * always give the same id, so a redelivered finding produces requests the response side recognizes.
 */
final class RequestIds {

    private RequestIds() {
    }

    static String of(String findingId, Object updatedAt, String playbook, int step, String action,
                     String address, long escalation) {
        String material = String.join("|", findingId, String.valueOf(updatedAt), playbook, Integer.toString(step),
                action, address == null ? "-" : address, Long.toString(escalation));
        return Hashes.sha256Hex(material.getBytes(StandardCharsets.UTF_8)).substring(0, 32);
    }
}
