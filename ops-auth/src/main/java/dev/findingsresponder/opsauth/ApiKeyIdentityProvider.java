package dev.findingsresponder.opsauth;

import java.util.List;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkus.runtime.Startup;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Turns a presented API key into an identity: principal = the key's name, roles = viewer, or viewer and operator.
 * Built at startup so that invalid keys stop the service there (fail closed); {@link OpsAuthStartupCheck} logs an
 * API that neither keys nor JWTs open.
 */
@Singleton
@Startup
public class ApiKeyIdentityProvider implements IdentityProvider<ApiKeyRequest> {

    private static final Logger LOG = Logger.getLogger(ApiKeyIdentityProvider.class);

    private final ApiKeys keys;

    public ApiKeyIdentityProvider(OpsApiConfig config) {
        this.keys = ApiKeys.parse(config.viewerKeys().orElse(List.of()), config.operatorKeys().orElse(List.of()));
        if (!keys.isEmpty()) {
            LOG.infof("operator API keys: viewers %s, operators %s", keys.names(OperatorRoles.VIEWER),
                    keys.names(OperatorRoles.OPERATOR));
        }
    }

    /** Whether any API key is configured. */
    public boolean hasKeys() {
        return !keys.isEmpty();
    }

    @Override
    public Class<ApiKeyRequest> getRequestType() {
        return ApiKeyRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(ApiKeyRequest request, AuthenticationRequestContext context) {
        // a digest comparison: cheap enough for the event loop, no blocking call
        return keys.find(request.key())
                .<Uni<SecurityIdentity>>map(caller -> Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                        .setPrincipal(new QuarkusPrincipal(caller.name()))
                        .addRoles(caller.roles())
                        .build()))
                .orElseGet(() -> Uni.createFrom().failure(new AuthenticationFailedException("unknown API key")));
    }
}
