package dev.findingsresponder.messaging;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import dev.findingsresponder.model.DeadLetter;
import dev.findingsresponder.model.FindingCodec;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;

/**
 * Sends records through the Kafka producer that SmallRye created for an outgoing channel, so the channel's
 * configuration (bootstrap, acks, idempotence, TLS/SASL from {@code kafka.*}, serializers) still applies, but without
 * the emitter in between. Profiles of the load benchmark showed the emitter path (a Message, Mutiny operators with
 * context propagation, a hop to the sending thread and back to a Vert.x context) costing more CPU per record than the
 * producer itself; the services write several records per finding, so that was most of their messaging cost.
 *
 * <p>{@link #send} may block up to the producer's {@code max.block.ms} (no metadata, full buffer): call it from worker
 * threads, never the event loop. The returned future completes on the producer's I/O thread: whatever runs on
 * completion must be short and must not block.
 */
public final class ChannelProducer {

    private static final Logger LOG = Logger.getLogger(ChannelProducer.class);
    private static final Duration RESEND_PAUSE = Duration.ofSeconds(1);

    /**
     * How long the services keep resending a write through a broker outage. Their consumers' records may wait
     * 10 min for their acknowledgement ({@code unprocessed-record-max-age}), so an outage shorter than this only
     * delays them; a longer one fails the channel, liveness goes DOWN and Kubernetes restarts the pod.
     */
    public static final Duration OUTAGE_PATIENCE = Duration.ofMinutes(9);

    /** How long a consumer waits for its batch's patient writes: just above {@link #OUTAGE_PATIENCE}. */
    public static final Duration BATCH_ACK_TIMEOUT = OUTAGE_PATIENCE.plusSeconds(30);

    private final KafkaClientService clients;
    private final String channel;
    private final String topic;
    private volatile Producer<String, byte[]> producer;

    /**
     * The channel must be a configured outgoing {@code smallrye-kafka} channel; SmallRye creates its producer at
     * start even with no emitter on it (and logs SRMSG00207 "has no upstream" for it).
     */
    public ChannelProducer(KafkaClientService clients, String channel) {
        this.clients = clients;
        this.channel = channel;
        this.topic = ConfigProvider.getConfig()
                .getOptionalValue("mp.messaging.outgoing." + channel + ".topic", String.class)
                .orElse(channel);
    }

    /** Completes with the record's metadata once the broker acknowledged it, or exceptionally when it refused it. */
    public CompletableFuture<RecordMetadata> send(String key, byte[] value, Iterable<Header> headers) {
        CompletableFuture<RecordMetadata> acked = new CompletableFuture<>();
        try {
            producer().send(new ProducerRecord<>(topic, null, key, value, headers), (metadata, error) -> {
                if (error == null) {
                    acked.complete(metadata);
                } else {
                    acked.completeExceptionally(error);
                }
            });
        } catch (RuntimeException e) {
            acked.completeExceptionally(e);
        }
        return acked;
    }

    /** A dead letter, keyed by the SHA-256 of the rejected input, with its reason and origin as headers. */
    public CompletableFuture<RecordMetadata> sendDeadLetter(DeadLetter letter) {
        RecordHeaders headers = new RecordHeaders();
        letter.kafkaHeaders().forEach(headers::add);
        return send(letter.rawSha256(), FindingCodec.write(letter), headers);
    }

    /**
     * Returns once every write was acknowledged; throws {@link IllegalStateException} naming {@code what} when one
     * failed, the wait passed {@code timeout}, or the thread was interrupted. For worker threads only.
     */
    public static void awaitAll(Collection<? extends CompletableFuture<?>> writes, Duration timeout, String what) {
        try {
            CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(what + " not acknowledged by Kafka: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(what + " not acknowledged by Kafka within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for Kafka to acknowledge " + what, e);
        }
    }

    /**
     * Sends with {@code send} and waits for the ack; when the write fails (the broker unreachable past the producer's
     * {@code max.block.ms} or {@code delivery.timeout.ms}) it is sent again every second until {@code patience} has
     * passed, then throws like {@link #awaitAll}. For consumers whose record may only be acknowledged after this
     * write: a broker outage shorter than the patience (set below the channel's unprocessed-record-max-age) then
     * only delays them instead of failing their channel. A resend after a lost ack can write the record twice.
     */
    public static void sendPatiently(Supplier<CompletableFuture<?>> send, Duration patience, String what) {
        long deadline = System.nanoTime() + patience.toNanos();
        for (int attempt = 1; ; attempt++) {
            long left = deadline - System.nanoTime();
            try {
                awaitAll(List.of(send.get()), Duration.ofNanos(Math.max(left, 1)), what);
                if (attempt > 1) {
                    LOG.infof("%s written at attempt %d", what, attempt);
                }
                return;
            } catch (IllegalStateException e) {
                if (Thread.currentThread().isInterrupted() || permanent(e.getCause())
                        || deadline - System.nanoTime() <= RESEND_PAUSE.toNanos()) {
                    throw e;
                }
                LOG.warnf("%s (attempt %d); sending it again in %s", e.getMessage(), attempt, RESEND_PAUSE);
                try {
                    Thread.sleep(RESEND_PAUSE.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /**
     * {@link #sendPatiently} without blocking the caller: completes when a write was acknowledged, or exceptionally
     * once {@code patience} has passed. Resends run on a delayed executor, never on the producer's I/O thread (where
     * the previous attempt completes), since a send can block while the broker is unreachable.
     */
    public static CompletableFuture<Void> sendPatientlyAsync(Supplier<CompletableFuture<?>> send, Duration patience,
            String what) {
        return attempt(send, System.nanoTime() + patience.toNanos(), what, 1);
    }

    private static CompletableFuture<Void> attempt(Supplier<CompletableFuture<?>> send, long deadline, String what,
            int attempt) {
        return send.get().handle((ok, error) -> error).thenCompose(error -> {
            if (error == null) {
                return CompletableFuture.<Void>completedFuture(null);
            }
            if (permanent(error) || deadline - System.nanoTime() <= RESEND_PAUSE.toNanos()) {
                return CompletableFuture.<Void>failedFuture(error);
            }
            LOG.warnf("%s not acknowledged by Kafka (attempt %d): %s; sending it again in %s", what, attempt, error,
                    RESEND_PAUSE);
            return CompletableFuture.supplyAsync(() -> attempt(send, deadline, what, attempt + 1),
                    CompletableFuture.delayedExecutor(RESEND_PAUSE.toMillis(), TimeUnit.MILLISECONDS))
                    .thenCompose(next -> next);
        });
    }

    /**
     * Whether resending cannot help: the record itself is refused (too large, not serializable, an invalid topic)
     * or the client may not write. Only an unreachable broker is worth waiting for; resending a refused record
     * would hold its consumer for the whole patience and then fail it anyway.
     */
    static boolean permanent(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof RecordTooLargeException || cause instanceof RecordBatchTooLargeException
                    || cause instanceof SerializationException || cause instanceof InvalidTopicException
                    || cause instanceof InvalidRecordException || cause instanceof AuthorizationException) {
                return true;
            }
        }
        return false;
    }

    private Producer<String, byte[]> producer() {
        Producer<String, byte[]> current = producer;
        if (current == null) {
            io.smallrye.reactive.messaging.kafka.KafkaProducer<String, byte[]> channelProducer =
                    clients.getProducer(channel);
            if (channelProducer == null) {
                throw new IllegalStateException("no Kafka producer for outgoing channel " + channel
                        + ": is it a configured smallrye-kafka outgoing channel?");
            }
            current = channelProducer.unwrap();
            producer = current;
        }
        return current;
    }
}
