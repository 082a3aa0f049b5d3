package dev.findingsresponder.response.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.findingsresponder.model.ActionRequest;
import dev.findingsresponder.response.ActionExecutor;
import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * Reads {@code actions.retry}: waits on a worker thread until the record's {@code not-before}, then executes the
 * request again as delivery {@code attempt}; the executor reschedules or gives up. Records are in not-before order
 * per partition (one delay for all), so waiting for the head of the partition delays nothing that is due.
 */
@ApplicationScoped
public class RetryConsumer {

    private final ActionExecutor executor;
    private final ResultPublisher publisher;

    public RetryConsumer(ActionExecutor executor, ResultPublisher publisher) {
        this.executor = executor;
        this.publisher = publisher;
    }

    @Incoming("actions-retry")
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) throws InterruptedException {
        Optional<ActionRequest> request = ActionRequestConsumer.decode(record.value(), record.topic(), record.partition(),
                record.offset(), publisher);
        if (request.isEmpty()) {
            return;
        }
        long wait = header(record, KafkaRetrySink.NOT_BEFORE, 0L) - Instant.now().toEpochMilli();
        if (wait > 0) {
            Thread.sleep(wait);
        }
        int attempt = (int) Math.max(1, header(record, KafkaRetrySink.ATTEMPT, 1L));
        publisher.publishAndWait(executor.retry(request.get(), attempt));
    }

    private static long header(ConsumerRecord<String, byte[]> record, String name, long fallback) {
        Header header = record.headers().lastHeader(name);
        if (header == null || header.value() == null) {
            return fallback;
        }
        try {
            return Long.parseLong(new String(header.value(), StandardCharsets.UTF_8).strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
