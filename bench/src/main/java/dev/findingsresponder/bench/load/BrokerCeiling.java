package dev.findingsresponder.bench.load;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The broker's own ceiling, like {@code kafka-producer-perf-test}: records of the events' average size, with the same
 * producer settings, as fast as possible into a scratch topic nobody reads.
 */
final class BrokerCeiling {

    static final String TOPIC = "bench.scratch";

    /** Records per second and MiB per second achieved, and the acknowledgement latency. */
    record Ceiling(long records, int recordBytes, double recordsPerSecond, double mibPerSecond, Histogram ackMicros,
            long errors) {
    }

    private BrokerCeiling() {
    }

    static Ceiling measure(String bootstrap, long records, int recordBytes) {
        byte[] value = new byte[recordBytes];
        new SplittableRandom(42).nextBytes(value);
        Recorder acks = new Recorder(3_600_000_000L, 3);
        AtomicLong errors = new AtomicLong();
        long start;
        long end;
        try (KafkaProducer<byte[], byte[]> producer = ProducerSettings.producer(bootstrap)) {
            start = System.nanoTime();
            for (long i = 0; i < records; i++) {
                long sendCalled = System.nanoTime();
                producer.send(new ProducerRecord<>(TOPIC, Long.toString(i).getBytes(), value), (m, e) -> {
                    if (e != null) {
                        errors.incrementAndGet();
                    } else {
                        acks.recordValue((System.nanoTime() - sendCalled) / 1_000);
                    }
                });
            }
            producer.flush();
            end = System.nanoTime();
        }
        double seconds = (end - start) / 1e9;
        return new Ceiling(records, recordBytes, records / seconds, records * (double) recordBytes / seconds / 1048576,
                acks.getIntervalHistogram(), errors.get());
    }
}
