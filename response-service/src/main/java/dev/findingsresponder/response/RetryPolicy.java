package dev.findingsresponder.response;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * Which execution faults a later attempt can cure, and how long to wait before it: exponential backoff with
 * full jitter (a random wait between 0 and the capped exponential delay), so many executors throttled at once
 * do not retry in lockstep.
 *
 * @param maxAttempts attempts in-process, including the first
 * @param baseBackoff cap of the first backoff
 * @param maxBackoff  cap of every backoff
 */
public record RetryPolicy(int maxAttempts, Duration baseBackoff, Duration maxBackoff) {

    private static final Set<String> THROTTLING_CODES = Set.of(
            "RequestLimitExceeded", "ThrottlingException", "Throttling", "TooManyRequestsException",
            "WAFOptimisticLockException", "InternalError", "InternalFailure", "ServiceUnavailable", "Unavailable");

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("retry max-attempts must be at least 1, got " + maxAttempts);
        }
        if (baseBackoff == null || baseBackoff.isNegative() || maxBackoff == null || maxBackoff.compareTo(baseBackoff) < 0) {
            throw new IllegalArgumentException("retry backoff must be 0 <= base <= max, got " + baseBackoff + " / " + maxBackoff);
        }
    }

    /** Whether {@code error} is throttling, a 5xx or an I/O failure: a later attempt may succeed. */
    public static boolean retryable(Throwable error) {
        if (error instanceof AwsServiceException aws) {
            return aws.isThrottlingException() || aws.statusCode() == 429 || aws.statusCode() >= 500
                    || THROTTLING_CODES.contains(errorCode(aws));
        }
        if (error instanceof SdkServiceException service) {
            return service.isThrottlingException() || service.statusCode() == 429 || service.statusCode() >= 500;
        }
        return error instanceof SdkClientException || error instanceof UncheckedIOException;
    }

    /** The AWS error code and message, or the exception's own description. */
    public static String describe(Throwable error) {
        if (error instanceof AwsServiceException aws && aws.awsErrorDetails() != null) {
            String code = errorCode(aws);
            String message = aws.awsErrorDetails().errorMessage();
            return (code == null ? "HTTP " + aws.statusCode() : code) + ": " + (message == null ? aws.getMessage() : message);
        }
        return error.getClass().getSimpleName() + ": " + error.getMessage();
    }

    /** Wait before attempt {@code failedAttempt + 1}: uniform in [0, min(max, base * 2^(failedAttempt-1))]. */
    public Duration backoff(int failedAttempt) {
        long exponential = baseBackoff.toMillis() << Math.min(Math.max(failedAttempt - 1, 0), 20);
        long capped = Math.min(exponential, maxBackoff.toMillis());
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(capped + 1));
    }

    private static String errorCode(AwsServiceException aws) {
        return aws.awsErrorDetails() == null ? null : aws.awsErrorDetails().errorCode();
    }
}
