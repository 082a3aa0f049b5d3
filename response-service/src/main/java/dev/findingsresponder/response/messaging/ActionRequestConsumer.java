package dev.findingsresponder.response.messaging;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import dev.findingsresponder.model.ActionRequest;
import dev.findingsresponder.model.ActionResult;
import dev.findingsresponder.model.DeadLetter;
import dev.findingsresponder.model.FindingCodec;
import dev.findingsresponder.response.ActionExecutor;
import dev.findingsresponder.response.config.ResponseConfig;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;

/**
 * Reads {@code actions.requested} (keyed by enforcement target) and hands each request to the
 * {@link TargetCoalescer}, which batches one target's requests and runs one batch per target at a time. A record is
 * acknowledged only after its result (or dead letter) was acknowledged by the broker, so a crash replays rather than
 * loses; replays are answered ALREADY_APPLIED. Acknowledgements arrive out of order across targets; the throttled
 * commit strategy commits each partition only up to its oldest unacknowledged record. Bad content never fails the
 * channel (it goes to {@code findings.dlq}); a failed Kafka write does (nack: the pod restarts and replays).
 */
@ApplicationScoped
public class ActionRequestConsumer {

    static final String STAGE = "response";
    static final String NOT_AN_ACTION_REQUEST = "NOT_AN_ACTION_REQUEST";

    private static final Logger LOG = Logger.getLogger(ActionRequestConsumer.class);

    private final ResultPublisher publisher;
    private final TargetCoalescer coalescer;
    /**
     * Requests whose result is not yet acknowledged by the broker. The coalescer frees its slot when the result
     * exists, before it is written; without this bound a storm's batch of thousands of results overflowed the
     * results emitter (before results went straight to the producer) and failed the channel.
     */
    private final Semaphore unpublished;

    public ActionRequestConsumer(ActionExecutor executor, ResultPublisher publisher, ResponseConfig config) {
        this.publisher = publisher;
        ResponseConfig.Coalesce coalesce = config.coalesce();
        this.coalescer = new TargetCoalescer(executor::handleBatch, coalesce.window(), coalesce.maxBatch(),
                coalesce.workers(), coalesce.maxInFlight());
        this.unpublished = new Semaphore(Math.min(Math.max(1, coalesce.maxInFlight()), ResultPublisher.MAX_UNPUBLISHED));
    }

    @Incoming("actions-requested")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    @Blocking
    public CompletionStage<Void> consume(Message<byte[]> message) throws InterruptedException {
        Origin origin = Origin.of(message);
        Optional<ActionRequest> request = decode(message.getPayload(), origin.topic(), origin.partition(),
                origin.offset(), publisher);
        if (request.isEmpty()) {
            return message.ack();
        }
        unpublished.acquire();
        CompletableFuture<ActionResult> result;
        try {
            result = coalescer.submit(request.get());
        } catch (InterruptedException | RuntimeException e) {
            unpublished.release();
            throw e;
        }
        result.thenCompose(publisher::publish)
                .whenComplete((v, error) -> {
                    unpublished.release();
                    if (error == null) {
                        message.ack();
                    } else {
                        LOG.errorf(error, "request %s at %s/%d/%d failed without a result; failing the channel",
                                request.get().requestId(), origin.topic(), origin.partition(), origin.offset());
                        message.nack(error);
                    }
                });
        return CompletableFuture.completedFuture(null);
    }

    private record Origin(String topic, int partition, long offset) {
        static Origin of(Message<?> message) {
            return message.getMetadata(IncomingKafkaRecordMetadata.class)
                    .map(m -> new Origin(m.getTopic(), m.getPartition(), m.getOffset()))
                    .orElse(new Origin("actions.requested", -1, -1));
        }
    }

    /** The record's request, or empty after writing a dead letter for it (waits for the broker's ack). */
    static Optional<ActionRequest> decode(byte[] value, String topic, int partition, long offset,
            ResultPublisher publisher) {
        byte[] raw = value == null ? new byte[0] : value;
        String problem;
        try {
            ActionRequest request = FindingCodec.mapper().readValue(raw, ActionRequest.class);
            problem = request == null ? "empty record"
                    : blank(request.requestId()) ? "no requestId"
                    : blank(request.action()) ? "no action"
                    : request.target() == null ? "no target" : null;
            if (problem == null) {
                return Optional.of(request);
            }
        } catch (IOException | RuntimeException e) {
            problem = e.getClass().getSimpleName() + ": " + firstLine(e.getMessage());
        }
        DeadLetter.Origin origin = DeadLetter.Origin.kafka(topic, partition, offset);
        LOG.warnf("not an action request at %s: %s", origin.describe(), problem);
        publisher.deadLetterAndWait(DeadLetter.of(STAGE, NOT_AN_ACTION_REQUEST, "not an action request: " + problem,
                origin, raw));
        return Optional.empty();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    @PreDestroy
    void close() {
        coalescer.close();
    }
}
