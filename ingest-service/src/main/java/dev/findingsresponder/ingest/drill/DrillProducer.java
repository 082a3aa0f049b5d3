package dev.findingsresponder.ingest.drill;

import java.util.Iterator;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import dev.findingsresponder.model.Topics;
import dev.findingsresponder.model.drill.DrillEvent;

/**
 * The CLI's way to Kafka: a plain producer (acks=all, idempotent), records keyed by event id. It stops at the
 * first failed send, because with the broker gone each further send would block for {@code max.block.ms}.
 */
final class DrillProducer {

    static final String TOPIC = Topics.FINDINGS_RAW;

    /** @param failure the first send error, {@code null} when every event was acknowledged */
    record Result(int acknowledged, long millis, String failure) {
    }

    private DrillProducer() {
    }

    static Result send(String bootstrap, Iterator<DrillEvent> events, int total, Pacer pacer)
            throws InterruptedException {
        AtomicInteger acknowledged = new AtomicInteger();
        AtomicReference<Exception> failure = new AtomicReference<>();
        long start = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config(bootstrap), new StringSerializer(),
                new ByteArraySerializer())) {
            for (long i = 0; events.hasNext() && failure.get() == null; i++) {
                pacer.awaitTurn(i);
                DrillEvent event = events.next();
                producer.send(new ProducerRecord<>(TOPIC, event.eventId(), event.toJson()), (metadata, error) -> {
                    if (error == null) {
                        acknowledged.incrementAndGet();
                    } else {
                        failure.compareAndSet(null, error);
                    }
                });
            }
            producer.flush();
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        Exception error = failure.get();
        if (error == null && acknowledged.get() < total) {
            return new Result(acknowledged.get(), millis, "only " + acknowledged.get() + " of " + total + " sent");
        }
        return new Result(acknowledged.get(), millis, error == null ? null : error.toString());
    }

    private static Properties config(String bootstrap) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "ingest-drill");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        // an unreachable broker fails the drill in seconds instead of the defaults' minutes
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "15000");
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
        return props;
    }
}
