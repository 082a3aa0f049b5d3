package dev.findingsresponder.response.messaging;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import com.fasterxml.jackson.core.JsonProcessingException;

import dev.findingsresponder.model.ActionResult;
import dev.findingsresponder.model.DeadLetter;
import dev.findingsresponder.model.FindingCodec;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/** Writes action results (keyed by enforcement target) and dead letters; each Uni completes on the broker's ack. */
@ApplicationScoped
public class ResultPublisher {

    /** Longest a blocking caller waits for the broker's ack before the write counts as failed. */
    static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

    /**
     * Results the emitter holds before the broker takes them. A send beyond it fails at once (it does not wait), so
     * callers that can produce many results together bound themselves below it: see {@link #MAX_UNPUBLISHED}.
     */
    static final int RESULTS_BUFFER = 16384;

    /** Most results one publisher (the request consumer) may have waiting for the broker; leaves room for the rest. */
    public static final int MAX_UNPUBLISHED = RESULTS_BUFFER / 2;

    /** Results kept in memory for the operator API's "recent results". */
    private static final int RECENT = 500;

    private final MutinyEmitter<byte[]> results;
    private final MutinyEmitter<byte[]> dlq;
    private final Deque<ActionResult> recent = new ArrayDeque<>();

    public ResultPublisher(
            @Channel("actions-results") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = RESULTS_BUFFER)
            MutinyEmitter<byte[]> results,
            @Channel("findings-dlq") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
            MutinyEmitter<byte[]> dlq) {
        this.results = results;
        this.dlq = dlq;
    }

    public Uni<Void> publish(ActionResult result) {
        synchronized (recent) {
            recent.addFirst(result);
            if (recent.size() > RECENT) {
                recent.removeLast();
            }
        }
        String key = result.target() == null ? null : result.target().key();
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(key)
                .build();
        return results.sendMessage(Message.of(toJson(result)).addMetadata(metadata));
    }

    /** The latest results published by this instance, newest first. */
    public List<ActionResult> recent(int limit) {
        synchronized (recent) {
            return recent.stream().limit(Math.max(0, limit)).toList();
        }
    }

    /** Publishes and waits for the ack: for worker threads only. */
    public void publishAndWait(ActionResult result) {
        publish(result).await().atMost(ACK_TIMEOUT);
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

    static byte[] toJson(Object value) {
        try {
            return FindingCodec.mapper().writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }
}
