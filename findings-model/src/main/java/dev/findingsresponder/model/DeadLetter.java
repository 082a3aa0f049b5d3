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
 * @param rawText    the (kept) original bytes as text when they are valid UTF-8 and their JSON escaping stays within
 *                   the size of Base64, else {@code null}
 * @param rawBase64  the (kept) original bytes in Base64 when {@code rawText} is {@code null}, else {@code null}
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
     * Largest part of a rejected input kept in its dead letter. The kept bytes are written as text only when JSON
     * escapes them to no more than Base64 would (4/3 of their size), so whatever the input the record stays under
     * Kafka's default 1 MiB limit ({@code max.request.size}) and a poison input cannot stop a consumer.
     */
    public static final int MAX_STORED_BYTES = 256 * 1024;

    /** Longest {@code detail} kept (in chars); a longer one is cut, as it may quote the input. */
    public static final int MAX_DETAIL_CHARS = 2048;

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

    /**
     * Builds a dead letter for {@code raw}, keeping the bytes as text when they are UTF-8 and escaping does not
     * make them longer than Base64 (control characters escape to 6 bytes each), else as Base64.
     */
    public static DeadLetter of(String stage, String reason, String detail, Origin origin, byte[] raw) {
        boolean truncated = raw.length > MAX_STORED_BYTES;
        byte[] kept = truncated ? Arrays.copyOf(raw, MAX_STORED_BYTES) : raw;
        String text = utf8OrNull(kept);
        if (text != null && escapedLength(text, kept.length) > base64Length(kept.length)) {
            text = null;
        }
        return new DeadLetter(stage, reason, cut(detail), origin, Instant.now(), Hashes.sha256Hex(raw), raw.length,
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

    /** Bytes of {@code text} (UTF-8, {@code utf8Length} bytes) inside a JSON string as Jackson writes it. */
    static long escapedLength(String text, int utf8Length) {
        long length = utf8Length;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\' || c == '\n' || c == '\r' || c == '\t' || c == '\b' || c == '\f') {
                length += 1;
            } else if (c < 0x20) {
                length += 5; // a six-byte unicode escape
            }
        }
        return length;
    }

    private static long base64Length(int bytes) {
        return 4L * ((bytes + 2) / 3);
    }

    private static String cut(String detail) {
        return detail == null || detail.length() <= MAX_DETAIL_CHARS ? detail
                : detail.substring(0, MAX_DETAIL_CHARS) + "... (" + (detail.length() - MAX_DETAIL_CHARS) + " more chars)";
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
