package dev.findingsresponder.testsupport.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/**
 * A test identity provider: an RSA key pair made once per test JVM, whose public key is published as a JWKS file that
 * the services are configured with ({@link JwtTestResource}), and bearer tokens signed with its private key. The
 * keys live in files named by a system property, so the test class and the Quarkus application (different class
 * loaders) share one pair. Nothing is committed: every run makes a new pair.
 */
public final class TestTokens {

    public static final String ISSUER = "https://idp.findings-responder.test/realms/ops";
    public static final String AUDIENCE = "findings-responder-ops";
    public static final String KEY_ID = "test-signing-key";
    public static final String VIEWER_NAME = "vera.viewer@example.org";
    public static final String OPERATOR_NAME = "otto.operator@example.org";

    private static final String DIRECTORY_PROPERTY = "findings-responder.test-jwt-dir";

    private TestTokens() {
    }

    /** The JWKS file holding the public key (what ops.jwt.public-key-location points at). */
    public static Path jwksFile() {
        return directory().resolve("jwks.json");
    }

    /** A valid token of {@link #VIEWER_NAME} with the role viewer. */
    public static String viewer() {
        return sign(claims(VIEWER_NAME, "viewer"));
    }

    /** A valid token of {@link #OPERATOR_NAME} with the role operator only (viewer is implied by the service). */
    public static String operator() {
        return sign(claims(OPERATOR_NAME, "operator"));
    }

    /** Claims of a valid token for the test issuer and audience, expiring in 5 minutes; change them before signing. */
    public static JwtClaimsBuilder claims(String name, String... roles) {
        return Jwt.issuer(ISSUER).audience(AUDIENCE).subject(name).upn(name).groups(Set.of(roles))
                .expiresIn(Duration.ofMinutes(5));
    }

    /** Signs with the configured key (RS256, kid {@link #KEY_ID}). */
    public static String sign(JwtClaimsBuilder claims) {
        return claims.jws().keyId(KEY_ID).sign(privateKey());
    }

    /** Signs with a fresh key the services do not know, under the same kid. */
    public static String signWithAnotherKey(JwtClaimsBuilder claims) {
        return claims.jws().keyId(KEY_ID).sign(newKeyPair().getPrivate());
    }

    private static PrivateKey privateKey() {
        try {
            byte[] der = Base64.getDecoder().decode(Files.readString(directory().resolve("private.key")).trim());
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static synchronized Path directory() {
        String existing = System.getProperty(DIRECTORY_PROPERTY);
        if (existing != null) {
            return Path.of(existing);
        }
        try {
            Path dir = Files.createTempDirectory("test-jwt");
            dir.toFile().deleteOnExit();
            KeyPair pair = newKeyPair();
            Path privateKey = dir.resolve("private.key");
            Files.writeString(privateKey, Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()));
            Path jwks = dir.resolve("jwks.json");
            Files.writeString(jwks, jwks((RSAPublicKey) pair.getPublic()), StandardCharsets.UTF_8);
            privateKey.toFile().deleteOnExit();
            jwks.toFile().deleteOnExit();
            System.setProperty(DIRECTORY_PROPERTY, dir.toString());
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String jwks(RSAPublicKey key) {
        return "{\"keys\":[{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\"" + KEY_ID + "\",\"n\":\""
                + base64Url(key.getModulus()) + "\",\"e\":\"" + base64Url(key.getPublicExponent()) + "\"}]}";
    }

    private static String base64Url(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length); // unsigned, as JWK wants
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
