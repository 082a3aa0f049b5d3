package dev.findingsresponder.triage.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import dev.findingsresponder.messaging.ChannelProducer;
import dev.findingsresponder.model.ActionRequest;
import dev.findingsresponder.model.DeadLetter;
import dev.findingsresponder.model.Finding;
import dev.findingsresponder.model.FindingCodec;
import dev.findingsresponder.triage.TriageEngine;
import dev.findingsresponder.triage.TriageMetrics;
import dev.findingsresponder.triage.TriageOutcome;
import dev.findingsresponder.triage.TriageRecords;
import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * Reads {@code findings.normalized} in batches (paused until a valid policy is loaded). Each finding's
 * triage record and action requests are written before the batch's offsets are committed; a record
 * that is not a canonical finding, or whose triage fails, goes to the DLQ with the reason.
 */
@ApplicationScoped
public class NormalizedFindingConsumer {

    private static final Logger LOG = Logger.getLogger(NormalizedFindingConsumer.class);
    static final Duration ACK_TIMEOUT = ChannelProducer.BATCH_ACK_TIMEOUT;

    private final TriageEngine engine;
    private final TriagePublisher publisher;
    private final TriageMetrics metrics;

    public NormalizedFindingConsumer(TriageEngine engine, TriagePublisher publisher, TriageMetrics metrics) {
        this.engine = engine;
        this.publisher = publisher;
        this.metrics = metrics;
    }

    /**
     * On a worker thread: scoring a batch of 500 findings blocked the event loop for up to 11 s on a loaded machine
     * (Vert.x blocked-thread warnings), holding up everything else on it. The writes are resent through a broker
     * outage of up to 9 min; waiting here for them is bounded: a write still unacknowledged after
     * {@link #ACK_TIMEOUT} fails the channel, so liveness reports it rather than a stall.
     */
    @Incoming("findings-normalized")
    @Blocking
    public void consume(ConsumerRecords<String, byte[]> records) {
        List<CompletableFuture<?>> writes = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            writes.addAll(process(record));
        }
        ChannelProducer.awaitAll(writes, ACK_TIMEOUT, "triage writes");
    }

    private List<CompletableFuture<?>> process(ConsumerRecord<String, byte[]> record) {
        DeadLetter.Origin origin = DeadLetter.Origin.kafka(record.topic(), record.partition(), record.offset());
        byte[] raw = record.value() == null ? new byte[0] : record.value();
        Finding finding;
        try {
            finding = FindingCodec.fromJson(raw);
        } catch (RuntimeException e) {
            return List.of(reject(raw, origin, "NOT_A_CANONICAL_FINDING", String.valueOf(e.getMessage())));
        }
        if (finding.id() == null || finding.type() == null || finding.severity() == null) {
            return List.of(reject(raw, origin, "NOT_A_CANONICAL_FINDING", "id, type and severity are required"));
        }
        TriageOutcome outcome;
        long start = System.nanoTime();
        try {
            outcome = engine.triage(finding);
        } catch (RuntimeException e) {
            LOG.errorf(e, "triage failed for finding %s from %s", finding.id(), origin.describe());
            return List.of(reject(raw, origin, "TRIAGE_FAILED", e.toString()));
        } finally {
            metrics.evaluateNanos(System.nanoTime() - start);
        }
        metrics.finding(outcome.triaged().decision().name(), outcome.triaged().score().label().name(),
                finding.source().name());
        for (String playbook : outcome.triaged().playbooks()) {
            metrics.playbookMatched(playbook, outcome.triaged().decision().name());
        }
        TriageRecords json = TriageRecords.of(outcome);
        List<CompletableFuture<?>> writes = new ArrayList<>(outcome.requests().size() + 1);
        writes.add(publisher.triaged(outcome.triaged(), json.triaged()));
        for (int i = 0; i < outcome.requests().size(); i++) {
            ActionRequest request = outcome.requests().get(i);
            metrics.actionRequested(request.action(), request.mode().name());
            writes.add(publisher.request(request, json.requests().get(i)));
        }
        return writes;
    }

    private CompletableFuture<?> reject(byte[] raw, DeadLetter.Origin origin, String reason, String detail) {
        metrics.rejected(reason);
        return publisher.deadLetter(DeadLetter.of("triage", reason, detail, origin, raw));
    }

}
