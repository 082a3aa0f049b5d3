package dev.findingsresponder.model;

/** Kafka topic names of the pipeline (see the architecture table in the README). */
public final class Topics {
    /** One EventBridge event (JSON) per record, any key; read by ingest-service. */
    public static final String FINDINGS_RAW = "findings.raw";
    /** Canonical findings keyed by finding id; ingest-service to triage-service. */
    public static final String FINDINGS_NORMALIZED = "findings.normalized";
    /** Rejected input with reason and origin; written by ingest and triage. */
    public static final String FINDINGS_DLQ = "findings.dlq";
    /** Finding plus score, explanation and decision, keyed by finding id. */
    public static final String FINDINGS_TRIAGED = "findings.triaged";
    /** One action request per record, keyed by enforcement target. */
    public static final String ACTIONS_REQUESTED = "actions.requested";
    /** Outcome of one action request, keyed by enforcement target. */
    public static final String ACTIONS_RESULTS = "actions.results";
    /**
     * Action requests that failed after in-process retries, to be tried again later; header {@code not-before}
     * (epoch millis) and {@code attempt}. Keyed by enforcement target like {@code actions.requested}.
     */
    public static final String ACTIONS_RETRY = "actions.retry";
    /** Compacted desired block state, keyed by target and address. */
    public static final String RESPONSE_STATE = "response.state";

    private Topics() {
    }
}
