package dev.findingsresponder.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import dev.findingsresponder.model.Finding;
import dev.findingsresponder.model.decode.EventNormalizer;

/**
 * The {@code source} tag of ingest's event metrics: the EventBridge {@code source} of an input ({@code aws.guardduty},
 * ...), {@code other} for a readable source that is not one of ours (so a caller cannot create a label per value),
 * {@code unknown} when none can be read (not JSON, no {@code source}, oversized and not parsed).
 */
final class EventSources {

    static final String UNKNOWN = "unknown";
    static final String OTHER = "other";
    private static final Set<String> KNOWN = EventNormalizer.acceptedDetailTypes().keySet();
    private static final JsonFactory JSON = new JsonFactory();

    private EventSources() {
    }

    /** The source of a normalized input: its envelope's, else (bare finding) the one of the finding's service. */
    static String of(List<Finding> findings) {
        if (findings.isEmpty()) {
            return UNKNOWN;
        }
        Finding first = findings.get(0);
        String envelope = first.raw() == null ? null : first.raw().eventSource();
        if (envelope != null) {
            return known(envelope);
        }
        return switch (first.source()) {
            case GUARDDUTY -> "aws.guardduty";
            case INSPECTOR -> "aws.inspector2";
            case CONFIG -> "aws.config";
            case SECURITY_HUB -> "aws.securityhub";
        };
    }

    /**
     * The source of a rejected input, read with a streaming parser that stops at it: the top-level {@code source},
     * or the one of the event inside an SNS notification's {@code Message}.
     */
    static String peek(byte[] raw) {
        try {
            String source = topLevel(raw, "source");
            if (source == null) {
                String message = topLevel(raw, "Message");
                source = message == null ? null : topLevel(message.getBytes(StandardCharsets.UTF_8),
                        "source");
            }
            return source == null ? UNKNOWN : known(source);
        } catch (IOException | RuntimeException e) {
            return UNKNOWN;
        }
    }

    private static String known(String source) {
        return KNOWN.contains(source) ? source : OTHER;
    }

    private static String topLevel(byte[] raw, String field) throws IOException {
        try (JsonParser parser = JSON.createParser(raw)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (name.equals(field)) {
                    return value == JsonToken.VALUE_STRING ? parser.getText() : null;
                }
                parser.skipChildren();
            }
            return null;
        }
    }
}
