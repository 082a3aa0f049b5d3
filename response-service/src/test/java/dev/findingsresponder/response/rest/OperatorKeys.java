package dev.findingsresponder.response.rest;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;

/**
 * The operator API keys of the test profile ({@code %test.response.api.*} in application.properties; keep both in
 * step) and RestAssured requests that present them. For tests of every operator endpoint:
 * {@code OperatorKeys.asOperator().post("/approvals/{id}/reject", id)}.
 */
public final class OperatorKeys {

    /** A viewer key, principal {@link #VIEWER_NAME}. */
    public static final String VIEWER = "viewer-key-for-tests-0001";
    public static final String VIEWER_NAME = "test-viewer";

    /** An operator key, principal {@link #OPERATOR_NAME}. */
    public static final String OPERATOR = "operator-key-for-tests-0001";
    public static final String OPERATOR_NAME = "test-operator";

    /** An operator key configured without a name: its principal is its position in the list. */
    public static final String UNNAMED_OPERATOR = "operator-key-for-tests-0002";
    public static final String UNNAMED_OPERATOR_NAME = "operator-2";

    /** A key of 16+ characters that is configured nowhere. */
    public static final String UNKNOWN = "not-a-configured-key-0001";

    /** The challenge of every 401. */
    public static final String CHALLENGE = "Bearer realm=\"response-service\"";

    private OperatorKeys() {
    }

    /** A request with {@code Authorization: Bearer <key>}. */
    public static RequestSpecification bearer(String key) {
        return given().header("Authorization", "Bearer " + key);
    }

    /** A request with {@code x-api-key: <key>}. */
    public static RequestSpecification apiKey(String key) {
        return given().header("x-api-key", key);
    }

    public static RequestSpecification asViewer() {
        return bearer(VIEWER);
    }

    public static RequestSpecification asOperator() {
        return bearer(OPERATOR);
    }
}
