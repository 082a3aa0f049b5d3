package dev.findingsresponder.testsupport.auth;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Configures a {@code @QuarkusTest} service to accept bearer JWTs of the test identity provider ({@link TestTokens}):
 * its issuer, audience and signing keys, which it publishes like an OIDC provider does, as a JWKS document on an
 * HTTP URL (a local server on a free port). Use with {@code @QuarkusTestResource(JwtTestResource.class)}.
 */
public class JwtTestResource implements QuarkusTestResourceLifecycleManager {

    static final String JWKS_PATH = "/realms/ops/protocol/openid-connect/certs";

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            byte[] jwks = Files.readAllBytes(TestTokens.jwksFile());
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext(JWKS_PATH, exchange -> {
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, jwks.length);
                try (OutputStream body = exchange.getResponseBody()) {
                    body.write(jwks);
                }
            });
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String location = "http://127.0.0.1:" + server.getAddress().getPort() + JWKS_PATH;
        // and smallrye-jwt's own copies, which the services' application.properties fill from the same variables
        return Map.of(
                "ops.jwt.public-key-location", location,
                "ops.jwt.issuer", TestTokens.ISSUER,
                "ops.jwt.audiences", TestTokens.AUDIENCE,
                "mp.jwt.verify.publickey.location", location,
                "mp.jwt.verify.issuer", TestTokens.ISSUER,
                "mp.jwt.verify.audiences", TestTokens.AUDIENCE);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
