package dev.findingsresponder.bench.load;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import dev.findingsresponder.model.Topics;

/**
 * Produces events to findings.raw at a fixed rate or as fast as the producer takes them.
 *
 * <p>At a fixed rate an event's produce time is its scheduled time, not when {@code send} got to run: if the
 * generator falls behind, the delay counts against the pipeline instead of vanishing from the figures
 * (coordinated omission). As fast as possible, it is when {@code send} was called.
 */
final class PacedProducer {

    /** What a production run did. */
    record Sent(Map<String, Long> sentNanos, long firstNanos, long lastNanos, Histogram ackMicros, long errors,
            long behindMaxMicros) {

        double rate() {
            long span = lastNanos - firstNanos;
            return sentNanos.size() < 2 || span <= 0 ? 0 : (sentNanos.size() - 1) * 1e9 / span;
        }
    }

    private final String bootstrap;

    PacedProducer(String bootstrap) {
        this.bootstrap = bootstrap;
    }

    /** @param perSecond events per second; 0 or less: as fast as possible */
    Sent produce(List<LoadEvent> events, double perSecond) {
        Map<String, Long> sent = new HashMap<>(events.size() * 2);
        Recorder acks = new Recorder(3_600_000_000L, 3);
        AtomicLong errors = new AtomicLong();
        long behindMax = 0;
        double interval = perSecond > 0 ? 1e9 / perSecond : 0;
        try (KafkaProducer<byte[], byte[]> producer = ProducerSettings.producer(bootstrap)) {
            long start = System.nanoTime();
            long last = start;
            for (int i = 0; i < events.size(); i++) {
                LoadEvent event = events.get(i);
                long at;
                if (interval > 0) {
                    at = start + (long) (i * interval);
                    long wait = at - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    } else {
                        behindMax = Math.max(behindMax, -wait / 1_000);
                    }
                } else {
                    at = System.nanoTime();
                }
                sent.put(event.eventId(), at);
                long sendCalled = System.nanoTime();
                producer.send(new ProducerRecord<>(Topics.FINDINGS_RAW,
                        event.eventId().getBytes(StandardCharsets.UTF_8), event.json()), (metadata, e) -> {
                            if (e != null) {
                                errors.incrementAndGet();
                            } else {
                                acks.recordValue((System.nanoTime() - sendCalled) / 1_000);
                            }
                        });
                last = at;
            }
            producer.flush();
            return new Sent(sent, start, last, acks.getIntervalHistogram(), errors.get(), behindMax);
        }
    }
}
