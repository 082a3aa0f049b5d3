package dev.findingsresponder.model.action;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks one parameter value against its {@link ParamSpec}; every message names the action and parameter. */
final class ParamChecker {

    private static final Pattern ARN = Pattern.compile(
            "arn:aws(-[a-z]+)*:[a-z0-9-]+:[a-z0-9-]*:(\\d{12}|aws)?:\\S+");
    private static final String ARN_EXPECTED = "an ARN (arn:<partition>:<service>:<region>:<account>:<resource>)";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(.*?)}}");

    private final String action;
    private final ParamSpec spec;

    ParamChecker(String action, ParamSpec spec) {
        this.action = action;
        this.spec = spec;
    }

    /** Every problem with the value; empty when it is valid. */
    List<ParamViolation> check(Object value) {
        return switch (spec.type()) {
            case STRING_MAP -> checkMap(value);
            default -> whole(checkValue(value));
        };
    }

    private List<String> checkValue(Object value) {
        return switch (spec.type()) {
            case STRING -> asString(value).map(this::checkText).orElseGet(() -> wrongType("a string", value));
            case ARN -> asString(value).map(this::checkArn).orElseGet(() -> wrongType(ARN_EXPECTED, value));
            case INT -> checkInt(value);
            case BOOLEAN -> value instanceof Boolean ? List.of() : wrongType("true or false", value);
            case DURATION -> checkDuration(value);
            case ENUM -> checkEnum(value);
            case STRING_MAP -> throw new IllegalArgumentException("a map is checked entry by entry");
        };
    }

    private List<ParamViolation> whole(List<String> messages) {
        return messages.stream().map(message -> new ParamViolation(spec.name(), message)).toList();
    }

    private Optional<String> asString(Object value) {
        return value instanceof String s ? Optional.of(s) : Optional.empty();
    }

    private List<String> checkText(String text) {
        if (text.isBlank()) {
            return List.of(prefix() + " must not be empty");
        }
        List<String> errors = new ArrayList<>();
        if (spec.format() != null && !text.matches(spec.format().regex())) {
            errors.add(prefix() + " must be " + spec.format().expected() + " (got '" + text + "')");
        }
        errors.addAll(checkPlaceholders(text, ""));
        return errors;
    }

    private List<String> checkArn(String text) {
        if (!ARN.matcher(text).matches()) {
            return List.of(prefix() + " must be " + ARN_EXPECTED + " (got '" + text + "')");
        }
        if (spec.format() != null && !text.matches(spec.format().regex())) {
            return List.of(prefix() + " must be " + spec.format().expected() + " (got '" + text + "')");
        }
        return List.of();
    }

    private List<String> checkInt(Object value) {
        if (!(value instanceof Integer || value instanceof Long || value instanceof Short
                || value instanceof BigInteger)) {
            return wrongType("an integer", value);
        }
        BigInteger n = new BigInteger(value.toString());
        boolean tooLow = spec.min() != null && n.compareTo(BigInteger.valueOf(spec.min())) < 0;
        boolean tooHigh = spec.max() != null && n.compareTo(BigInteger.valueOf(spec.max())) > 0;
        if (tooLow || tooHigh) {
            return List.of(prefix() + " must be " + rangeText() + " (got " + n + ")");
        }
        return List.of();
    }

    private String rangeText() {
        if (spec.min() != null && spec.max() != null) {
            return "between " + spec.min() + " and " + spec.max();
        }
        return spec.min() != null ? "at least " + spec.min() : "at most " + spec.max();
    }

    private List<String> checkDuration(Object value) {
        if (value instanceof Duration || value instanceof String s && Durations.parse(s).isPresent()) {
            return List.of();
        }
        return wrongType(Durations.EXPECTED, value);
    }

    private List<String> checkEnum(Object value) {
        if (value instanceof String s && spec.allowedValues().contains(s)) {
            return List.of();
        }
        return List.of(prefix() + " must be one of: " + String.join(", ", spec.allowedValues())
                + " (got " + describe(value) + ")");
    }

    /** Problems of a map parameter, each naming the entry it is about (so a file can point at that entry). */
    private List<ParamViolation> checkMap(Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            return whole(wrongType("a map of names to values", value));
        }
        List<ParamViolation> errors = new ArrayList<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String entry = e.getKey() == null ? null : e.getKey().toString();
            if (!(e.getKey() instanceof String key) || key.isBlank()) {
                errors.add(new ParamViolation(spec.name(), entry, prefix() + " has a key that is not a name: "
                        + describe(e.getKey())));
                continue;
            }
            Object v = e.getValue();
            if (v instanceof String s) {
                checkPlaceholders(s, " value of '" + key + "'")
                        .forEach(message -> errors.add(new ParamViolation(spec.name(), key, message)));
            } else if (!(v instanceof Number || v instanceof Boolean)) {
                errors.add(new ParamViolation(spec.name(), key, prefix() + " value of '" + key
                        + "' must be a string, number or boolean (got " + describe(v) + ")"));
            }
        }
        return errors;
    }

    private List<String> checkPlaceholders(String text, String where) {
        if (spec.placeholders().isEmpty()) {
            return List.of();
        }
        List<String> errors = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            if (!spec.placeholders().contains(m.group(1))) {
                errors.add(prefix() + where + " uses unknown placeholder '" + m.group() + "' (known: "
                        + String.join(", ", spec.placeholders().stream().map(p -> "{{" + p + "}}").toList()) + ")");
            }
        }
        if (PLACEHOLDER.matcher(text).replaceAll("").contains("{{")) {
            errors.add(prefix() + where + " has an unterminated placeholder (expected {{name}}): '" + text + "'");
        }
        return errors;
    }

    private List<String> wrongType(String expected, Object value) {
        return List.of(prefix() + " must be " + expected + " (got " + describe(value) + ")");
    }

    private String prefix() {
        return "action " + action + ": parameter '" + spec.name() + "'";
    }

    static String describe(Object value) {
        if (value == null) {
            return "nothing";
        }
        if (value instanceof String s) {
            return "'" + s + "'";
        }
        if (value instanceof Map<?, ?>) {
            return "a map";
        }
        if (value instanceof List<?>) {
            return "a list";
        }
        if (value instanceof Boolean) {
            return "boolean " + value;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof BigInteger) {
            return "integer " + value;
        }
        if (value instanceof Number) {
            return "number " + value;
        }
        return value.getClass().getSimpleName();
    }
}
