package dev.findingsresponder.ingest;

/**
 * What became of one input once every Kafka write it caused was acknowledged.
 *
 * @param published  findings written to findings.normalized
 * @param duplicates findings dropped as redeliveries of a version already published
 * @param reason     rejection reason code when the input went to the DLQ, else {@code null}
 * @param detail     rejection detail when rejected, else {@code null}
 */
public record IngestOutcome(int published, int duplicates, String reason, String detail) {

    public boolean rejected() {
        return reason != null;
    }

    static IngestOutcome rejection(String reason, String detail) {
        return new IngestOutcome(0, 0, reason, detail);
    }
}
