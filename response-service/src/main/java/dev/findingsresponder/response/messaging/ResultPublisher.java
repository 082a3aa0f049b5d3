package dev.findingsresponder.response.messaging;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;

import dev.findingsresponder.messaging.ChannelProducer;
import dev.findingsresponder.model.ActionResult;
import dev.findingsresponder.model.DeadLetter;
import dev.findingsresponder.model.FindingCodec;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;

/**
 * Writes action results (keyed by enforcement target) and dead letters straight through the channels' Kafka producers
 * ({@link ChannelProducer}: the emitter path cost more CPU than the producer). Each future completes on the broker's
 * ack, on the producer's I/O thread; a send can block while the broker is unreachable, so call from worker threads.
 */
@ApplicationScoped
public class ResultPublisher {

    /**
     * Longest a blocking caller keeps writing (resending each time the producer gives up) before the write counts as
     * failed: below the consumers' unprocessed-record-max-age (10 min), so a broker outage up to about 9 min only
     * delays the records waiting on it, and a longer one fails the channel and, through liveness, restarts the pod.
     */
    static final Duration ACK_TIMEOUT = ChannelProducer.OUTAGE_PATIENCE;

    /**
     * Most results the request consumer may have waiting for the broker. The producer's own buffer would block the
     * writers when full; this bound keeps a storm's results (and the requests they acknowledge) out of the heap first.
     */
    public static final int MAX_UNPUBLISHED = 8192;

    /** Results kept in memory for the operator API's "recent results". */
    private static final int RECENT = 500;

    private final ChannelProducer results;
    private final ChannelProducer dlq;
    private final Deque<ActionResult> recent = new ArrayDeque<>();

    public ResultPublisher(KafkaClientService clients) {
        this.results = new ChannelProducer(clients, "actions-results");
        this.dlq = new ChannelProducer(clients, "findings-dlq");
    }

    /** Completes once the broker acknowledged the result, resending through an outage of up to {@link #ACK_TIMEOUT}. */
    public CompletableFuture<?> publish(ActionResult result) {
        remember(result);
        return ChannelProducer.sendPatientlyAsync(() -> send(result), ACK_TIMEOUT, "result " + result.requestId());
    }

    private void remember(ActionResult result) {
        synchronized (recent) {
            recent.addFirst(result);
            if (recent.size() > RECENT) {
                recent.removeLast();
            }
        }
    }

    private CompletableFuture<?> send(ActionResult result) {
        String key = result.target() == null ? null : result.target().key();
        return results.send(key, FindingCodec.write(result), null);
    }

    /** The latest results published by this instance, newest first. */
    public List<ActionResult> recent(int limit) {
        synchronized (recent) {
            return recent.stream().limit(Math.max(0, limit)).toList();
        }
    }

    /** Publishes and waits for the ack, resending through a broker outage: for worker threads only. */
    public void publishAndWait(ActionResult result) {
        remember(result);
        ChannelProducer.sendPatiently(() -> send(result), ACK_TIMEOUT, "result " + result.requestId());
    }

    /** Writes a dead letter and waits for the ack: for worker threads only. */
    public void deadLetterAndWait(DeadLetter letter) {
        ChannelProducer.sendPatiently(() -> dlq.sendDeadLetter(letter), ACK_TIMEOUT, "dead letter " + letter.reason());
    }
}
