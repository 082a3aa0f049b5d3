package dev.findingsresponder.triage.policy;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Optional;

/**
 * A finding-type glob such as {@code UnauthorizedAccess:EC2/*}: {@code *} matches any run of characters
 * (including none), {@code ?} exactly one; everything else matches itself, ignoring case. Compiled once
 * into lower-cased parts; matching a pre-lowered type allocates nothing. Serializes as the glob text.
 */
public final class TypeGlob {

    /** Characters people write expecting regex or brace syntax; refused so a glob never silently never matches. */
    private static final String FORBIDDEN = "[]{}\\|^$";

    private final String text;
    private final boolean hasStar;
    // The glob split at '*', lower-cased: prefix (before the first star), middle parts, suffix (after the last)
    private final char[][] parts;
    private final int minLength;

    private TypeGlob(String text) {
        this.text = text;
        String[] split = text.split("\\*", -1);
        this.hasStar = split.length > 1;
        this.parts = new char[split.length][];
        int length = 0;
        for (int i = 0; i < split.length; i++) {
            parts[i] = new char[split[i].length()];
            for (int j = 0; j < parts[i].length; j++) {
                parts[i][j] = lower(split[i].charAt(j));
            }
            length += parts[i].length;
        }
        this.minLength = length;
    }

    /** Why {@code text} is not a valid glob, or empty when it is. */
    public static Optional<String> problem(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.of("invalid type glob '' in type: a glob must not be empty");
        }
        if (!text.equals(text.strip())) {
            return Optional.of("invalid type glob '" + text + "' in type: leading or trailing whitespace");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) || FORBIDDEN.indexOf(c) >= 0) {
                return Optional.of("invalid type glob '" + text + "' in type: character '" + printable(c)
                        + "' is not allowed (only * and ? are wildcards)");
            }
            if (c > '~') {
                // a zero-width space, a no-break space or a fullwidth letter looks right and never matches
                return Optional.of("invalid type glob '" + printableText(text) + "' in type: character "
                        + String.format("U+%04X", (int) c) + " is not printable ASCII, as AWS finding types are"
                        + " (use ? for a character you cannot type)");
            }
        }
        return Optional.empty();
    }

    /** Compiles a glob; throws {@link IllegalArgumentException} with {@link #problem} when it is invalid. */
    public static TypeGlob compile(String text) {
        problem(text).ifPresent(p -> {
            throw new IllegalArgumentException(p);
        });
        return new TypeGlob(text);
    }

    public boolean matches(String type) {
        return type != null && matchesLowered(lowered(type));
    }

    /**
     * Matches a type already lower-cased with {@link #lowered} (done once per finding, not once per glob).
     * Anchors the prefix and suffix, then places each middle part at its leftmost fit: every part has a
     * fixed length ('?' is one character), so the leftmost fit never loses a match.
     */
    boolean matchesLowered(char[] type) {
        int n = type.length;
        if (!hasStar) {
            return n == minLength && partAt(type, 0, parts[0]);
        }
        char[] prefix = parts[0];
        char[] suffix = parts[parts.length - 1];
        if (n < minLength || !partAt(type, 0, prefix) || !partAt(type, n - suffix.length, suffix)) {
            return false;
        }
        int from = prefix.length;
        int end = n - suffix.length;
        for (int i = 1; i < parts.length - 1; i++) {
            char[] part = parts[i];
            int at = from;
            while (at + part.length <= end && !partAt(type, at, part)) {
                at++;
            }
            if (at + part.length > end) {
                return false;
            }
            from = at + part.length;
        }
        return true;
    }

    private static boolean partAt(char[] type, int offset, char[] part) {
        for (int i = 0; i < part.length; i++) {
            if (part[i] != type[offset + i] && part[i] != '?') {
                return false;
            }
        }
        return true;
    }

    /** The characters of {@code text}, lower-cased the way globs compare them. */
    static char[] lowered(String text) {
        char[] chars = new char[text.length()];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = lower(text.charAt(i));
        }
        return chars;
    }

    private static char lower(char c) {
        if (c < 128) {
            return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
        }
        return Character.toLowerCase(c);
    }

    private static String printableText(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.chars().forEach(c -> out.append(c > '~' || c < ' ' ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return out.toString();
    }

    private static String printable(char c) {
        return Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }

    @JsonValue
    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TypeGlob g && g.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }
}
