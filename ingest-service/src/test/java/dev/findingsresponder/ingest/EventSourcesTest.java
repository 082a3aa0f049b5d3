package dev.findingsresponder.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class EventSourcesTest {

    @Test
    void theSourceOfARejectedInputIsReadFromTheEnvelopeOrTheSnsMessage() {
        assertThat(EventSources.peek(bytes("{\"detail\": {\"x\": [1, {\"source\": \"aws.config\"}]}, \"source\": \"aws.guardduty\"}")))
                .isEqualTo("aws.guardduty");
        assertThat(EventSources.peek(bytes("{\"Type\": \"Notification\", \"Message\": "
                + "\"{\\\"source\\\": \\\"aws.inspector2\\\", \\\"detail\\\": 1}\"}"))).isEqualTo("aws.inspector2");
        assertThat(EventSources.peek(bytes("{\"source\": \"aws.nothing\"}"))).isEqualTo(EventSources.OTHER);
        assertThat(EventSources.peek(bytes("{\"source\": 42}"))).isEqualTo(EventSources.UNKNOWN);
        assertThat(EventSources.peek(bytes("{\"source\": \"aws.guardduty\""))).as("truncated after the source")
                .isEqualTo("aws.guardduty");
        assertThat(EventSources.peek(bytes("[{\"source\": \"aws.guardduty\"}]"))).isEqualTo(EventSources.UNKNOWN);
        assertThat(EventSources.peek(new byte[] {1, 2, 3})).isEqualTo(EventSources.UNKNOWN);
        assertThat(EventSources.peek(bytes("{\"a\":" + "[".repeat(5000)))).isEqualTo(EventSources.UNKNOWN);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
