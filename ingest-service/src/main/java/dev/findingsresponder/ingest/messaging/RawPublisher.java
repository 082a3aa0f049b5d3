package dev.findingsresponder.ingest.messaging;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import dev.findingsresponder.model.drill.DrillEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Writes events to {@code findings.raw} (channel {@code drills-raw}, acks=all): drill events keyed by event id, and
 * dead letters replayed after a fix. The service's own consumer reads them like any EventBridge event. Each Uni
 * completes on the broker's ack.
 */
@ApplicationScoped
public class RawPublisher {

    /** Sends a drill keeps in flight at most; well below the emitter's buffer, so it never overflows. */
    public static final int MAX_IN_FLIGHT = 1024;

    private final MutinyEmitter<byte[]> raw;

    public RawPublisher(
            @Channel("drills-raw") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
            MutinyEmitter<byte[]> raw) {
        this.raw = raw;
    }

    public Uni<Void> send(DrillEvent event) {
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(event.eventId())
                .build();
        return raw.sendMessage(Message.of(event.toJson()).addMetadata(metadata));
    }

    /** Sends {@code value} with the given headers (e.g. where a replayed event came from). */
    public Uni<Void> send(String key, byte[] value, Map<String, String> headers) {
        RecordHeaders kafkaHeaders = new RecordHeaders();
        headers.forEach((name, text) -> kafkaHeaders.add(name, text.getBytes(StandardCharsets.UTF_8)));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(key).withHeaders(kafkaHeaders).build();
        return raw.sendMessage(Message.of(value).addMetadata(metadata));
    }
}
