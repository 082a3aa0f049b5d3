package dev.findingsresponder.triage.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.time.Duration;
import java.util.Map;

/**
 * One action of a playbook, validated against {@link dev.findingsresponder.model.action.ActionCatalog}.
 *
 * @param action action name ({@code nacl-deny})
 * @param params parameters as written (strings, numbers, booleans, maps), never {@code null}
 * @param ttl    how long a block lasts; set for blocking actions only (JSON: ISO-8601, e.g. {@code PT24H})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ActionStep(String action, Map<String, Object> params,
                         @JsonSerialize(using = ToStringSerializer.class) Duration ttl) {

    public ActionStep {
        params = params == null ? Map.of() : params;
    }
}
