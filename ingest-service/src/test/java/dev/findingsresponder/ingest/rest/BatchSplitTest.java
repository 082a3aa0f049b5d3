package dev.findingsresponder.ingest.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

/** A batch's elements are the bytes the sender sent, not a re-serialization of them. */
class BatchSplitTest {

    @Test
    void eachElementIsItsOwnBytesExactlyAsSent() {
        String first = "{ \"b\" : 1,\n  \"a\":\"x]}\\\"[\" }";
        String second = "{\"nested\":[{\"k\":[1,2,{}]}],\"unicode\":\"caf\u00e9 \\u00e9\"}";
        String batch = " [ " + first + " ,\n\t" + second + " , \"not an object\" , 12.50 , true ] ";

        List<String> events = text(EventsResource.split(bytes(batch)));

        assertThat(events).containsExactly(first, second, "\"not an object\"", "12.50", "true");
    }

    @Test
    void aBatchAfterAUtf8ByteOrderMarkIsSplitToo() {
        byte[] body = ("\uFEFF [{\"a\":1}, {\"b\":2}]").getBytes(StandardCharsets.UTF_8);

        assertThat(text(EventsResource.split(body))).containsExactly("{\"a\":1}", "{\"b\":2}");
    }

    @Test
    void aBrokenOrTrailingArrayIsOneInputForThePipelineToJudge() {
        for (String body : List.of("[{\"a\":1}, {\"b\":", "[{\"a\":1}] trailing", "[{\"a\":1},]", "{\"a\":1}")) {
            assertThat(text(EventsResource.split(bytes(body)))).as(body).containsExactly(body);
        }
        assertThat(EventsResource.split(bytes("[]"))).isEmpty();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> text(List<byte[]> events) {
        return events.stream().map(event -> new String(event, StandardCharsets.UTF_8)).toList();
    }
}
