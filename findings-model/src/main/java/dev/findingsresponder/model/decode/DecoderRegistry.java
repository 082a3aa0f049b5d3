package dev.findingsresponder.model.decode;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/** The source decoders, looked up by EventBridge source, by detail-type or by bare shape. */
final class DecoderRegistry {

    private final List<SourceDecoder> decoders;

    DecoderRegistry(List<SourceDecoder> decoders) {
        this.decoders = List.copyOf(decoders);
    }

    /** Every supported source; register a new one here. */
    static DecoderRegistry standard() {
        return new DecoderRegistry(List.of(
                new GuardDutyDecoder(),
                new InspectorDecoder(),
                new ConfigDecoder(),
                new SecurityHubDecoder()));
    }

    SourceDecoder bySource(String eventSource) {
        for (SourceDecoder d : decoders) {
            if (d.eventSource().equals(eventSource)) {
                return d;
            }
        }
        return null;
    }

    SourceDecoder byDetailType(String detailType) {
        for (SourceDecoder d : decoders) {
            if (d.acceptsDetailType(detailType)) {
                return d;
            }
        }
        return null;
    }

    SourceDecoder recognizing(JsonNode node) {
        if (node == null || !node.isObject()) {
            return null;
        }
        for (SourceDecoder d : decoders) {
            if (d.recognizes(node)) {
                return d;
            }
        }
        return null;
    }

    /** EventBridge source to the detail-types accepted from it, in registration order. */
    Map<String, List<String>> acceptedDetailTypes() {
        Map<String, List<String>> accepted = new LinkedHashMap<>();
        for (SourceDecoder d : decoders) {
            accepted.put(d.eventSource(), List.copyOf(d.detailTypes()));
        }
        return Collections.unmodifiableMap(accepted);
    }

    String supportedSources() {
        StringJoiner j = new StringJoiner(", ");
        for (SourceDecoder d : decoders) {
            j.add(d.eventSource());
        }
        return j.toString();
    }
}
