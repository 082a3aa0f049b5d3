package dev.findingsresponder.response.config;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/**
 * Who may call the operator API (/approvals and the other operator endpoints). Keys come from the environment
 * (a Kubernetes Secret), never from a file in the image. With no key at all every protected call answers 401.
 */
@ConfigMapping(prefix = "response.api")
public interface OperatorApiConfig {

    /** Keys that may read (GET), comma-separated, each {@code key} or {@code name:key}, 16+ characters (RESPONSE_API_VIEWER_KEYS). */
    Optional<List<String>> viewerKeys();

    /** Keys that may also decide and change (approve, reject, ...), same form; operator implies viewer (RESPONSE_API_OPERATOR_KEYS). */
    Optional<List<String>> operatorKeys();
}
