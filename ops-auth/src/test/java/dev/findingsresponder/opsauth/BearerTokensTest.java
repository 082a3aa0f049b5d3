package dev.findingsresponder.opsauth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BearerTokensTest {

    @Test
    void signedJwtsAreRecognised() {
        assertThat(BearerTokens.looksLikeJwt("eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.eyJzdWIiOiJhbGljZSJ9.c2ln-_bmF0")).isTrue();
        assertThat(BearerTokens.looksLikeJwt("eyJhbGciOiJub25lIn0.eyJzdWIiOiJhbGljZSJ9.")).as("unsigned: still a JWT, so"
                + " smallrye-jwt refuses it rather than the key list").isTrue();
    }

    @Test
    void apiKeysAndOtherTextAreNot() {
        assertThat(BearerTokens.looksLikeJwt("3f9a1c0e5b7d2a4c6e8f0a1b3c5d7e9f")).isFalse();
        assertThat(BearerTokens.looksLikeJwt("operator-key-for-tests-0001")).isFalse();
        assertThat(BearerTokens.looksLikeJwt("eyJhbGciOiJSUzI1NiJ9.only-two")).isFalse();
        assertThat(BearerTokens.looksLikeJwt("abc.def.ghi")).as("no JSON header").isFalse();
        assertThat(BearerTokens.looksLikeJwt("eyJ.a.b c")).isFalse();
        assertThat(BearerTokens.looksLikeJwt(null)).isFalse();
    }
}
