package dev.findingsresponder.model.decode;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * Parses raw input into a Jackson tree with the one shared mapper, mapping parser failures to reject reasons:
 * malformed JSON (including trailing content after the first value) to NOT_JSON, Jackson's nesting and length
 * constraints to OVERSIZED.
 */
final class JsonInput {

    /**
     * Deepest nesting accepted. Real events nest about 10 levels; pinned here rather than left to Jackson's default,
     * so a 10,000-level input stops in the parser (OVERSIZED) and never reaches the recursive tree walks.
     */
    static final int MAX_NESTING_DEPTH = 1000;

    /** The one parser of raw input: strict about trailing content after the first JSON value. */
    static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
            .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonInput() {
    }

    static JsonNode parse(byte[] bytes, String what) {
        try {
            return nonEmpty(MAPPER.readTree(bytes), what);
        } catch (StreamConstraintsException e) {
            throw new DecodeException(RejectReason.OVERSIZED, what + " exceeds parser limits: " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw new DecodeException(RejectReason.NOT_JSON, what + " is not valid JSON: " + describe(e));
        } catch (IOException e) {
            throw new DecodeException(RejectReason.NOT_JSON, what + " could not be read: " + e.getMessage());
        }
    }

    static JsonNode parse(String text, String what) {
        try {
            return nonEmpty(MAPPER.readTree(text), what);
        } catch (StreamConstraintsException e) {
            throw new DecodeException(RejectReason.OVERSIZED, what + " exceeds parser limits: " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw new DecodeException(RejectReason.NOT_JSON, what + " is not valid JSON: " + describe(e));
        }
    }

    private static JsonNode nonEmpty(JsonNode node, String what) {
        if (node == null || node.isMissingNode()) {
            throw new DecodeException(RejectReason.NOT_JSON, what + " holds no JSON value (empty or whitespace)");
        }
        return node;
    }

    private static String describe(JsonProcessingException e) {
        String msg = e.getOriginalMessage();
        if (msg != null && msg.length() > 200) {
            msg = msg.substring(0, 200) + "...";
        }
        var loc = e.getLocation();
        return loc == null ? msg : msg + " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")";
    }
}
