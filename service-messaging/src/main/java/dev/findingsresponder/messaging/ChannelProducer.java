package dev.findingsresponder.messaging;

import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.config.ConfigProvider;

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

    private final KafkaClientService clients;
    private final String channel;
    private final String topic;
    private volatile Producer<String, byte[]> producer;

    /** The channel must be an outgoing {@code smallrye-kafka} channel that something (an emitter) is wired to. */
    public ChannelProducer(KafkaClientService clients, String channel) {
        this.clients = clients;
        this.channel = channel;
        this.topic = ConfigProvider.getConfig()
                .getOptionalValue("mp.messaging.outgoing." + channel + ".topic", String.class)
                .orElse(channel);
    }

    public String topic() {
        return topic;
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

    private Producer<String, byte[]> producer() {
        Producer<String, byte[]> current = producer;
        if (current == null) {
            io.smallrye.reactive.messaging.kafka.KafkaProducer<String, byte[]> channelProducer =
                    clients.getProducer(channel);
            if (channelProducer == null) {
                throw new IllegalStateException("no Kafka producer for outgoing channel " + channel
                        + ": is it a smallrye-kafka channel with an emitter?");
            }
            current = channelProducer.unwrap();
            producer = current;
        }
        return current;
    }
}
