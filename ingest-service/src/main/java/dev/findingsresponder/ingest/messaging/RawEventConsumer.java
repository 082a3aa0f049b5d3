package dev.findingsresponder.ingest.messaging;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.findingsresponder.ingest.IngestOutcome;
import dev.findingsresponder.ingest.IngestPipeline;
import dev.findingsresponder.model.DeadLetter;
import io.smallrye.mutiny.Uni;

/**
 * Reads {@code findings.raw} in batches. Offsets are committed only after every finding and dead
 * letter of the batch was acknowledged, so a crash replays rather than loses (duplicates are dropped).
 */
@ApplicationScoped
public class RawEventConsumer {

    private final IngestPipeline pipeline;

    public RawEventConsumer(IngestPipeline pipeline) {
        this.pipeline = pipeline;
    }

    @Incoming("findings-raw")
    public Uni<Void> consume(ConsumerRecords<byte[], byte[]> records) {
        List<Uni<IngestOutcome>> outcomes = new ArrayList<>(records.count());
        for (ConsumerRecord<byte[], byte[]> record : records) {
            outcomes.add(pipeline.ingest(record.value(),
                    DeadLetter.Origin.kafka(record.topic(), record.partition(), record.offset())));
        }
        if (outcomes.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.join().all(outcomes).andFailFast().replaceWithVoid();
    }
}
