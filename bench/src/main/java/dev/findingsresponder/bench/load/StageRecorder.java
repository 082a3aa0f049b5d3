package dev.findingsresponder.bench.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import dev.findingsresponder.model.Topics;

/**
 * Reads the pipeline's output topics from their current end on its own thread and keeps, per record, its ids and
 * its arrival time ({@code System.nanoTime()} when the poll returned it): the same clock the producer's send times
 * use, so latencies need no clock alignment. Everything else of the record is dropped at once.
 */
final class StageRecorder extends ArrivalLog implements AutoCloseable {

    static final List<String> TOPICS = List.of(Topics.FINDINGS_NORMALIZED, Topics.FINDINGS_TRIAGED,
            Topics.ACTIONS_REQUESTED, Topics.ACTIONS_RESULTS);
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong lastArrival = new AtomicLong(System.nanoTime());
    private final Thread thread;

    StageRecorder(String bootstrap) {
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "load-recorder-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : TOPICS) {
            consumer.partitionsFor(topic, Duration.ofSeconds(30))
                    .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // fix the start before anything is produced
        thread = new Thread(this::run, "stage-recorder");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (running.get()) {
            var records = consumer.poll(Duration.ofMillis(100));
            long now = System.nanoTime();
            if (records.isEmpty()) {
                continue;
            }
            synchronized (this) {
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    add(record.topic(), record.value(), now);
                }
            }
            lastArrival.set(now);
        }
        consumer.close();
    }

    /** Counts so far: normalized, triaged, requested, results. */
    synchronized long[] counts() {
        return new long[] {normalized.size(), triaged.size(), requested.size(), results.size()};
    }

    /** Nanos since the last record arrived. */
    long idleNanos() {
        return System.nanoTime() - lastArrival.get();
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(5_000);
    }

    @Override
    public String toString() {
        return "stage recorder";
    }
}
