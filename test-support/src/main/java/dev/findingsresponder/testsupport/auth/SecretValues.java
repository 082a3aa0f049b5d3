package dev.findingsresponder.testsupport.auth;

import static io.restassured.RestAssured.given;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.restassured.response.Response;

/** Checks that known secret values do not show in text a service exposes (responses, logs). */
public final class SecretValues {

    /** The management endpoints every service exposes without credentials. */
    public static final List<String> MANAGEMENT_PATHS = List.of("/q/health", "/q/health/live", "/q/health/ready",
            "/q/health/started", "/q/metrics");

    private SecretValues() {
    }

    /** {@code text} with each secret replaced by {@code <secret #n>}, so a failure message does not spread it. */
    public static String masked(String text, Collection<String> secrets) {
        String out = text;
        int n = 0;
        for (String secret : secrets) {
            n++;
            out = out.replace(secret, "<secret #" + n + ">");
        }
        return out;
    }

    /**
     * Calls every management path anonymously and with {@code authorization} (e.g. a bearer token); lists each
     * path that does not answer 200 and each whose body holds one of {@code secrets} (masked).
     */
    public static List<String> managementLeaks(Collection<String> secrets, String authorization) {
        List<String> problems = new ArrayList<>();
        for (String path : MANAGEMENT_PATHS) {
            for (boolean withCredentials : new boolean[] {false, true}) {
                Response response = withCredentials ? given().header("Authorization", authorization).get(path)
                        : given().get(path);
                String who = withCredentials ? " with credentials" : " anonymously";
                if (response.statusCode() != 200) {
                    problems.add(path + who + ": status " + response.statusCode());
                }
                String body = response.asString();
                if (secrets.stream().anyMatch(body::contains)) {
                    problems.add(path + who + " shows a secret: " + masked(body, secrets));
                }
            }
        }
        return problems;
    }
}
