package dev.findingsresponder.ingest.messaging;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import dev.findingsresponder.model.DeadLetter;
import dev.findingsresponder.model.FindingCodec;
import dev.findingsresponder.model.Topics;
import io.smallrye.common.annotation.Identifier;

/**
 * Reads {@code findings.dlq} for operators: from a point in time (or the beginning) up to the end offsets as they
 * were when the read started, so a replay that writes new dead letters never reads its own output. No consumer
 * group: nothing is committed, and reading changes nothing. Uses the service's {@code kafka.*} settings.
 */
@ApplicationScoped
public class DeadLetterReader {

    /** A dead letter and where it sits in the topic. */
    public record Located(int partition, long offset, DeadLetter letter) {
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Map<String, Object> kafka;
    private final String topic;

    @Inject
    public DeadLetterReader(@Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this(kafka, Topics.FINDINGS_DLQ);
    }

    DeadLetterReader(Map<String, Object> kafka, String topic) {
        this.kafka = kafka;
        this.topic = topic;
    }

    /**
     * Up to {@code limit} letters accepted by {@code filter}, oldest first, written at or after {@code since}
     * (null: from the beginning), reading at most {@code maxScan} records. Records that are not dead letters are
     * skipped.
     */
    public Scan read(Instant since, Predicate<DeadLetter> filter, int limit, int maxScan) {
        Map<String, Object> config = new HashMap<>();
        kafka.forEach((k, v) -> {
            if (!k.contains("serializer") && !k.contains("deserializer") && !k.startsWith("group.id")) {
                config.put(k, v);
            }
        });
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "ingest-dlq-reader-" + UUID.randomUUID());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<Located> matched = new ArrayList<>();
        int scanned = 0;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, TIMEOUT).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
            seek(consumer, partitions, since);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (matched.size() < limit && scanned < maxScan && System.nanoTime() < deadline
                    && partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    TopicPartition tp = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() >= end.get(tp) || matched.size() >= limit || scanned >= maxScan) {
                        continue;
                    }
                    scanned++;
                    letter(record.value()).filter(filter)
                            .ifPresent(l -> matched.add(new Located(record.partition(), record.offset(), l)));
                }
            }
        }
        return new Scan(scanned, matched);
    }

    /** How many records were read and the letters that matched. */
    public record Scan(int scanned, List<Located> letters) {
    }

    private static void seek(KafkaConsumer<String, byte[]> consumer, List<TopicPartition> partitions, Instant since) {
        if (since == null) {
            consumer.seekToBeginning(partitions);
            return;
        }
        Map<TopicPartition, Long> times = new HashMap<>();
        partitions.forEach(p -> times.put(p, since.toEpochMilli()));
        Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(times, TIMEOUT);
        for (TopicPartition p : partitions) {
            OffsetAndTimestamp at = offsets.get(p);
            if (at == null) {
                consumer.seekToEnd(List.of(p)); // nothing that recent in this partition
            } else {
                consumer.seek(p, at.offset());
            }
        }
    }

    private static Optional<DeadLetter> letter(byte[] value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(FindingCodec.mapper().readValue(value, DeadLetter.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
