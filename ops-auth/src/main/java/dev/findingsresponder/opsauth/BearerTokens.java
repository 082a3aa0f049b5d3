package dev.findingsresponder.opsauth;

import java.util.regex.Pattern;

/**
 * Tells a JWT from an API key, both sent as {@code Authorization: Bearer}: a JWT is three base64url segments whose
 * first (the header, a JSON object) starts with {@code eyJ}. API keys of that shape are refused at startup
 * ({@link ApiKeys}), so each token has exactly one mechanism that judges it.
 */
public final class BearerTokens {

    private static final Pattern JWS_COMPACT = Pattern.compile("eyJ[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]*");

    private BearerTokens() {
    }

    /** Whether {@code token} has the shape of a signed JWT (JWS compact serialization). */
    public static boolean looksLikeJwt(String token) {
        return token != null && JWS_COMPACT.matcher(token).matches();
    }
}
