package dev.findingsresponder.testsupport.faults;

/** What the proxy answers instead of forwarding (or, for {@link #TIMEOUT}, instead of answering in time). */
public enum AwsFault {
    /** HTTP 400 with the service's throttling code: EC2 {@code RequestLimitExceeded}, WAF {@code ThrottlingException}, SNS/STS {@code Throttling}. */
    THROTTLING,
    /** HTTP 400 {@code WAFLimitsExceededException} (WAF only): AWS documents it as a resource limit, not a rate. */
    WAF_LIMITS_EXCEEDED,
    /** HTTP 500 with the service's internal-error code. */
    SERVER_ERROR,
    /** HTTP 503 with the service's unavailable code. */
    UNAVAILABLE,
    /** The call is forwarded (it takes effect) but the answer is held beyond the client's per-attempt timeout. */
    TIMEOUT,
    /** HTTP 400 {@code WAFOptimisticLockException} on UpdateIPSet only: another writer changed the set. */
    WAF_LOCK_CONFLICT;

    /** Whether this fault makes sense for {@code call}. */
    public boolean appliesTo(AwsCall call) {
        return switch (this) {
            case WAF_LIMITS_EXCEEDED -> "wafv2".equals(call.service());
            case WAF_LOCK_CONFLICT -> "wafv2".equals(call.service()) && "UpdateIPSet".equals(call.operation());
            default -> true;
        };
    }
}
