package dev.findingsresponder.testsupport.auth;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Configures a {@code @QuarkusTest} service to accept bearer JWTs of the test identity provider ({@link TestTokens}):
 * its JWKS file, issuer and audience. Use with {@code @QuarkusTestResource(JwtTestResource.class)}.
 */
public class JwtTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        String location = TestTokens.jwksFile().toString();
        // the mp.jwt.* copies as well: the test profile gives them build-time placeholders (see application.properties)
        return Map.of(
                "ops.jwt.public-key-location", location,
                "ops.jwt.issuer", TestTokens.ISSUER,
                "ops.jwt.audiences", TestTokens.AUDIENCE,
                "mp.jwt.verify.publickey.location", location,
                "mp.jwt.verify.issuer", TestTokens.ISSUER);
    }

    @Override
    public void stop() {
        // the key files are deleted when the JVM exits
    }
}
