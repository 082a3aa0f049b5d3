package dev.findingsresponder.testsupport.faults;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * An AWS error answer as the service's protocol writes it, so the SDK parses the status and the error code just as
 * it would from AWS (and the code, not only the status, decides whether our side retries).
 */
record FaultResponse(int status, String contentType, String requestId, byte[] body) {

    /** The answer standing for {@code fault} on {@code call} (never {@link AwsFault#TIMEOUT}, which forwards). */
    static FaultResponse of(AwsFault fault, AwsCall call) {
        String requestId = UUID.randomUUID().toString();
        int status = switch (fault) {
            case SERVER_ERROR -> 500;
            case UNAVAILABLE -> 503;
            case THROTTLING, WAF_LIMITS_EXCEEDED, WAF_LOCK_CONFLICT -> 400;
            case TIMEOUT -> throw new IllegalArgumentException("a timeout is not an error answer");
        };
        String code = code(fault, call);
        String message = "injected by AwsFaultProxy: " + fault + " on " + call.operation();
        return switch (call.protocol()) {
            case JSON -> new FaultResponse(status, "application/x-amz-json-1.1", requestId,
                    bytes("{\"__type\":\"" + code + "\",\"message\":\"" + message + "\"}"));
            case EC2_QUERY -> new FaultResponse(status, "text/xml;charset=UTF-8", requestId,
                    bytes("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error><Code>" + code
                            + "</Code><Message>" + message + "</Message></Error></Errors><RequestID>" + requestId
                            + "</RequestID></Response>"));
            case QUERY -> new FaultResponse(status, "text/xml", requestId,
                    bytes("<ErrorResponse><Error><Type>" + (status >= 500 ? "Receiver" : "Sender") + "</Type><Code>"
                            + code + "</Code><Message>" + message + "</Message></Error><RequestId>" + requestId
                            + "</RequestId></ErrorResponse>"));
            case OTHER -> throw new IllegalArgumentException("no AWS error format for " + call);
        };
    }

    /** The error code the real service uses for {@code fault}. */
    static String code(AwsFault fault, AwsCall call) {
        AwsCall.Protocol protocol = call.protocol();
        boolean waf = "wafv2".equals(call.service());
        return switch (fault) {
            case THROTTLING -> switch (protocol) {
                case EC2_QUERY -> "RequestLimitExceeded";
                case JSON -> "ThrottlingException";
                default -> "Throttling";
            };
            case WAF_LIMITS_EXCEEDED -> "WAFLimitsExceededException";
            case WAF_LOCK_CONFLICT -> "WAFOptimisticLockException";
            case SERVER_ERROR -> switch (protocol) {
                case EC2_QUERY -> "InternalError";
                default -> waf ? "WAFInternalErrorException" : "InternalFailure";
            };
            case UNAVAILABLE -> switch (protocol) {
                case EC2_QUERY -> "Unavailable";
                default -> "ServiceUnavailable";
            };
            case TIMEOUT -> throw new IllegalArgumentException("a timeout has no error code");
        };
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
