package dev.findingsresponder.response.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import dev.findingsresponder.model.ActionRequest;
import dev.findingsresponder.model.FindingCodec;
import dev.findingsresponder.response.RetrySink;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/** Writes requests to {@code actions.retry} with headers {@code not-before} (epoch millis) and {@code attempt}. */
@ApplicationScoped
public class KafkaRetrySink implements RetrySink {

    static final String NOT_BEFORE = "not-before";
    static final String ATTEMPT = "attempt";

    private final MutinyEmitter<byte[]> retries;

    public KafkaRetrySink(@Channel("actions-retry-out") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 1024)
            MutinyEmitter<byte[]> retries) {
        this.retries = retries;
    }

    @Override
    public void schedule(ActionRequest request, int attempt, Instant notBefore) {
        RecordHeaders headers = new RecordHeaders();
        // rounded up: the header has millisecond precision and "not before" must stay a lower bound
        long notBeforeMillis = notBefore.plusNanos(999_999).toEpochMilli();
        headers.add(NOT_BEFORE, Long.toString(notBeforeMillis).getBytes(StandardCharsets.UTF_8));
        headers.add(ATTEMPT, Integer.toString(attempt).getBytes(StandardCharsets.UTF_8));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(request.target() == null ? null : request.target().key())
                .withHeaders(headers)
                .build();
        retries.sendMessage(Message.of(FindingCodec.write(request)).addMetadata(metadata))
                .await().atMost(ResultPublisher.ACK_TIMEOUT);
    }
}
