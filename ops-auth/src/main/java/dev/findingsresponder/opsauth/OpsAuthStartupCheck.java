package dev.findingsresponder.opsauth;

import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkus.runtime.Startup;

/**
 * Checks at startup how the operator API authenticates, and stops the service on a half-configured JWT setup: a key
 * location without an issuer or an audience would accept any token the key signed, for any service. With neither
 * JWTs nor API keys the API is locked (every call answers 401), which is logged.
 */
@Singleton
@Startup
public class OpsAuthStartupCheck {

    private static final Logger LOG = Logger.getLogger(OpsAuthStartupCheck.class);

    public OpsAuthStartupCheck(OpsJwtConfig jwt, ApiKeyIdentityProvider apiKeys) {
        List<String> missing = missingJwtSettings(jwt);
        if (!missing.isEmpty()) {
            throw new IllegalStateException("ops.jwt.public-key-location is set but " + String.join(" and ", missing)
                    + " is not: refusing to accept bearer JWTs of any issuer or audience");
        }
        boolean jwtOn = jwt.publicKeyLocation().isPresent();
        if (jwtOn) {
            LOG.infof("operator API: bearer JWTs of issuer %s for audience %s, roles from claim '%s', keys from %s",
                    jwt.issuer().get(), jwt.audiences().get(), jwt.rolesClaim(), jwt.publicKeyLocation().get());
        }
        if (!jwtOn && !apiKeys.hasKeys()) {
            LOG.warn("operator API is locked: neither ops.jwt.public-key-location (OPS_JWT_*) nor any API key"
                    + " (ops.api.viewer-keys / operator-keys) is configured, so every call to it answers 401");
        }
    }

    /** The settings a JWT setup lacks: none when JWTs are off or fully configured. */
    static List<String> missingJwtSettings(OpsJwtConfig jwt) {
        List<String> missing = new ArrayList<>();
        if (jwt.publicKeyLocation().filter(s -> !s.isBlank()).isEmpty()) {
            return missing;
        }
        if (jwt.issuer().filter(s -> !s.isBlank()).isEmpty()) {
            missing.add("ops.jwt.issuer (OPS_JWT_ISSUER)");
        }
        if (jwt.audiences().filter(a -> a.stream().anyMatch(s -> !s.isBlank())).isEmpty()) {
            missing.add("ops.jwt.audiences (OPS_JWT_AUDIENCES)");
        }
        return missing;
    }
}
