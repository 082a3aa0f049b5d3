package dev.findingsresponder.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

class InstantCodecTest {

    /** How instants were written and read before InstantCodec: JavaTimeModule with dates as text. */
    private static final ObjectMapper JAVA_TIME = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Test
    void writesWhatIsoInstantWrites() {
        SplittableRandom random = new SplittableRandom(9);
        for (int i = 0; i < 20_000; i++) {
            long second = random.nextLong(-62_167_219_200L - 86_400, 253_402_300_800L + 86_400);
            int nano = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(second, nano);
            assertThat(InstantCodec.format(instant)).isEqualTo(DateTimeFormatter.ISO_INSTANT.format(instant));
        }
        assertThat(InstantCodec.format(Instant.EPOCH)).isEqualTo("1970-01-01T00:00:00Z");
        assertThat(InstantCodec.format(Instant.MAX)).isEqualTo(Instant.MAX.toString());
    }

    @Test
    void readsTheCommonFormLikeIsoInstant() {
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 20_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-62_167_219_200L, 253_402_300_800L),
                    i % 2 == 0 ? 0 : random.nextInt(1_000_000_000));
            String text = instant.toString();
            assertThat(InstantCodec.parse(text)).isEqualTo(Instant.parse(text));
        }
        assertThat(InstantCodec.parse("2024-06-11T08:55:02.3Z")).isEqualTo(Instant.parse("2024-06-11T08:55:02.3Z"));
    }

    @Test
    void leavesEveryOtherFormToTheFormatter() {
        assertThat(InstantCodec.parse("2024-06-11T08:55:02+00:00")).isNull();
        assertThat(InstantCodec.parse("2016-12-31T23:59:60Z")).isNull();
        assertThat(InstantCodec.parse("2024-06-11T24:00:00Z")).isNull();
        assertThat(InstantCodec.parse("2024-02-30T08:55:02Z")).isNull();
        assertThat(InstantCodec.parse("2024-06-11T08:55:02.Z")).isNull();
        assertThat(InstantCodec.parse("2024-06-11T08:55:02.1234567890Z")).isNull();
        assertThat(InstantCodec.parse("+12024-06-11T08:55:02Z")).isNull();
        assertThat(InstantCodec.parse("2024-06-11 08:55:02Z")).isNull();
        assertThat(InstantCodec.parse("2024-0a-11T08:55:02Z")).isNull();
    }

    @Test
    void theCodecReadsAndRejectsWhatJavaTimeModuleDid() throws Exception {
        String[] texts = {"\"2024-06-11T08:55:02Z\"", "\"2024-06-11T08:55:02.390Z\"", "\"2016-12-31T23:59:60Z\"",
                "\"2024-06-11T08:55:02+00:00\"", "1718096102", "1718096102.5", "\"+12024-06-11T08:55:02Z\""};
        for (String text : texts) {
            assertThat(FindingCodec.mapper().readValue(text, Instant.class))
                    .as(text).isEqualTo(JAVA_TIME.readValue(text, Instant.class));
        }
        assertThatThrownBy(() -> FindingCodec.mapper().readValue("\"2024-02-30T08:55:02Z\"", Instant.class))
                .isInstanceOf(InvalidFormatException.class);
        assertThatThrownBy(() -> JAVA_TIME.readValue("\"2024-02-30T08:55:02Z\"", Instant.class))
                .isInstanceOf(InvalidFormatException.class);
    }
}
