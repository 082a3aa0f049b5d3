package dev.findingsresponder.model.action;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The specification of one action parameter. Build with {@link #required} / {@link #optional} and the
 * {@code with...} methods.
 *
 * @param name          parameter key as written in a policy ({@code ip-set-v4})
 * @param type          value type
 * @param required      whether the parameter must be given
 * @param allowedValues for {@link ParamType#ENUM}: the accepted values, exactly as written; else empty
 * @param min           for {@link ParamType#INT}: lowest accepted value, {@code null} for none
 * @param max           for {@link ParamType#INT}: highest accepted value, {@code null} for none
 * @param format        for string-like types: a pattern the whole value must match, {@code null} for none
 * @param placeholders  for {@link ParamType#STRING_MAP} and {@link ParamType#STRING}: the {@code {{...}}}
 *                      placeholders a value may use; when empty, placeholders are not checked
 * @param defaultValue  the value used when the parameter is absent, {@code null} for none (documentation and
 *                      {@link ActionSchema#withDefaults})
 * @param description   what the parameter does, for people
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ParamSpec(
        String name,
        ParamType type,
        boolean required,
        List<String> allowedValues,
        Integer min,
        Integer max,
        Format format,
        List<String> placeholders,
        String defaultValue,
        String description) {

    public ParamSpec {
        allowedValues = allowedValues == null ? List.of() : List.copyOf(allowedValues);
        placeholders = placeholders == null ? List.of() : List.copyOf(placeholders);
    }

    /**
     * A pattern a string value must match as a whole.
     *
     * @param regex    Java regular expression
     * @param expected what a matching value looks like, for error messages ("an SNS topic ARN (arn:aws:sns:...)")
     */
    public record Format(String regex, String expected) {
    }

    public static ParamSpec required(String name, ParamType type, String description) {
        return new ParamSpec(name, type, true, null, null, null, null, null, null, description);
    }

    public static ParamSpec optional(String name, ParamType type, String description) {
        return new ParamSpec(name, type, false, null, null, null, null, null, null, description);
    }

    public ParamSpec withAllowedValues(String... values) {
        return new ParamSpec(name, type, required, List.of(values), min, max, format, placeholders, defaultValue,
                description);
    }

    public ParamSpec withRange(int lowest, int highest) {
        return new ParamSpec(name, type, required, allowedValues, lowest, highest, format, placeholders,
                defaultValue, description);
    }

    public ParamSpec withFormat(String regex, String expected) {
        return new ParamSpec(name, type, required, allowedValues, min, max, new Format(regex, expected),
                placeholders, defaultValue, description);
    }

    public ParamSpec withPlaceholders(List<String> names) {
        return new ParamSpec(name, type, required, allowedValues, min, max, format, names, defaultValue,
                description);
    }

    public ParamSpec withDefault(String value) {
        return new ParamSpec(name, type, required, allowedValues, min, max, format, placeholders, value,
                description);
    }
}
