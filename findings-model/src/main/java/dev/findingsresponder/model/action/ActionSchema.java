package dev.findingsresponder.model.action;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a response action accepts. Triage validates a policy's actions against it when the policy loads;
 * the response-service plug-ins validate every request again before executing it.
 *
 * @param name        action name as written in a policy ({@code nacl-deny})
 * @param description what the action does, for people
 * @param blocking    the action blocks an address until a TTL expires: it needs a {@code ttl}, others take none
 * @param params      the parameters, in documentation order
 */
public record ActionSchema(String name, String description, boolean blocking, List<ParamSpec> params) {

    /** The longest block a policy may ask for. */
    public static final Duration MAX_TTL = Duration.ofDays(90);

    public ActionSchema {
        params = List.copyOf(params);
    }

    public Optional<ParamSpec> param(String paramName) {
        return params.stream().filter(p -> p.name().equals(paramName)).findFirst();
    }

    /** Every problem with the parameters, one message each; empty when they are valid. Never throws. */
    public List<String> validate(Map<String, Object> values) {
        return violations(values).stream().map(ParamViolation::message).toList();
    }

    /** Like {@link #validate}, with the parameter each problem is about (to locate it in a file). */
    public List<ParamViolation> violations(Map<String, Object> values) {
        Map<String, Object> given = values == null ? Map.of() : values;
        List<ParamViolation> problems = new ArrayList<>();
        for (Map.Entry<String, Object> e : given.entrySet()) {
            Optional<ParamSpec> spec = param(e.getKey());
            if (spec.isEmpty()) {
                problems.add(new ParamViolation(e.getKey(), "unknown parameter '" + e.getKey() + "' for action "
                        + name + " (known: " + String.join(", ", params.stream().map(ParamSpec::name).toList()) + ")"));
            } else {
                problems.addAll(new ParamChecker(name, spec.get()).check(e.getValue()));
            }
        }
        for (ParamSpec spec : params) {
            if (spec.required() && !given.containsKey(spec.name())) {
                problems.add(new ParamViolation(spec.name(),
                        "action " + name + ": missing required parameter '" + spec.name() + "'"));
            }
        }
        return problems;
    }

    /** The problem with a TTL for this action, if any: blocking actions need one of at most {@link #MAX_TTL}. */
    public Optional<String> checkTtl(Duration ttl) {
        if (ttl == null) {
            return blocking
                    ? Optional.of("action " + name + " needs a ttl (it is a blocking action)")
                    : Optional.empty();
        }
        if (!blocking) {
            return Optional.of("action " + name + " takes no ttl (it is not a blocking action)");
        }
        if (ttl.isNegative() || ttl.isZero()) {
            return Optional.of("ttl of action " + name + " must be positive (got " + Durations.format(ttl) + ")");
        }
        if (ttl.compareTo(MAX_TTL) > 0) {
            return Optional.of("ttl of action " + name + " must be at most " + Durations.format(MAX_TTL)
                    + " (got " + Durations.format(ttl) + ")");
        }
        return Optional.empty();
    }

    /** The values with each absent parameter that has a default filled in. */
    public Map<String, Object> withDefaults(Map<String, Object> values) {
        Map<String, Object> result = new LinkedHashMap<>(values == null ? Map.of() : values);
        for (ParamSpec spec : params) {
            if (spec.defaultValue() != null) {
                result.putIfAbsent(spec.name(), spec.defaultValue());
            }
        }
        return result;
    }
}
