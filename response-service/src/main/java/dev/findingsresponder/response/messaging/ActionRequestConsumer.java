package dev.findingsresponder.response.messaging;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import dev.findingsresponder.model.ActionRequest;
import dev.findingsresponder.model.ActionResult;
import dev.findingsresponder.model.DeadLetter;
import dev.findingsresponder.model.FindingCodec;
import dev.findingsresponder.response.ActionExecutor;
import dev.findingsresponder.response.aws.StsAwsClients;
import dev.findingsresponder.response.config.ResponseConfig;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;

/**
 * Reads {@code actions.requested} (keyed by enforcement target) and hands each request to the
 * {@link TargetCoalescer}, which batches one target's requests and runs one batch per target at a time. A poll's
 * records are acknowledged only after every result (or dead letter) among them was acknowledged by the broker, so a
 * crash replays rather than loses; replays are answered ALREADY_APPLIED. Acknowledgements arrive out of order across
 * batches; the throttled commit strategy commits each partition only up to its oldest unacknowledged record. Bad content never fails the
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

    /**
     * A poll's records at once, on one worker thread: one record at a time cost a hop from the event loop to a
     * worker and back per request, and in {@code bench/storm.sh} (moto and the pipeline sharing 2 cores) that
     * capped the consumer at about 150 requests/s with every thread idle, so requests waited 5-6 s in the topic
     * before the coalescer saw them. The batch is acknowledged when every request in it has its result (or dead
     * letter) acknowledged by the broker; the next batch does not wait for that.
     */
    @Incoming("actions-requested")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    @Blocking
    public CompletionStage<Void> consume(KafkaRecordBatch<String, byte[]> batch) throws InterruptedException {
        List<CompletableFuture<?>> published = new ArrayList<>(batch.getRecords().size());
        for (KafkaRecord<String, byte[]> record : batch) {
            Optional<ActionRequest> request = decode(record.getPayload(), record.getTopic(), record.getPartition(),
                    offset(record), publisher);
            if (request.isPresent()) {
                published.add(submit(request.get(), record));
            }
        }
        CompletableFuture.allOf(published.toArray(CompletableFuture[]::new)).whenComplete((v, error) -> {
            if (error == null) {
                batch.ack();
            } else {
                batch.nack(error);
            }
        });
        return CompletableFuture.completedFuture(null);
    }

    /** Hands the request to the coalescer; completes when its result was acknowledged by the broker. */
    private CompletableFuture<?> submit(ActionRequest request, KafkaRecord<String, byte[]> record)
            throws InterruptedException {
        unpublished.acquire();
        CompletableFuture<ActionResult> result;
        try {
            result = coalescer.submit(request);
        } catch (InterruptedException | RuntimeException e) {
            unpublished.release();
            throw e;
        }
        return result.thenCompose(publisher::publish).whenComplete((v, error) -> {
            unpublished.release();
            if (error != null) {
                LOG.errorf(error, "request %s at %s/%d/%d failed without a result; failing the channel",
                        request.requestId(), record.getTopic(), record.getPartition(), offset(record));
            }
        });
    }

    private static long offset(KafkaRecord<?, ?> record) {
        return record.getMetadata(IncomingKafkaRecordMetadata.class).map(IncomingKafkaRecordMetadata::getOffset)
                .orElse(-1L);
    }

    /** The record's request, or empty after writing a dead letter for it (waits for the broker's ack). */
    static Optional<ActionRequest> decode(byte[] value, String topic, int partition, long offset,
            ResultPublisher publisher) {
        byte[] raw = value == null ? new byte[0] : value;
        String problem;
        try {
            ActionRequest request = raw.length > MAX_REQUEST_BYTES ? null
                    : FindingCodec.mapper().readValue(raw, ActionRequest.class);
            problem = raw.length > MAX_REQUEST_BYTES ? "the record is " + raw.length + " bytes, above the limit of "
                    + MAX_REQUEST_BYTES + " (its state and result records would not fit in Kafka)"
                    : request == null ? "empty record"
                    : blank(request.requestId()) ? "no requestId"
                    : blank(request.action()) ? "no action"
                    : request.target() == null ? "no target"
                    : request.mode() == null ? "no mode (observe, approve or enforce): a request never defaults to acting"
                    : tooLong(request);
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

    /**
     * Largest action request read: triage's requests embed a finding of at most 512 KiB (ingest's limit), and the
     * request is written again, with its reason, into {@code response.state}, which Kafka caps at 1 MiB per record.
     */
    static final int MAX_REQUEST_BYTES = 640 * 1024;
    private static final int MAX_NAME_CHARS = 256;
    private static final int MAX_REASON_CHARS = 16 * 1024;

    /** The name fields of a request, each copied into results and state records. */
    private static final Map<String, Function<ActionRequest, String>> NAME_FIELDS = nameFields();

    private static Map<String, Function<ActionRequest, String>> nameFields() {
        Map<String, Function<ActionRequest, String>> fields = new LinkedHashMap<>();
        fields.put("requestId", ActionRequest::requestId);
        fields.put("action", ActionRequest::action);
        fields.put("playbook", ActionRequest::playbook);
        fields.put("target.key", r -> r.target().key());
        fields.put("target.account", r -> r.target().account());
        fields.put("target.region", r -> r.target().region());
        fields.put("target.resourceType", r -> r.target().resourceType());
        fields.put("target.resourceId", r -> r.target().resourceId());
        fields.put("target.address", r -> r.target().address());
        return Collections.unmodifiableMap(fields);
    }

    /** Why a field is longer than any real request's, or the account is not one, or null. */
    private static String tooLong(ActionRequest request) {
        for (Map.Entry<String, Function<ActionRequest, String>> field : NAME_FIELDS.entrySet()) {
            String value = field.getValue().apply(request);
            if (value != null && value.length() > MAX_NAME_CHARS) {
                return field.getKey() + " is " + value.length() + " characters, above " + MAX_NAME_CHARS;
            }
        }
        String account = request.target().account();
        if (account != null && !StsAwsClients.isAccountId(account)) {
            return "target.account '" + account + "' is not a 12-digit AWS account id (leave it out for"
                    + " the service's own account)";
        }
        if (request.reason() != null && request.reason().length() > MAX_REASON_CHARS) {
            return "reason is " + request.reason().length() + " characters, above " + MAX_REASON_CHARS;
        }
        return null;
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
