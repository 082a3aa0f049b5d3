package dev.findingsresponder.model;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One rejected input on {@code findings.dlq}: why it was rejected, where it came from, and the
 * original bytes, so an operator can fix and replay it. Nothing is dropped without one of these.
 *
 * @param stage      the service that rejected it ({@code ingest}, {@code triage})
 * @param reason     machine-readable reason code (e.g. {@code NOT_JSON}, {@code MISSING_FIELD})
 * @param detail     human-readable explanation naming the offending field
 * @param origin     where the input came from
 * @param rejectedAt when it was rejected
 * @param rawSha256  SHA-256 (hex) of the original bytes
 * @param rawSize    size of the original bytes
 * @param rawTruncated only the first {@link #MAX_STORED_BYTES} bytes are kept (the record must fit in Kafka)
 * @param rawText    the (kept) original bytes as text when they are valid UTF-8, else {@code null}
 * @param rawBase64  the (kept) original bytes in Base64 when they are not valid UTF-8, else {@code null}
 */
public record DeadLetter(
        String stage,
        String reason,
        String detail,
        Origin origin,
        Instant rejectedAt,
        String rawSha256,
        int rawSize,
        boolean rawTruncated,
        String rawText,
        String rawBase64) {

    /**
     * Largest part of a rejected input kept in its dead letter: with JSON escaping or Base64 the record
     * stays well under Kafka's default 1 MB limit, so an oversized poison input cannot stop a consumer.
     */
    public static final int MAX_STORED_BYTES = 256 * 1024;

    /**
     * Where a rejected input came from. Only the fields of its {@code kind} are set.
     *
     * @param kind         {@code kafka}, {@code http} or {@code sqs}
     * @param topic        Kafka topic
     * @param partition    Kafka partition
     * @param offset       Kafka offset
     * @param remoteAddress HTTP client address
     * @param requestIndex position of the event in an HTTP batch (0 for a single event)
     * @param queueUrl     SQS queue URL
     * @param messageId    SQS message id
     */
    public record Origin(String kind, String topic, Integer partition, Long offset,
                         String remoteAddress, Integer requestIndex, String queueUrl, String messageId) {

        public static Origin kafka(String topic, int partition, long offset) {
            return new Origin("kafka", topic, partition, offset, null, null, null, null);
        }

        public static Origin http(String remoteAddress, int requestIndex) {
            return new Origin("http", null, null, null, remoteAddress, requestIndex, null, null);
        }

        public static Origin sqs(String queueUrl, String messageId) {
            return new Origin("sqs", null, null, null, null, null, queueUrl, messageId);
        }

        /** A short form for logs and Kafka headers, e.g. {@code kafka:findings.raw/2@1234}. */
        public String describe() {
            return switch (kind) {
                case "kafka" -> "kafka:" + topic + "/" + partition + "@" + offset;
                case "http" -> "http:" + remoteAddress + "#" + requestIndex;
                case "sqs" -> "sqs:" + queueUrl + "#" + messageId;
                default -> kind;
            };
        }
    }

    /** Builds a dead letter for {@code raw}, keeping the bytes as text when they are UTF-8. */
    public static DeadLetter of(String stage, String reason, String detail, Origin origin, byte[] raw) {
        boolean truncated = raw.length > MAX_STORED_BYTES;
        byte[] kept = truncated ? Arrays.copyOf(raw, MAX_STORED_BYTES) : raw;
        String text = utf8OrNull(kept);
        return new DeadLetter(stage, reason, detail, origin, Instant.now(), Hashes.sha256Hex(raw), raw.length,
                truncated, text, text == null ? Base64.getEncoder().encodeToString(kept) : null);
    }

    /** Kafka record headers every stage writes with a dead letter, so the DLQ can be filtered without parsing it. */
    public Map<String, byte[]> kafkaHeaders() {
        Map<String, byte[]> headers = new LinkedHashMap<>();
        headers.put("dlq-reason", reason.getBytes(StandardCharsets.UTF_8));
        headers.put("dlq-origin", origin.describe().getBytes(StandardCharsets.UTF_8));
        headers.put("dlq-stage", stage.getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    /** The kept original bytes (all of them unless {@code rawTruncated}), from whichever of text or Base64 is set. */
    public byte[] rawBytes() {
        return rawText != null ? rawText.getBytes(StandardCharsets.UTF_8) : Base64.getDecoder().decode(rawBase64);
    }

    private static String utf8OrNull(byte[] raw) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
