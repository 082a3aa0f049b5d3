package dev.findingsresponder.opsauth;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/**
 * Who may call a service's operator API (the endpoints annotated with {@link OperatorRoles}). Keys come from the environment
 * (a Kubernetes Secret), never from a file in the image. With no key at all every protected call answers 401.
 */
@ConfigMapping(prefix = "ops.api")
public interface OpsApiConfig {

    /** Keys that may read (GET), comma-separated, each {@code key} or {@code name:key}, 16+ characters (each service maps it to its own variable, e.g. RESPONSE_API_VIEWER_KEYS). */
    Optional<List<String>> viewerKeys();

    /** Keys that may also decide and change (approve, reject, ...), same form; operator implies viewer (e.g. RESPONSE_API_OPERATOR_KEYS). */
    Optional<List<String>> operatorKeys();
}
