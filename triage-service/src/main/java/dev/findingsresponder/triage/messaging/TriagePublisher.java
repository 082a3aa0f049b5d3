package dev.findingsresponder.triage.messaging;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.internals.RecordHeaders;

import dev.findingsresponder.messaging.ChannelProducer;
import dev.findingsresponder.model.ActionRequest;
import dev.findingsresponder.model.DeadLetter;
import dev.findingsresponder.model.TriagedFinding;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;

/**
 * Writes triage results straight through the channels' Kafka producers ({@link ChannelProducer}: the emitter path
 * cost more CPU than the producer); each future completes on the broker's acknowledgement.
 */
@ApplicationScoped
public class TriagePublisher {

    private final ChannelProducer triaged;
    private final ChannelProducer requests;
    private final ChannelProducer dlq;

    public TriagePublisher(KafkaClientService clients) {
        this.triaged = new ChannelProducer(clients, "findings-triaged");
        this.requests = new ChannelProducer(clients, "actions-requested");
        this.dlq = new ChannelProducer(clients, "triage-dlq");
    }

    /** findings.triaged, keyed by finding id; {@code json} is the record's value ({@code TriageRecords}). */
    public CompletableFuture<?> triaged(TriagedFinding finding, byte[] json) {
        return patiently(() -> triaged.send(finding.finding().id(), json, null), "triaged " + finding.finding().id());
    }

    /** actions.requested, keyed by enforcement target; {@code json} is the request's value ({@code TriageRecords}). */
    public CompletableFuture<?> request(ActionRequest request, byte[] json) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("request-id", request.requestId().getBytes(StandardCharsets.UTF_8));
        headers.add("action", request.action().getBytes(StandardCharsets.UTF_8));
        return patiently(() -> requests.send(request.target().key(), json, headers), "request " + request.requestId());
    }

    public CompletableFuture<?> deadLetter(DeadLetter letter) {
        return patiently(() -> dlq.sendDeadLetter(letter), "dead letter " + letter.reason());
    }

    /** Resends through a broker outage of up to {@link ChannelProducer#OUTAGE_PATIENCE} instead of failing. */
    private static CompletableFuture<?> patiently(Supplier<CompletableFuture<?>> send, String what) {
        return ChannelProducer.sendPatientlyAsync(send, ChannelProducer.OUTAGE_PATIENCE, what);
    }
}
