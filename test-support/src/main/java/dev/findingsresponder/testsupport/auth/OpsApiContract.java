package dev.findingsresponder.testsupport.auth;

import static io.restassured.RestAssured.given;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Calls every endpoint of a running service ({@link OpsEndpoints}) as anonymous, viewer, operator and with bad
 * tokens, and lists each answer that breaks the rules of the operator API: mutating methods refuse anonymous (401)
 * and viewer (403) callers and let operators through; reads refuse anonymous callers and let viewers through; a
 * token of another issuer or audience, expired, or signed by another key is 401. "Through" means neither 401 nor
 * 403: the call reached the resource, which may still answer 400 or 404 to the probe's empty input.
 */
public final class OpsApiContract {

    private final List<OpsEndpoints.Endpoint> endpoints;
    private final Set<String> readsByPost;

    /**
     * @param endpoints   the service's endpoints
     * @param readsByPost names ({@code "POST /explain"}) of POST endpoints that only read (viewer is enough)
     */
    public OpsApiContract(List<OpsEndpoints.Endpoint> endpoints, Set<String> readsByPost) {
        this.endpoints = endpoints;
        this.readsByPost = readsByPost;
    }

    /** The endpoints protected by roles (all but {@code @PermitAll} ones). */
    public List<OpsEndpoints.Endpoint> protectedEndpoints() {
        return endpoints.stream().filter(e -> !e.permitAll()).toList();
    }

    /** Whether the endpoint needs the operator role. */
    public boolean needsOperator(OpsEndpoints.Endpoint endpoint) {
        return endpoint.mutating() && !readsByPost.contains(endpoint.name());
    }

    /** Every broken rule, as "endpoint as caller: expected ..., got N". Empty when the API keeps all of them. */
    public List<String> violations() {
        List<String> problems = new ArrayList<>();
        Map<String, Supplier<String>> badTokens = Map.of(
                "a token of another issuer", () -> TestTokens.sign(
                        TestTokens.claims(TestTokens.OPERATOR_NAME, "operator").issuer("https://evil.example/")),
                "a token for another audience", () -> TestTokens.sign(
                        TestTokens.claims(TestTokens.OPERATOR_NAME, "operator").audience("some-other-api")),
                "an expired token", () -> TestTokens.sign(TestTokens.claims(TestTokens.OPERATOR_NAME, "operator")
                        .issuedAt(Instant.now().minusSeconds(7200)).expiresAt(Instant.now().minusSeconds(3600))),
                "a token signed by another key", () -> TestTokens.signWithAnotherKey(
                        TestTokens.claims(TestTokens.OPERATOR_NAME, "operator")));
        String viewer = TestTokens.viewer();
        String operator = TestTokens.operator();
        String noRole = TestTokens.sign(TestTokens.claims("nobody@example.org"));
        for (OpsEndpoints.Endpoint endpoint : protectedEndpoints()) {
            expect(problems, endpoint, "anonymous", call(endpoint, given()), 401);
            expect(problems, endpoint, "a valid token without a role", call(endpoint, bearer(noRole)), 403);
            if (needsOperator(endpoint)) {
                expect(problems, endpoint, "viewer", call(endpoint, bearer(viewer)), 403);
            } else {
                expectThrough(problems, endpoint, "viewer", call(endpoint, bearer(viewer)));
            }
            expectThrough(problems, endpoint, "operator", call(endpoint, bearer(operator)));
            badTokens.forEach((what, token) -> expect(problems, endpoint, what, call(endpoint, bearer(token.get())),
                    401));
        }
        return problems;
    }

    /** A request with {@code Authorization: Bearer <token>}. */
    public static RequestSpecification bearer(String token) {
        return given().header("Authorization", "Bearer " + token);
    }

    /** Calls the endpoint; one that consumes JSON gets an empty object, others no body. */
    public static Response call(OpsEndpoints.Endpoint endpoint, RequestSpecification request) {
        if (OpsEndpoints.MUTATING.contains(endpoint.verb()) && endpoint.consumes().contains("json")) {
            request = request.contentType(endpoint.consumes()).body("{}");
        }
        return request.redirects().follow(false).request(endpoint.verb(), endpoint.path());
    }

    private static void expect(List<String> problems, OpsEndpoints.Endpoint endpoint, String caller,
            Response response, int status) {
        if (response.statusCode() != status) {
            problems.add(endpoint + " as " + caller + ": expected " + status + ", got " + response.statusCode());
        }
    }

    private static void expectThrough(List<String> problems, OpsEndpoints.Endpoint endpoint, String caller,
            Response response) {
        int status = response.statusCode();
        if (status == 401 || status == 403) {
            problems.add(endpoint + " as " + caller + ": expected to reach the resource, got " + status);
        }
    }
}
