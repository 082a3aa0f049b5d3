package dev.findingsresponder.model.decode;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Cheap accessors over a Jackson tree. {@code required*} methods throw {@link DecodeException} with a message
 * naming the JSON path; optional leaf readers are lenient (a number given as a string is read, anything else
 * unusable reads as absent); optional containers ({@link #obj}, {@link #arr}) must have the right type when present.
 */
final class Json {

    private Json() {
    }

    // ---------------------------------------------------------------- required

    static String requiredText(JsonNode obj, String name, JPath at) {
        JsonNode v = obj.get(name);
        if (v == null || v.isNull()) {
            throw missing(at, name);
        }
        if (!v.isTextual()) {
            throw wrongType(at, name, "a string", v);
        }
        String s = v.textValue();
        if (s.isBlank()) {
            throw new DecodeException(RejectReason.MISSING_FIELD, "required field " + at.child(name) + " is empty");
        }
        return s;
    }

    /** A required number; a string holding a number is accepted (some pipelines stringify numbers). */
    static double requiredNumber(JsonNode obj, String name, JPath at) {
        JsonNode v = obj.get(name);
        if (v == null || v.isNull()) {
            throw missing(at, name);
        }
        if (v.isNumber()) {
            return v.doubleValue();
        }
        if (v.isTextual()) {
            Double d = parseDouble(v.textValue());
            if (d != null) {
                return d;
            }
        }
        throw wrongType(at, name, "a number", v);
    }

    static JsonNode requiredObject(JsonNode obj, String name, JPath at) {
        JsonNode v = obj.get(name);
        if (v == null || v.isNull()) {
            throw missing(at, name);
        }
        if (!v.isObject()) {
            throw wrongType(at, name, "an object", v);
        }
        return v;
    }

    static JsonNode requiredArray(JsonNode obj, String name, JPath at) {
        JsonNode v = obj.get(name);
        if (v == null || v.isNull()) {
            throw missing(at, name);
        }
        if (!v.isArray()) {
            throw wrongType(at, name, "an array", v);
        }
        return v;
    }

    static DecodeException missing(JPath at, String name) {
        return new DecodeException(RejectReason.MISSING_FIELD, "missing required field " + at.child(name));
    }

    static DecodeException wrongType(JPath at, String name, String expected, JsonNode got) {
        return new DecodeException(RejectReason.WRONG_TYPE,
                at.child(name) + ": expected " + expected + ", got " + describe(got));
    }

    // ---------------------------------------------------------------- optional containers

    /** The object at {@code name}, {@code null} if absent or JSON null; WRONG_TYPE if present with another type. */
    static JsonNode obj(JsonNode parent, String name, JPath at) {
        if (parent == null) {
            return null;
        }
        JsonNode v = parent.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isObject()) {
            throw wrongType(at, name, "an object", v);
        }
        return v;
    }

    /** The object at {@code name}, {@code null} if absent or not an object (no error). */
    static JsonNode objOrNull(JsonNode parent, String name) {
        if (parent == null) {
            return null;
        }
        JsonNode v = parent.get(name);
        return v != null && v.isObject() ? v : null;
    }

    /** Follows object fields; {@code null} as soon as one is absent or not an object (for the last: not a value). */
    static JsonNode at(JsonNode node, String... names) {
        JsonNode cur = node;
        for (String n : names) {
            if (cur == null || !cur.isObject()) {
                return null;
            }
            cur = cur.get(n);
        }
        return cur == null || cur.isNull() ? null : cur;
    }

    /** The array at {@code name}, {@code null} if absent or JSON null; WRONG_TYPE if present with another type. */
    static JsonNode arr(JsonNode parent, String name, JPath at) {
        if (parent == null) {
            return null;
        }
        JsonNode v = parent.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isArray()) {
            throw wrongType(at, name, "an array", v);
        }
        return v;
    }

    /** The array at {@code name}, {@code null} if absent or not an array (no error). */
    static JsonNode arrOrNull(JsonNode parent, String name) {
        if (parent == null) {
            return null;
        }
        JsonNode v = parent.get(name);
        return v != null && v.isArray() ? v : null;
    }

    // ---------------------------------------------------------------- optional leaves (lenient)

    /** Text of a scalar (numbers and booleans as their text); {@code null} if absent, null, blank or a container. */
    static String text(JsonNode parent, String name) {
        return parent == null ? null : text(parent.get(name));
    }

    static String text(JsonNode v) {
        if (v == null || !v.isValueNode() || v.isNull()) {
            return null;
        }
        String s = v.isTextual() ? v.textValue() : v.asText();
        return s.isBlank() ? null : s;
    }

    static Double number(JsonNode parent, String name) {
        return parent == null ? null : number(parent.get(name));
    }

    static Double number(JsonNode v) {
        if (v == null) {
            return null;
        }
        if (v.isNumber()) {
            return v.doubleValue();
        }
        return v.isTextual() ? parseDouble(v.textValue()) : null;
    }

    static Integer integer(JsonNode parent, String name) {
        Double d = number(parent, name);
        return d == null || d < Integer.MIN_VALUE || d > Integer.MAX_VALUE ? null : (int) d.doubleValue();
    }

    /**
     * A TCP/UDP port: an integer 0-65535, else {@code null}. A port is optional context, so a hostile value such as
     * -1 or 1e9 is dropped rather than the whole finding; later stages then never see an impossible port.
     */
    static Integer port(JsonNode parent, String name) {
        Double d = number(parent, name);
        return d == null || !(d >= 0 && d <= 65535) || d != Math.rint(d) ? null : (int) d.doubleValue();
    }

    static Long longValue(JsonNode v) {
        if (v == null) {
            return null;
        }
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            return v.longValue();
        }
        Double d = number(v);
        return d == null || Double.isInfinite(d) ? null : (long) d.doubleValue();
    }

    /** A boolean, also from the strings "true"/"false" (ASFF ProductFields); {@code null} otherwise. */
    static Boolean bool(JsonNode parent, String name) {
        if (parent == null) {
            return null;
        }
        JsonNode v = parent.get(name);
        if (v == null) {
            return null;
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isTextual()) {
            String s = v.textValue();
            if ("true".equalsIgnoreCase(s)) {
                return Boolean.TRUE;
            }
            if ("false".equalsIgnoreCase(s)) {
                return Boolean.FALSE;
            }
        }
        return null;
    }

    static boolean isTrue(JsonNode parent, String name) {
        return Boolean.TRUE.equals(bool(parent, name));
    }

    /** Texts of the scalar elements of the array at {@code name}; empty list if absent. */
    static List<String> texts(JsonNode parent, String name) {
        JsonNode a = arrOrNull(parent, name);
        if (a == null || a.isEmpty()) {
            return new ArrayList<>(0);
        }
        List<String> out = new ArrayList<>(a.size());
        for (JsonNode e : a) {
            String s = text(e);
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }

    static Double parseDouble(String s) {
        if (s == null || s.isEmpty() || s.length() > 40) {
            return null;
        }
        char c = s.charAt(0);
        if (!(c == '-' || c == '+' || c == '.' || (c >= '0' && c <= '9'))) {
            return null;
        }
        try {
            double d = Double.parseDouble(s.trim());
            return Double.isNaN(d) || Double.isInfinite(d) ? null : d;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Human description of a node for error messages: {@code string "high"}, {@code number 5}, {@code array}. */
    static String describe(JsonNode v) {
        if (v == null || v.isMissingNode()) {
            return "nothing";
        }
        return switch (v.getNodeType()) {
            case STRING -> {
                String s = v.textValue();
                yield "string \"" + (s.length() > 60 ? s.substring(0, 60) + "..." : s) + "\"";
            }
            case NUMBER -> "number " + v.asText();
            case BOOLEAN -> "boolean " + v.asText();
            case NULL -> "null";
            case ARRAY -> "array";
            case OBJECT -> "object";
            default -> v.getNodeType().name().toLowerCase();
        };
    }

    /** Kind of node without its value: {@code array}, {@code string}, ... */
    static String kind(JsonNode v) {
        return v == null ? "nothing" : v.getNodeType().name().toLowerCase();
    }
}
