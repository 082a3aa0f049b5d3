package dev.findingsresponder.response.action;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.findingsresponder.model.Finding;
import dev.findingsresponder.model.FindingCodec;

/**
 * Fits a notification into SNS's 256 KiB, counted in UTF-8 bytes over the message, subject and attributes.
 * Gracefully: the canonical JSON goes compact, then loses its bulky parts (long description, additional
 * resources, vulnerable packages, network indicators past {@value NotificationText#MAX_INDICATORS}), and only
 * then is the message cut, with a note saying how much was cut. It never fails for size.
 */
final class SnsMessageBudget {

    /** SNS's limit for one message including attributes (262,144 bytes). */
    static final int MAX_BYTES = 256 * 1024;
    static final int SLIM_DESCRIPTION = 1_000;
    private static final String JSON_HEADER = "FINDING (canonical JSON)\n";

    /**
     * The message to publish.
     *
     * @param text    the message
     * @param trimmed what was left out, empty when nothing was
     */
    record Fitted(String text, List<String> trimmed) {
    }

    private SnsMessageBudget() {
    }

    /** {@code readable} followed by the finding's canonical JSON, within {@code MAX_BYTES - overheadBytes}. */
    static Fitted fit(String readable, Finding finding, int overheadBytes) {
        int budget = MAX_BYTES - overheadBytes;
        if (finding == null) {
            return cut(readable, budget, List.of());
        }
        String pretty = readable + JSON_HEADER + FindingCodec.toPrettyJson(finding);
        if (bytes(pretty) <= budget) {
            return new Fitted(pretty, List.of());
        }
        String compact = readable + JSON_HEADER + new String(FindingCodec.toJson(finding), StandardCharsets.UTF_8);
        if (bytes(compact) <= budget) {
            return new Fitted(compact, List.of("JSON printed compact"));
        }
        List<String> dropped = new ArrayList<>(List.of("JSON printed compact"));
        String slim = slimJson(finding, dropped);
        String header = "FINDING (canonical JSON, trimmed to fit SNS's 256 KiB: " + String.join("; ", dropped) + ")\n";
        return cut(readable + header + slim, budget, dropped);
    }

    /** The text cut at a character boundary so it and the note fit in {@code budget} bytes. */
    static Fitted cut(String text, int budget, List<String> trimmedSoFar) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        if (utf8.length <= budget) {
            return new Fitted(text, trimmedSoFar);
        }
        // the note's length depends on the count it prints: reserve room for the longest count
        int reserve = bytes(note(utf8.length));
        int end = Math.max(0, budget - reserve);
        while (end > 0 && (utf8[end] & 0xC0) == 0x80) {
            end--; // never split a UTF-8 sequence
        }
        List<String> trimmed = new ArrayList<>(trimmedSoFar);
        trimmed.add("message cut by " + (utf8.length - end) + " bytes");
        return new Fitted(new String(utf8, 0, end, StandardCharsets.UTF_8) + note(utf8.length - end), trimmed);
    }

    static String note(int omitted) {
        return "\n\u2026truncated, " + omitted + " bytes omitted";
    }

    static int bytes(String text) {
        return text == null ? 0 : text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static String slimJson(Finding finding, List<String> dropped) {
        ObjectNode json = FindingCodec.mapper().valueToTree(finding);
        String description = json.path("description").asText(null);
        if (description != null && description.length() > SLIM_DESCRIPTION) {
            json.put("description", NotificationText.prefix(description, SLIM_DESCRIPTION) + " ... ("
                    + (description.length() - SLIM_DESCRIPTION) + " characters omitted)");
            dropped.add("description cut to " + SLIM_DESCRIPTION + " characters");
        }
        removeArray(json, "additionalResources", "additional resources", dropped);
        if (json.get("vulnerability") instanceof ObjectNode vulnerability) {
            removeArray(vulnerability, "packages", "vulnerable packages", dropped);
        }
        if (json.get("network") instanceof ArrayNode network && network.size() > NotificationText.MAX_INDICATORS) {
            int extra = network.size() - NotificationText.MAX_INDICATORS;
            while (network.size() > NotificationText.MAX_INDICATORS) {
                network.remove(network.size() - 1);
            }
            dropped.add(extra + " network indicators past the first " + NotificationText.MAX_INDICATORS + " dropped");
        }
        try {
            return FindingCodec.mapper().writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree read from a finding always serializes", e);
        }
    }

    private static void removeArray(ObjectNode parent, String field, String what, List<String> dropped) {
        JsonNode node = parent.get(field);
        if (node instanceof ArrayNode array && !array.isEmpty()) {
            parent.remove(field);
            dropped.add(array.size() + " " + what + " dropped");
        }
    }
}
