package dev.findingsresponder.opsauth;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Bearer JWTs of the organization's identity provider (OIDC) for the operator API. Each service copies these into
 * smallrye-jwt's {@code mp.jwt.verify.*} properties in its application.properties. Without a key location no JWT is
 * accepted; with one, the issuer and the audience must be configured too ({@link OpsAuthStartupCheck}).
 */
@ConfigMapping(prefix = "ops.jwt")
public interface OpsJwtConfig {

    /** Where the issuer's signing keys are: a JWKS URL (https://idp/.../jwks) or a PEM / JWKS file (OPS_JWT_PUBLIC_KEY_LOCATION). */
    Optional<String> publicKeyLocation();

    /** The exact {@code iss} a token must carry (OPS_JWT_ISSUER). */
    Optional<String> issuer();

    /** Accepted {@code aud} values, comma-separated; a token must name one of them (OPS_JWT_AUDIENCES). */
    Optional<List<String>> audiences();

    /** The claim holding the caller's roles ({@code viewer}, {@code operator}), a path such as {@code realm_access/roles} for nested claims (OPS_JWT_ROLES_CLAIM). */
    @WithDefault("groups")
    String rolesClaim();
}
