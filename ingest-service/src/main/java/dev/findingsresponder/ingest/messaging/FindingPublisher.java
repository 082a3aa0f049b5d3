package dev.findingsresponder.ingest.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import dev.findingsresponder.messaging.ChannelProducer;
import dev.findingsresponder.model.DeadLetter;
import dev.findingsresponder.model.Finding;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;

/**
 * Writes canonical findings (keyed by finding id) and dead letters straight through the channels' Kafka producers
 * ({@link ChannelProducer}: the emitter path cost more CPU than the producer). Each Uni sends when subscribed and
 * completes on the broker's ack, resending through a broker outage of up to {@link ChannelProducer#OUTAGE_PATIENCE};
 * subscribe from worker threads only (a send can block while the broker is unreachable).
 */
@ApplicationScoped
public class FindingPublisher {

    private final ChannelProducer normalized;
    private final ChannelProducer dlq;

    public FindingPublisher(KafkaClientService clients) {
        this.normalized = new ChannelProducer(clients, "findings-normalized");
        this.dlq = new ChannelProducer(clients, "findings-dlq");
    }

    /** Writes {@code json}, the canonical JSON of {@code finding}. */
    public Uni<Void> publish(Finding finding, byte[] json) {
        return Uni.createFrom().completionStage(() -> ChannelProducer.sendPatientlyAsync(
                () -> normalized.send(finding.id(), json, null), ChannelProducer.OUTAGE_PATIENCE, "finding " + finding.id()));
    }

    public Uni<Void> deadLetter(DeadLetter letter) {
        return Uni.createFrom().completionStage(() -> ChannelProducer.sendPatientlyAsync(
                () -> dlq.sendDeadLetter(letter), ChannelProducer.OUTAGE_PATIENCE, "dead letter " + letter.reason()));
    }
}
