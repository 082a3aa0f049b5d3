package dev.findingsresponder.testsupport.faults;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One AWS API call as it crosses the proxy: the service (from the SigV4 credential scope), the operation (from the
 * {@code X-Amz-Target} header of JSON protocols or the {@code Action} parameter of query protocols) and the wire
 * protocol, which decides how an injected error must look for the SDK to parse it.
 *
 * @param service   signing name, e.g. {@code ec2}, {@code wafv2}, {@code sns}; {@code unknown} when unsigned
 * @param operation e.g. {@code UpdateIPSet}; null when the request names none (moto's own API, health checks)
 */
public record AwsCall(String service, String operation, Protocol protocol) {

    /** How a service encodes its errors. */
    public enum Protocol {
        /** awsJson (WAFv2): {@code {"__type": code, "message": ...}}. */
        JSON,
        /** EC2's query dialect: {@code <Response><Errors><Error>}. */
        EC2_QUERY,
        /** awsQuery (SNS, STS): {@code <ErrorResponse><Error>}. */
        QUERY,
        /** Anything else: passed through, never faulted. */
        OTHER
    }

    private static final Pattern SCOPE = Pattern.compile("Credential=[^/]+/[^/]+/[^/]+/([^/]+)/aws4_request");
    private static final Pattern ACTION = Pattern.compile("(?:^|&)Action=([^&]+)");

    /** The call described by a request's target header, authorization header, query string and body. */
    public static AwsCall of(String amzTarget, String authorization, String query, byte[] body) {
        String service = service(authorization);
        if (amzTarget != null && !amzTarget.isBlank()) {
            int dot = amzTarget.lastIndexOf('.');
            return new AwsCall(service, amzTarget.substring(dot + 1), Protocol.JSON);
        }
        String action = action(query);
        if (action == null && body != null && body.length > 0) {
            action = action(new String(body, StandardCharsets.UTF_8));
        }
        if (action == null) {
            return new AwsCall(service, null, Protocol.OTHER);
        }
        return new AwsCall(service, action, "ec2".equals(service) ? Protocol.EC2_QUERY : Protocol.QUERY);
    }

    /** Whether faults may be injected: a named operation of a protocol whose errors we can forge. */
    public boolean faultable() {
        return operation != null && protocol != Protocol.OTHER;
    }

    /** {@code service:Operation}, the key calls are counted by. */
    public String key() {
        return service + ":" + operation;
    }

    private static String service(String authorization) {
        if (authorization == null) {
            return "unknown";
        }
        Matcher matcher = SCOPE.matcher(authorization);
        return matcher.find() ? matcher.group(1).toLowerCase(Locale.ROOT) : "unknown";
    }

    private static String action(String form) {
        if (form == null) {
            return null;
        }
        Matcher matcher = ACTION.matcher(form);
        return matcher.find() ? URLDecoder.decode(matcher.group(1), StandardCharsets.UTF_8) : null;
    }
}
