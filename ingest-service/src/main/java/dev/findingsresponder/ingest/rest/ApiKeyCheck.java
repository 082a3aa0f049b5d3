package dev.findingsresponder.ingest.rest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import dev.findingsresponder.ingest.config.IngestConfig;
import io.vertx.core.http.HttpServerRequest;

/**
 * The API key check of the ingest endpoints ({@code POST /events}, {@code POST /drills}): the key of the
 * EventBridge connection in a header, compared in constant time. No key configured refuses everything (fail
 * closed rather than accept anonymous input).
 */
@ApplicationScoped
public class ApiKeyCheck {

    private final IngestConfig.Http config;

    public ApiKeyCheck(IngestConfig config) {
        this.config = config.http();
    }

    /** Whether the request carries the configured key. */
    public boolean authorized(HttpServerRequest request) {
        String presented = request.getHeader(config.apiKeyHeader());
        if (config.apiKey().isEmpty() || config.apiKey().get().isBlank() || presented == null) {
            return false;
        }
        return MessageDigest.isEqual(config.apiKey().get().getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8));
    }

    /** 401 naming the header the key is expected in. */
    public Response unauthorized() {
        return Response.status(Response.Status.UNAUTHORIZED)
                .entity(Map.of("error", "missing or invalid API key in header " + config.apiKeyHeader()))
                .build();
    }
}
