package dev.findingsresponder.response.action;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.findingsresponder.model.ActionResult.Outcome;
import software.amazon.awssdk.awscore.AwsResponse;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * The AWS request ids of the calls one action execution made (for CloudTrail correlation), and the rule
 * that splits AWS errors into retryable faults (thrown to the executor) and permanent failures (a FAILED
 * outcome with the AWS error code).
 */
final class AwsCallLog {

    /** Error codes that a later attempt can succeed on, beyond what the SDK counts as throttling. */
    private static final Set<String> TRANSIENT_CODES = Set.of(
            "RequestLimitExceeded", "Throttling", "ThrottlingException", "TooManyRequestsException",
            "InternalError", "InternalFailure", "ServiceUnavailable", "Unavailable",
            "WAFInternalErrorException", "WAFUnavailableEntityException",
            // lost the LockToken race more often than the writer retries by itself: the next execution will do
            "WAFOptimisticLockException");

    private final List<String> requestIds = new ArrayList<>();

    /** Records the response's request id and returns the response. */
    <T extends AwsResponse> T add(T response) {
        String id = response.responseMetadata().requestId();
        if (id != null && !id.isBlank() && !"UNKNOWN".equals(id)) {
            requestIds.add(id);
        }
        return response;
    }

    /** Records the request id of a failed call (AWS logs failed calls in CloudTrail too). */
    void add(AwsServiceException error) {
        if (error.requestId() != null && !error.requestId().isBlank()) {
            requestIds.add(error.requestId());
        }
    }

    /** Records the calls {@code other} recorded (calls one request shares with others, e.g. a NACL read). */
    void addAll(AwsCallLog other) {
        requestIds.addAll(other.requestIds);
    }

    List<String> requestIds() {
        return List.copyOf(requestIds);
    }

    ActionOutcome outcome(Outcome outcome, String detail, Map<String, String> facts) {
        return new ActionOutcome(outcome, detail, requestIds, facts);
    }

    /**
     * Records {@code error} and turns it into a FAILED outcome when retrying cannot help; rethrows
     * throttling, 5xx and other transient faults so the executor backs off and retries.
     */
    ActionOutcome failedOrThrow(AwsServiceException error, String doing, Map<String, String> facts) {
        add(error);
        if (retryable(error)) {
            throw error;
        }
        return failure(error, doing, facts);
    }

    /**
     * Records {@code error} once for a group of requests that share the call, and rethrows it when it is
     * retryable; the caller then builds each request's {@link #failure}.
     */
    void addOrThrow(AwsServiceException error) {
        add(error);
        if (retryable(error)) {
            throw error;
        }
    }

    /** The FAILED outcome of a permanent AWS error (already recorded). */
    ActionOutcome failure(AwsServiceException error, String doing, Map<String, String> facts) {
        return outcome(Outcome.FAILED, doing + " failed: " + code(error) + ": " + message(error), facts);
    }

    static boolean retryable(AwsServiceException error) {
        return error.isThrottlingException() || error.statusCode() >= 500 || TRANSIENT_CODES.contains(code(error));
    }

    static String code(AwsServiceException error) {
        return error.awsErrorDetails() == null || error.awsErrorDetails().errorCode() == null
                ? "HTTP " + error.statusCode() : error.awsErrorDetails().errorCode();
    }

    private static String message(AwsServiceException error) {
        return error.awsErrorDetails() == null || error.awsErrorDetails().errorMessage() == null
                ? String.valueOf(error.getMessage()) : error.awsErrorDetails().errorMessage();
    }
}
