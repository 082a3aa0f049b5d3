package dev.findingsresponder.opsauth;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** An API key presented by a caller, on its way from {@link ApiKeyAuthMechanism} to {@link ApiKeyIdentityProvider}. */
public final class ApiKeyRequest extends BaseAuthenticationRequest {

    private final String key;

    public ApiKeyRequest(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    @Override
    public String toString() {
        return "ApiKeyRequest[key=***]";
    }
}
