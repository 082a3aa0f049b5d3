package dev.findingsresponder.opsauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class OpsAuthStartupCheckTest {

    private record Jwt(Optional<String> publicKeyLocation, Optional<String> issuer, Optional<List<String>> audiences,
            String rolesClaim) implements OpsJwtConfig {
    }

    @Test
    void withoutAKeyLocationJwtsAreOffAndNothingIsMissing() {
        assertThat(OpsAuthStartupCheck.missingJwtSettings(
                new Jwt(Optional.empty(), Optional.empty(), Optional.empty(), "groups"))).isEmpty();
    }

    @Test
    void aKeyLocationNeedsAnIssuerAndAnAudience() {
        assertThat(OpsAuthStartupCheck.missingJwtSettings(new Jwt(Optional.of("https://idp/jwks"), Optional.empty(),
                Optional.of(List.of(" ")), "groups")))
                .containsExactly("ops.jwt.issuer (OPS_JWT_ISSUER)", "ops.jwt.audiences (OPS_JWT_AUDIENCES)");
        assertThat(OpsAuthStartupCheck.missingJwtSettings(new Jwt(Optional.of("https://idp/jwks"),
                Optional.of("https://idp"), Optional.empty(), "groups")))
                .containsExactly("ops.jwt.audiences (OPS_JWT_AUDIENCES)");
        assertThat(OpsAuthStartupCheck.missingJwtSettings(new Jwt(Optional.of("https://idp/jwks"),
                Optional.of("https://idp"), Optional.of(List.of("ops-api")), "groups"))).isEmpty();
    }
}
