package dev.findingsresponder.opsauth;

import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Reads the operator API key from {@code Authorization: Bearer <key>} or, failing that, {@code x-api-key: <key>}
 * and hands it to {@link ApiKeyIdentityProvider}. No key: anonymous, so a protected endpoint answers 401 with
 * {@code WWW-Authenticate: Bearer realm="<service name>"}; an unknown key: 401 as well. A bearer token shaped like a
 * JWT is left to smallrye-jwt's mechanism, which runs after this one (lower priority) and verifies it against
 * {@link OpsJwtConfig}. Authentication is not
 * proactive ({@code quarkus.http.auth.proactive=false}): it runs only for endpoints that need a role, so
 * {@code /q/health} and {@code /q/metrics} stay open whatever headers a probe or scraper sends.
 */
@ApplicationScoped
public class ApiKeyAuthMechanism implements HttpAuthenticationMechanism {

    /** The alternative header for clients that cannot set Authorization. */
    public static final String API_KEY_HEADER = "x-api-key";

    private static final String BEARER = "Bearer ";

    private final String challenge;

    public ApiKeyAuthMechanism(@ConfigProperty(name = "quarkus.application.name") String service) {
        this.challenge = "Bearer realm=\"" + service + "\"";
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        Optional<String> key = presentedKey(context.request());
        if (key.isEmpty() || BearerTokens.looksLikeJwt(key.get())) {
            return Uni.createFrom().optional(Optional.empty());
        }
        return identityProviderManager.authenticate(
                HttpSecurityUtils.setRoutingContextAttribute(new ApiKeyRequest(key.get()), context));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(HttpResponseStatus.UNAUTHORIZED.code(),
                HttpHeaderNames.WWW_AUTHENTICATE, challenge));
    }

    /** Before smallrye-jwt's mechanism (default priority), so that an API key never reaches the JWT parser. */
    @Override
    public int getPriority() {
        return DEFAULT_PRIORITY + 100;
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(ApiKeyRequest.class);
    }

    /** The bearer token (scheme case-insensitive), else the x-api-key header; empty when neither holds a key. */
    static Optional<String> presentedKey(HttpServerRequest request) {
        String authorization = request.getHeader(HttpHeaderNames.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            String token = authorization.substring(BEARER.length()).trim();
            if (!token.isEmpty()) {
                return Optional.of(token);
            }
        }
        String header = request.getHeader(API_KEY_HEADER);
        return header == null || header.isBlank() ? Optional.empty() : Optional.of(header.trim());
    }
}
