package dev.findingsresponder.model;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;

/**
 * Instants as ISO-8601 UTC text, exactly as {@link java.time.format.DateTimeFormatter#ISO_INSTANT} writes and
 * reads them (what {@code JavaTimeModule} does with dates as text), without the formatter's cost in the common
 * case: {@code yyyy-MM-ddTHH:mm:ss[.fraction]Z} in years 0000-9999 is written and read by hand, anything else
 * (other years, leap seconds, offsets, numbers, bad input) goes to the {@code JavaTimeModule} code as before.
 * The formatter was about a tenth of the ingest + triage CPU cost (BENCHMARKS.md).
 */
final class InstantCodec {

    /** 0000-01-01T00:00:00Z and 10000-01-01T00:00:00Z in epoch seconds: the years written with four digits. */
    private static final long MIN_SECOND = -62_167_219_200L;
    private static final long END_SECOND = 253_402_300_800L;

    private InstantCodec() {
    }

    static SimpleModule module() {
        return new SimpleModule("instant-codec")
                .addSerializer(Instant.class, new Writer())
                .addDeserializer(Instant.class, new Reader(InstantDeserializer.INSTANT));
    }

    /** The text ISO_INSTANT gives for {@code value}. */
    static String format(Instant value) {
        long seconds = value.getEpochSecond();
        if (seconds < MIN_SECOND || seconds >= END_SECOND) {
            return value.toString();
        }
        long day = Math.floorDiv(seconds, 86_400);
        int secondOfDay = (int) Math.floorMod(seconds, 86_400);
        LocalDate date = LocalDate.ofEpochDay(day);
        int nano = value.getNano();
        char[] text = new char[30];
        digits(text, 0, date.getYear(), 4);
        text[4] = '-';
        digits(text, 5, date.getMonthValue(), 2);
        text[7] = '-';
        digits(text, 8, date.getDayOfMonth(), 2);
        text[10] = 'T';
        digits(text, 11, secondOfDay / 3600, 2);
        text[13] = ':';
        digits(text, 14, secondOfDay / 60 % 60, 2);
        text[16] = ':';
        digits(text, 17, secondOfDay % 60, 2);
        int end = 19;
        if (nano != 0) {
            text[end++] = '.';
            if (nano % 1_000_000 == 0) {
                digits(text, end, nano / 1_000_000, 3);
                end += 3;
            } else if (nano % 1_000 == 0) {
                digits(text, end, nano / 1_000, 6);
                end += 6;
            } else {
                digits(text, end, nano, 9);
                end += 9;
            }
        }
        text[end++] = 'Z';
        return new String(text, 0, end);
    }

    /** The instant of {@code text} when it has the common form, else null (the caller falls back). */
    static Instant parse(String text) {
        int length = text.length();
        if (length < 20 || length > 30 || text.charAt(length - 1) != 'Z' || text.charAt(4) != '-'
                || text.charAt(7) != '-' || text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return null;
        }
        int year = number(text, 0, 4);
        int month = number(text, 5, 2);
        int day = number(text, 8, 2);
        int hour = number(text, 11, 2);
        int minute = number(text, 14, 2);
        int second = number(text, 17, 2);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0
                || second > 59) {
            return null;
        }
        int nano = 0;
        if (length > 20) {
            int digits = length - 21;
            if (text.charAt(19) != '.' || digits < 1 || digits > 9) {
                return null;
            }
            nano = number(text, 20, digits);
            if (nano < 0) {
                return null;
            }
            for (int i = digits; i < 9; i++) {
                nano *= 10;
            }
        }
        try {
            long epochDay = LocalDate.of(year, month, day).toEpochDay();
            return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3600L + minute * 60L + second, nano);
        } catch (DateTimeException e) {
            return null; // 30 February and the like: the formatter gives the error
        }
    }

    private static void digits(char[] into, int at, int value, int count) {
        for (int i = at + count - 1; i >= at; i--) {
            into[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    /** The decimal number of {@code count} ASCII digits at {@code from}, or -1. */
    private static int number(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static final class Writer extends StdScalarSerializer<Instant> {
        Writer() {
            super(Instant.class);
        }

        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(format(value));
        }
    }

    private static final class Reader extends StdScalarDeserializer<Instant> {
        private final JsonDeserializer<Instant> fallback;

        Reader(JsonDeserializer<Instant> fallback) {
            super(Instant.class);
            this.fallback = fallback;
        }

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() == JsonToken.VALUE_STRING) {
                Instant parsed = parse(parser.getText());
                if (parsed != null) {
                    return parsed;
                }
            }
            return fallback.deserialize(parser, context);
        }
    }
}
