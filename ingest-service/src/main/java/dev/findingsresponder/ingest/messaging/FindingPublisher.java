package dev.findingsresponder.ingest.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import com.fasterxml.jackson.core.JsonProcessingException;

import dev.findingsresponder.model.DeadLetter;
import dev.findingsresponder.model.Finding;
import dev.findingsresponder.model.FindingCodec;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/** Writes canonical findings (keyed by finding id) and dead letters; each Uni completes on the broker's ack. */
@ApplicationScoped
public class FindingPublisher {

    private final MutinyEmitter<byte[]> normalized;
    private final MutinyEmitter<byte[]> dlq;

    public FindingPublisher(
            @Channel("findings-normalized") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 8192)
            MutinyEmitter<byte[]> normalized,
            @Channel("findings-dlq") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 8192)
            MutinyEmitter<byte[]> dlq) {
        this.normalized = normalized;
        this.dlq = dlq;
    }

    public Uni<Void> publish(Finding finding) {
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(finding.id())
                .build();
        return normalized.sendMessage(Message.of(FindingCodec.toJson(finding)).addMetadata(metadata));
    }

    public Uni<Void> deadLetter(DeadLetter letter) {
        RecordHeaders headers = new RecordHeaders();
        letter.kafkaHeaders().forEach(headers::add);
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(letter.rawSha256())
                .withHeaders(headers)
                .build();
        return dlq.sendMessage(Message.of(toJson(letter)).addMetadata(metadata));
    }

    private static byte[] toJson(DeadLetter letter) {
        try {
            return FindingCodec.mapper().writeValueAsBytes(letter);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize dead letter", e);
        }
    }
}
