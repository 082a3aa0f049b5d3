package dev.findingsresponder.response.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.internals.RecordHeaders;

import dev.findingsresponder.messaging.ChannelProducer;
import dev.findingsresponder.model.ActionRequest;
import dev.findingsresponder.model.FindingCodec;
import dev.findingsresponder.response.RetrySink;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;

/**
 * Writes requests to {@code actions.retry} with headers {@code not-before} (epoch millis) and {@code attempt},
 * through the {@code actions-retry-out} channel's producer, resending through a broker outage like
 * {@link ResultPublisher#publishAndWait}.
 */
@ApplicationScoped
public class KafkaRetrySink implements RetrySink {

    static final String NOT_BEFORE = "not-before";
    static final String ATTEMPT = "attempt";

    private final ChannelProducer retries;

    public KafkaRetrySink(KafkaClientService clients) {
        this.retries = new ChannelProducer(clients, "actions-retry-out");
    }

    @Override
    public void schedule(ActionRequest request, int attempt, Instant notBefore) {
        RecordHeaders headers = new RecordHeaders();
        // rounded up: the header has millisecond precision and "not before" must stay a lower bound
        long notBeforeMillis = notBefore.plusNanos(999_999).toEpochMilli();
        headers.add(NOT_BEFORE, Long.toString(notBeforeMillis).getBytes(StandardCharsets.UTF_8));
        headers.add(ATTEMPT, Integer.toString(attempt).getBytes(StandardCharsets.UTF_8));
        String key = request.target() == null ? null : request.target().key();
        byte[] value = FindingCodec.write(request);
        ChannelProducer.sendPatiently(() -> retries.send(key, value, headers), ResultPublisher.ACK_TIMEOUT,
                "retry of " + request.requestId());
    }
}
