package dev.findingsresponder.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * JSON codec of the canonical {@link Finding}, shared by every service: instants as ISO-8601 strings,
 * {@code null} fields omitted, unknown properties ignored (so producers can add fields before consumers
 * know them).
 */
public final class FindingCodec {

    private static final ObjectMapper MAPPER = configure(new ObjectMapper());
    private static final ObjectWriter PRETTY = MAPPER.writerWithDefaultPrettyPrinter();

    private FindingCodec() {
    }

    /** Applies the codec's settings to a mapper (for services that need their own instance). */
    public static ObjectMapper configure(ObjectMapper mapper) {
        return mapper
                .registerModule(new JavaTimeModule())
                // record accessors and constructors through generated lambdas instead of reflection (BENCHMARKS.md)
                .registerModule(new BlackbirdModule())
                // after JavaTimeModule, so it takes over Instant
                .registerModule(InstantCodec.module())
                .registerModule(EmbeddedFinding.module())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL);
    }

    /** The shared, configured mapper. Do not reconfigure it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static byte[] toJson(Finding finding) {
        try {
            return MAPPER.writeValueAsBytes(finding);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialize finding " + finding.id(), e);
        }
    }

    public static Finding fromJson(byte[] json) {
        try {
            return MAPPER.readValue(json, Finding.class);
        } catch (IOException e) {
            throw new UncheckedIOException("not a canonical finding: " + e.getMessage(), e);
        }
    }

    /** Any of the model's records (requests, results, triaged findings, dead letters) as JSON. */
    public static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }

    /** One of the model's records from JSON; an {@link UncheckedIOException} when it is not one. */
    public static <T> T read(byte[] json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException("not a " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    public static String toPrettyJson(Finding finding) {
        try {
            return PRETTY.writeValueAsString(finding);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialize finding " + finding.id(), e);
        }
    }
}
