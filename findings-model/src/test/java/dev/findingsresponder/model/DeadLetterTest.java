package dev.findingsresponder.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class DeadLetterTest {

    private final DeadLetter.Origin origin = DeadLetter.Origin.kafka("findings.raw", 1, 42);

    @Test
    void textInputIsKeptAsTextAndBinaryAsBase64() throws Exception {
        DeadLetter text = DeadLetter.of("ingest", "NOT_JSON", "x", origin, "{oops".getBytes(StandardCharsets.UTF_8));
        assertThat(text.rawText()).isEqualTo("{oops");
        assertThat(text.rawBase64()).isNull();

        byte[] binary = {(byte) 0xff, (byte) 0xfe, 0, 1};
        DeadLetter round = FindingCodec.mapper().readValue(FindingCodec.mapper().writeValueAsBytes(
                DeadLetter.of("ingest", "NOT_JSON", "x", origin, binary)), DeadLetter.class);
        assertThat(round.rawText()).isNull();
        assertThat(round.rawBytes()).isEqualTo(binary);
        assertThat(round.rawSha256()).isEqualTo(Hashes.sha256Hex(binary));
        assertThat(round.origin().describe()).isEqualTo("kafka:findings.raw/1@42");
    }

    @Test
    void aHugeInputIsTruncatedSoTheDeadLetterFitsInAKafkaRecord() throws Exception {
        byte[] huge = new byte[900 * 1024];
        Arrays.fill(huge, (byte) '"');  // JSON escaping doubles every quote
        DeadLetter letter = DeadLetter.of("ingest", "OVERSIZED", "too big", origin, huge);

        assertThat(letter.rawTruncated()).isTrue();
        assertThat(letter.rawSize()).isEqualTo(huge.length);
        assertThat(letter.rawSha256()).isEqualTo(Hashes.sha256Hex(huge));
        assertThat(letter.rawBytes()).hasSize(DeadLetter.MAX_STORED_BYTES);
        assertThat(FindingCodec.mapper().writeValueAsBytes(letter).length).isLessThan(1_000_000);
    }

    @Test
    void anyInputWhateverItsBytesGivesADeadLetterUnderTheKafkaLimitThatKeepsItsBytes() throws Exception {
        for (byte[] input : List.of(filled(200 * 1024, 0x01), filled(900 * 1024, 0x01), filled(256 * 1024, 0x1f),
                filled(256 * 1024, '\\'), filled(256 * 1024, '\n'), filled(256 * 1024, 0x7f),
                filled(256 * 1024, 0xff), repeat("\u2028", 100_000), repeat("\uD83D\uDE00\u0001", 60_000))) {
            String what = input.length + " bytes starting with " + (input[0] & 0xff);
            DeadLetter letter = DeadLetter.of("ingest", "NOT_JSON", "x", origin, input);
            byte[] json = FindingCodec.mapper().writeValueAsBytes(letter);

            assertThat(json.length).as(what).isLessThan(DeadLetter.MAX_STORED_BYTES * 4 / 3 + 4096);
            DeadLetter round = FindingCodec.mapper().readValue(json, DeadLetter.class);
            byte[] expected = input.length > DeadLetter.MAX_STORED_BYTES
                    ? Arrays.copyOf(input, DeadLetter.MAX_STORED_BYTES) : input;
            assertThat(round.rawBytes()).as(what).isEqualTo(expected);
        }
    }

    @Test
    void controlCharactersAreKeptAsBase64ButOrdinaryJsonStaysReadableText() {
        assertThat(DeadLetter.of("ingest", "NOT_JSON", "x", origin, filled(1000, 0x01)).rawText()).isNull();
        byte[] json = "{\"detail\": {\"a\": \"b\\n\"}}\n".getBytes(StandardCharsets.UTF_8);
        assertThat(DeadLetter.of("ingest", "NOT_JSON", "x", origin, json).rawText())
                .isEqualTo(new String(json, StandardCharsets.UTF_8));
    }

    @Test
    void aLongDetailIsCut() throws Exception {
        String detail = "\u0001".repeat(900 * 1024);
        DeadLetter letter = DeadLetter.of("ingest", "UNKNOWN_SOURCE", detail, origin, new byte[] {1});
        assertThat(letter.detail()).startsWith("\u0001".repeat(DeadLetter.MAX_DETAIL_CHARS)).hasSizeLessThan(2100);
        assertThat(FindingCodec.mapper().writeValueAsBytes(letter).length).isLessThan(20_000);
    }

    private static byte[] filled(int size, int value) {
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    private static byte[] repeat(String text, int times) {
        return text.repeat(times).getBytes(StandardCharsets.UTF_8);
    }
}
