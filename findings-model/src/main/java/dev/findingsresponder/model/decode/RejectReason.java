package dev.findingsresponder.model.decode;

/** Why an input was rejected (sent to the DLQ) instead of normalized. */
public enum RejectReason {
    /** The bytes are empty or not one well-formed JSON value (including trailing garbage). */
    NOT_JSON,
    /** Well-formed JSON that is not an event, SNS notification or known finding (e.g. an array, a string). */
    NOT_AN_EVENT,
    /** An envelope whose {@code source} is not one we decode (or no source and an unrecognized detail). */
    UNKNOWN_SOURCE,
    /** A known source with a {@code detail-type} (or Config {@code messageType}) that carries no finding. */
    UNKNOWN_DETAIL_TYPE,
    /** A required field is absent, {@code null} or empty. */
    MISSING_FIELD,
    /** A field has the wrong JSON type or a value outside its documented domain. */
    WRONG_TYPE,
    /** The input exceeds the size limit or Jackson's nesting/length constraints. */
    OVERSIZED,
    /** A finding's account is not in the configured allowlist. */
    ACCOUNT_NOT_ALLOWED,
    /** A well-formed event or list that holds no finding (e.g. {@code detail.findings: []}). */
    NO_FINDINGS
}
