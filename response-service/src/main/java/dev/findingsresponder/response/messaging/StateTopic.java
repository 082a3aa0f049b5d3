package dev.findingsresponder.response.messaging;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import dev.findingsresponder.model.FindingCodec;
import dev.findingsresponder.model.Topics;
import dev.findingsresponder.response.ApprovalLog;
import dev.findingsresponder.response.DesiredBlock;
import dev.findingsresponder.response.PendingApprovals;
import dev.findingsresponder.response.StateLog;
import dev.findingsresponder.response.guard.KillSwitch;
import io.smallrye.common.annotation.Identifier;

/**
 * {@code response.state} (compacted, keyed by target key and host CIDR) as the {@link StateLog}: a plain producer
 * (acks=all, idempotent) for the write-ahead records, and a one-off consumer that reads the topic from the start to
 * its end offsets when the service starts. Uses the same {@code kafka.*} settings as the channels (bootstrap,
 * TLS, SASL). A value that cannot be read is logged and skipped: one bad record must not stop the service from
 * knowing the others. Requests parked for approval are kept in the same topic under keys
 * {@code approval:<request id>} (the {@link ApprovalLog}), and an operator's kill switch setting under
 * {@code control:kill-switch} (the {@link KillSwitch.Store}); block keys start with a target key, never with those.
 */
@ApplicationScoped
public class StateTopic implements StateLog, ApprovalLog, KillSwitch.Store {

    static final String APPROVAL_PREFIX = "approval:";
    static final String KILL_SWITCH_KEY = "control:kill-switch";

    private static final Logger LOG = Logger.getLogger(StateTopic.class);
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration READ_TIMEOUT = Duration.ofMinutes(2);

    private final Map<String, Object> kafka;
    private final String topic;
    private volatile KafkaProducer<String, byte[]> producer;

    @Inject
    public StateTopic(@Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this(kafka, Topics.RESPONSE_STATE);
    }

    StateTopic(Map<String, Object> kafka, String topic) {
        this.kafka = kafka;
        this.topic = topic;
    }

    @Override
    public List<DesiredBlock> readAll() {
        List<DesiredBlock> blocks = read(key -> !key.startsWith(APPROVAL_PREFIX) && !key.equals(KILL_SWITCH_KEY),
                DesiredBlock.class);
        LOG.infof("read %d desired block(s) from %s", blocks.size(), topic);
        return blocks;
    }

    @Override
    public List<PendingApprovals.Pending> readParked() {
        List<PendingApprovals.Pending> parked = read(key -> key.startsWith(APPROVAL_PREFIX),
                PendingApprovals.Pending.class);
        LOG.infof("read %d request(s) parked for approval from %s", parked.size(), topic);
        return parked;
    }

    @Override
    public void parked(PendingApprovals.Pending pending) {
        try {
            send(APPROVAL_PREFIX + pending.request().requestId(), FindingCodec.mapper().writeValueAsBytes(pending));
        } catch (IOException e) {
            throw new IllegalStateException("writing parked request " + pending.request().requestId() + ": " + e, e);
        }
    }

    @Override
    public void decided(String requestId) {
        send(APPROVAL_PREFIX + requestId, null);
    }

    @Override
    public Optional<KillSwitch.State> read() {
        return read(KILL_SWITCH_KEY::equals, KillSwitch.State.class).stream().findFirst();
    }

    @Override
    public void write(KillSwitch.State state) {
        try {
            send(KILL_SWITCH_KEY, FindingCodec.mapper().writeValueAsBytes(state));
        } catch (IOException e) {
            throw new IllegalStateException("writing the kill switch: " + e, e);
        }
    }

    private void send(String key, byte[] value) {
        try {
            producer().send(new ProducerRecord<>(topic, key, value)).get(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("writing " + key + " to " + topic + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing " + key + " to " + topic, e);
        }
    }

    /** The latest value of every key that {@code keys} accepts (tombstones dropped). */
    private <T> List<T> read(Predicate<String> keys, Class<T> type) {
        Map<String, Object> config = clientConfig();
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "response-state-loader-" + UUID.randomUUID());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Map<String, T> latest = new LinkedHashMap<>();
        long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, READ_TIMEOUT).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, READ_TIMEOUT);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("reading " + topic + " took longer than " + READ_TIMEOUT);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.key() != null && keys.test(record.key())) {
                        apply(latest, record, type);
                    }
                }
            }
        }
        return new ArrayList<>(latest.values());
    }

    private static <T> void apply(Map<String, T> latest, ConsumerRecord<String, byte[]> record, Class<T> type) {
        if (record.value() == null) {
            latest.remove(record.key());
            return;
        }
        try {
            latest.put(record.key(), FindingCodec.mapper().readValue(record.value(), type));
        } catch (IOException e) {
            LOG.errorf("skipping unreadable %s record %s at %d/%d: %s", record.topic(), record.key(),
                    record.partition(), record.offset(), e.getMessage());
        }
    }

    @Override
    public void write(Collection<DesiredBlock> upserts, Collection<String> removedKeys) {
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        KafkaProducer<String, byte[]> out = producer();
        try {
            for (DesiredBlock block : upserts) {
                sends.add(out.send(new ProducerRecord<>(topic, block.key(), FindingCodec.mapper().writeValueAsBytes(block))));
            }
            for (String key : removedKeys) {
                sends.add(out.send(new ProducerRecord<>(topic, key, null)));
            }
            for (Future<RecordMetadata> send : sends) {
                send.get(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (IOException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException("writing the desired state to " + topic + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing the desired state", e);
        }
    }

    private KafkaProducer<String, byte[]> producer() {
        KafkaProducer<String, byte[]> current = producer;
        if (current == null) {
            synchronized (this) {
                if (producer == null) {
                    Map<String, Object> config = clientConfig();
                    config.put(ProducerConfig.ACKS_CONFIG, "all");
                    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
                    config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
                    producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
                }
                current = producer;
            }
        }
        return current;
    }

    /** The shared {@code kafka.*} settings, without anything that is about one channel. */
    private Map<String, Object> clientConfig() {
        Map<String, Object> config = new HashMap<>();
        kafka.forEach((k, v) -> {
            if (!k.contains("serializer") && !k.contains("deserializer") && !k.startsWith("group.id")) {
                config.put(k, v);
            }
        });
        return config;
    }

    @PreDestroy
    void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
