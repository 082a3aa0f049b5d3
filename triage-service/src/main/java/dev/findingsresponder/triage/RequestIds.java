package dev.findingsresponder.triage;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

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
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(material.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
