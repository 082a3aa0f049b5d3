package dev.findingsresponder.response;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import dev.findingsresponder.model.ActionResult;
import dev.findingsresponder.model.FindingCodec;
import dev.findingsresponder.testsupport.TopicProbe;

/** Reading action results back from {@code actions.results} in the service tests. */
final class Results {

    private Results() {
    }

    static ActionResult of(byte[] value) {
        return FindingCodec.read(value, ActionResult.class);
    }

    /** Waits for exactly {@code count} results of {@code requestId}, in the order they were written. */
    static List<ActionResult> await(TopicProbe results, String requestId, int count, Duration wait) {
        List<ActionResult> matching = results.await(r -> requestId.equals(of(r.value()).requestId()), count, wait)
                .stream().map(r -> of(r.value())).toList();
        assertThat(matching).as("results of " + requestId).hasSize(count);
        return matching;
    }
}
