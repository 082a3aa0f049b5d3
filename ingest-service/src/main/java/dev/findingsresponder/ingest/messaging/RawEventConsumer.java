package dev.findingsresponder.ingest.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.findingsresponder.ingest.IngestOutcome;
import dev.findingsresponder.ingest.IngestPipeline;
import dev.findingsresponder.messaging.ChannelProducer;
import dev.findingsresponder.model.DeadLetter;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * Reads {@code findings.raw} in batches. Offsets are committed only after every finding and dead
 * letter of the batch was acknowledged, so a crash replays rather than loses (duplicates are dropped).
 */
@ApplicationScoped
public class RawEventConsumer {

    static final Duration ACK_TIMEOUT = ChannelProducer.BATCH_ACK_TIMEOUT;

    private final IngestPipeline pipeline;

    public RawEventConsumer(IngestPipeline pipeline) {
        this.pipeline = pipeline;
    }

    /**
     * On a worker thread, so normalizing a batch does not block the event loop (it did for seconds on a loaded
     * machine); the writes are resent through a broker outage of up to 9 min, and the wait for them is bounded by
     * {@link #ACK_TIMEOUT}, so a write that never completes fails the channel rather than stalling it.
     */
    @Incoming("findings-raw")
    @Blocking
    public void consume(ConsumerRecords<byte[], byte[]> records) {
        List<Uni<IngestOutcome>> outcomes = new ArrayList<>(records.count());
        for (ConsumerRecord<byte[], byte[]> record : records) {
            outcomes.add(pipeline.ingest(record.value(),
                    DeadLetter.Origin.kafka(record.topic(), record.partition(), record.offset())));
        }
        if (!outcomes.isEmpty()) {
            Uni.join().all(outcomes).andFailFast().await().atMost(ACK_TIMEOUT);
        }
    }
}
