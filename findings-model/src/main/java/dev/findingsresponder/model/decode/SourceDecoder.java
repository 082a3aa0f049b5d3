package dev.findingsresponder.model.decode;

import com.fasterxml.jackson.databind.JsonNode;
import dev.findingsresponder.model.Finding;
import dev.findingsresponder.model.Source;
import java.util.List;

/**
 * Decodes the findings of one AWS source. To add a source: implement this and register it in
 * {@link DecoderRegistry#standard()}.
 */
interface SourceDecoder {

    Source source();

    /** EventBridge {@code source} this decoder owns, e.g. {@code aws.guardduty}. */
    String eventSource();

    /** The detail-types of this source that carry findings. */
    List<String> detailTypes();

    /** Whether an envelope {@code detail-type} of this source carries findings. */
    default boolean acceptsDetailType(String detailType) {
        return detailTypes().contains(detailType);
    }

    /** Whether a bare object (no envelope) has this source's finding or notification shape. */
    boolean recognizes(JsonNode node);

    /** Findings of an EventBridge {@code detail} (at {@code at}). */
    List<Finding> decodeDetail(JsonNode detail, JPath at, EventContext ctx);

    /** Findings of a bare object (a finding, or for Config a notification); {@code index} is its list position. */
    List<Finding> decodeBare(JsonNode node, JPath at, EventContext ctx, int index);
}
