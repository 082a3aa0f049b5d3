package dev.findingsresponder.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

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
}
