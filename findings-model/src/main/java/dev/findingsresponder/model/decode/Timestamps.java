package dev.findingsresponder.model.decode;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * Lenient timestamp reading. Timestamps are never a reason to reject a finding: anything unreadable is
 * {@code null}. The hot path is a hand-written ISO-8601 reader (no regex, no formatter); the documented
 * oddities seen in published samples go through a few fallback formats.
 *
 * <p>Accepted: ISO-8601 with {@code Z}, an offset or no zone (UTC assumed), {@code T} or a space between
 * date and time, any fraction length ("2025-02-25 20:40:06.000000000"); epoch seconds or milliseconds as
 * numbers; "Dec 3, 2021, 6:02:30 PM" (UTC assumed); "Wed Sep 04 16:59:44.356 UTC 2024"; RFC 1123; a
 * Python datetime serialized as {@code {"__class__": "datetime", "year": ...}} (UTC assumed).
 */
final class Timestamps {

    private static final List<DateTimeFormatter> LOCAL_FALLBACKS = List.of(
            formatter("MMM d, yyyy, h:mm:ss a"),
            formatter("MMM d, yyyy h:mm:ss a"));
    private static final List<DateTimeFormatter> ZONED_FALLBACKS = List.of(
            formatter("EEE MMM dd HH:mm:ss.SSS zzz yyyy"),
            formatter("EEE MMM dd HH:mm:ss zzz yyyy"),
            DateTimeFormatter.RFC_1123_DATE_TIME);

    private Timestamps() {
    }

    private static DateTimeFormatter formatter(String pattern) {
        return new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(pattern)
                .toFormatter(Locale.ENGLISH);
    }

    static Instant read(JsonNode parent, String name) {
        return parent == null ? null : read(parent.get(name));
    }

    static Instant read(JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isTextual()) {
            return parse(v.textValue());
        }
        if (v.isNumber()) {
            return fromEpoch(v.doubleValue());
        }
        if (v.isObject() && v.has("year")) {
            return fromFields(v);
        }
        return null;
    }

    static Instant parse(String s) {
        if (s == null) {
            return null;
        }
        Instant iso = iso(s);
        return iso != null ? iso : fallback(s.trim());
    }

    private static Instant fromEpoch(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d) || d <= 0) {
            return null;
        }
        double seconds = Math.abs(d) >= 1e11 ? d / 1000.0 : d;
        if (seconds > 1e11) {
            return null;
        }
        long whole = (long) Math.floor(seconds);
        long nanos = Math.round((seconds - whole) * 1_000_000) * 1000L;
        return Instant.ofEpochSecond(whole, Math.min(nanos, 999_999_999L));
    }

    private static Instant fromFields(JsonNode v) {
        Integer y = Json.integer(v, "year");
        Integer mo = Json.integer(v, "month");
        Integer d = Json.integer(v, "day");
        if (y == null || mo == null || d == null) {
            return null;
        }
        try {
            return LocalDateTime.of(y, mo, d, orZero(Json.integer(v, "hour")), orZero(Json.integer(v, "minute")),
                    orZero(Json.integer(v, "second")), orZero(Json.integer(v, "microsecond")) * 1000)
                    .toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static int orZero(Integer i) {
        return i == null ? 0 : i;
    }

    /** Hand-written ISO-8601 reader; {@code null} when {@code s} is not in that shape. */
    static Instant iso(String s) {
        int n = s.length();
        if (n < 16 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(13) != ':') {
            return null;
        }
        char sep = s.charAt(10);
        if (sep != 'T' && sep != 't' && sep != ' ') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        if ((year | month | day | hour | minute) < 0 || hour > 23 || minute > 59) {
            return null;
        }
        int pos = 16;
        int second = 0;
        long nano = 0;
        if (pos < n && s.charAt(pos) == ':') {
            second = digits(s, pos + 1, 2);
            if (second < 0 || second > 60) {
                return null;
            }
            pos += 3;
            if (pos < n && (s.charAt(pos) == '.' || s.charAt(pos) == ',')) {
                pos++;
                int count = 0;
                while (pos < n && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
                    if (count < 9) {
                        nano = nano * 10 + (s.charAt(pos) - '0');
                    }
                    count++;
                    pos++;
                }
                if (count == 0) {
                    return null;
                }
                for (int i = count; i < 9; i++) {
                    nano *= 10;
                }
            }
        }
        int offsetSeconds = 0;
        if (pos < n) {
            char c = s.charAt(pos);
            if ((c == 'Z' || c == 'z') && pos == n - 1) {
                offsetSeconds = 0;
            } else if (c == '+' || c == '-') {
                int oh = digits(s, pos + 1, 2);
                int om = 0;
                int rest = n - (pos + 3);
                if (rest == 3 && s.charAt(pos + 3) == ':') {
                    om = digits(s, pos + 4, 2);
                } else if (rest == 2) {
                    om = digits(s, pos + 3, 2);
                } else if (rest != 0) {
                    return null;
                }
                if (oh < 0 || om < 0 || oh > 18 || om > 59) {
                    return null;
                }
                offsetSeconds = (oh * 3600 + om * 60) * (c == '-' ? -1 : 1);
            } else if (!s.regionMatches(true, pos, " UTC", 0, 4) || n != pos + 4) {
                return null;
            }
        }
        try {
            long epochDay = LocalDate.of(year, month, day).toEpochDay();
            long secs = epochDay * 86_400L + hour * 3600L + minute * 60L + Math.min(second, 59) - offsetSeconds;
            return Instant.ofEpochSecond(secs, nano);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static int digits(String s, int from, int len) {
        if (from + len > s.length()) {
            return -1;
        }
        int v = 0;
        for (int i = from; i < from + len; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static Instant fallback(String s) {
        if (s.isEmpty() || s.length() > 64) {
            return null;
        }
        char c = s.charAt(0);
        if (c >= '0' && c <= '9') {
            Double d = Json.parseDouble(s);
            return d == null ? null : fromEpoch(d);
        }
        for (DateTimeFormatter f : LOCAL_FALLBACKS) {
            try {
                return LocalDateTime.parse(s, f).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                // try the next format
            }
        }
        for (DateTimeFormatter f : ZONED_FALLBACKS) {
            try {
                return ZonedDateTime.parse(s, f).toInstant();
            } catch (DateTimeParseException e) {
                // try the next format
            }
        }
        return null;
    }
}
