package dev.findingsresponder.model.decode;

/** Internal signal that an input must be rejected; cheap (no stack trace), never escapes the normalizer. */
final class DecodeException extends RuntimeException {

    private final RejectReason reason;

    DecodeException(RejectReason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    RejectReason reason() {
        return reason;
    }

    String detail() {
        return getMessage();
    }
}
