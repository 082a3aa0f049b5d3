package dev.findingsresponder.response.messaging;

import java.io.IOException;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import dev.findingsresponder.model.ActionRequest;
import dev.findingsresponder.model.DeadLetter;
import dev.findingsresponder.model.FindingCodec;
import dev.findingsresponder.response.ActionExecutor;
import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * Reads {@code actions.requested} one record at a time, in order (the key is the enforcement target, so one target
 * has one writer), on a worker thread because execution calls AWS and backs off. The record is acknowledged only
 * after its result (or dead letter) was acknowledged by the broker, so a crash replays rather than loses; replays
 * are answered ALREADY_APPLIED. Bad content never fails the channel: it goes to {@code findings.dlq}.
 */
@ApplicationScoped
public class ActionRequestConsumer {

    static final String STAGE = "response";
    static final String NOT_AN_ACTION_REQUEST = "NOT_AN_ACTION_REQUEST";

    private static final Logger LOG = Logger.getLogger(ActionRequestConsumer.class);

    private final ActionExecutor executor;
    private final ResultPublisher publisher;

    public ActionRequestConsumer(ActionExecutor executor, ResultPublisher publisher) {
        this.executor = executor;
        this.publisher = publisher;
    }

    @Incoming("actions-requested")
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) {
        Optional<ActionRequest> request = decode(record, publisher);
        if (request.isPresent()) {
            publisher.publishAndWait(executor.handle(request.get()));
        }
    }

    /** The record's request, or empty after writing a dead letter for it. */
    static Optional<ActionRequest> decode(ConsumerRecord<String, byte[]> record, ResultPublisher publisher) {
        byte[] raw = record.value() == null ? new byte[0] : record.value();
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
        DeadLetter.Origin origin = DeadLetter.Origin.kafka(record.topic(), record.partition(), record.offset());
        LOG.warnf("not an action request at %s: %s", origin.describe(), problem);
        publisher.deadLetter(DeadLetter.of(STAGE, NOT_AN_ACTION_REQUEST, "not an action request: " + problem, origin,
                raw)).await().atMost(ResultPublisher.ACK_TIMEOUT);
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
}
