package dev.findingsresponder.model.decode;

/** ARN field access without regex: {@code arn:partition:service:region:account:resource}. */
final class Arns {

    private Arns() {
    }

    static String partition(String arn) {
        return field(arn, 1);
    }

    static String region(String arn) {
        return field(arn, 3);
    }

    static String account(String arn) {
        return field(arn, 4);
    }

    /** The text after the last occurrence of {@code marker}, e.g. {@code after(arn, "/finding/")}. */
    static String after(String s, String marker) {
        if (s == null) {
            return null;
        }
        int i = s.lastIndexOf(marker);
        if (i < 0 || i + marker.length() >= s.length()) {
            return null;
        }
        return s.substring(i + marker.length());
    }

    /** Field {@code n} (0-based) of a colon-separated ARN, {@code null} if absent or empty. */
    static String field(String arn, int n) {
        if (arn == null || !arn.startsWith("arn:")) {
            return null;
        }
        int start = 0;
        for (int i = 0; i < n; i++) {
            start = arn.indexOf(':', start);
            if (start < 0) {
                return null;
            }
            start++;
        }
        int end = arn.indexOf(':', start);
        if (end < 0) {
            return null;
        }
        return end > start ? arn.substring(start, end) : null;
    }

    static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }
}
