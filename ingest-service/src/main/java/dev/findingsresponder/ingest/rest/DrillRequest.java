package dev.findingsresponder.ingest.rest;

import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import dev.findingsresponder.model.FindingCodec;
import dev.findingsresponder.model.drill.DrillSpec;
import dev.findingsresponder.model.drill.DrillType;

/**
 * The body of {@code POST /drills}, mirroring the {@code drill} command's options. Unknown fields are refused (a
 * misspelt option must not silently fall back to a default); list fields also take a single string.
 *
 * @param rate events per second, absent or 0 for as fast as possible
 */
public record DrillRequest(
        String type,
        Integer count,
        Double rate,
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> accounts,
        String region,
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> addresses,
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> instanceId,
        Long seed,
        Integer repeat) {

    private static final String FIELDS = "type, count, rate, accounts, region, addresses, instanceId, seed, repeat";
    private static final ObjectReader READER = FindingCodec.mapper().readerFor(DrillRequest.class)
            .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** Reads a body; anything but a JSON object of the known fields is refused with a message naming the problem. */
    static DrillRequest read(byte[] body) {
        try {
            DrillRequest request = body == null || body.length == 0 ? null : READER.readValue(body);
            if (request == null) {
                throw new IllegalArgumentException("the body must be a JSON object with the fields " + FIELDS);
            }
            return request;
        } catch (UnrecognizedPropertyException e) {
            throw new IllegalArgumentException("unknown field '" + e.getPropertyName() + "'; known fields: " + FIELDS);
        } catch (JsonMappingException e) {
            String field = e.getPath().stream().map(JsonMappingException.Reference::getFieldName)
                    .filter(name -> name != null).collect(Collectors.joining("."));
            throw new IllegalArgumentException(field.isEmpty()
                    ? "the body must be a JSON object with the fields " + FIELDS
                    : "field '" + field + "' has the wrong type: " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the body is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the body: " + e.getMessage());
        }
    }

    /** The drill spec; an {@link dev.findingsresponder.model.drill.InvalidDrillSpecException} names a bad option. */
    DrillSpec toSpec() {
        return new DrillSpec(DrillType.named(type), count == null ? 1 : count, accounts, region, addresses, instanceId,
                seed, repeat == null ? 1 : repeat);
    }

    /** Events per second, 0 for as fast as possible; a negative or non-finite rate is refused. */
    double rateOrZero() {
        if (rate == null) {
            return 0;
        }
        if (!(rate >= 0) || rate.isInfinite()) {
            throw new IllegalArgumentException("rate must be 0 (as fast as possible) or more events per second, got "
                    + rate);
        }
        return rate;
    }
}
