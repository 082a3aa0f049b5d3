package dev.findingsresponder.ingest.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import dev.findingsresponder.model.drill.DrillEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Writes drill events to {@code findings.raw} (channel {@code drills-raw}, acks=all), keyed by event id, where the
 * service's own consumer reads them like any EventBridge event. Each Uni completes on the broker's ack.
 */
@ApplicationScoped
public class DrillPublisher {

    /** Sends a drill keeps in flight at most; well below the emitter's buffer, so it never overflows. */
    public static final int MAX_IN_FLIGHT = 1024;

    private final MutinyEmitter<byte[]> raw;

    public DrillPublisher(
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
}
