package dev.findingsresponder.response.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.findingsresponder.model.ActionRequest;
import dev.findingsresponder.response.ActionExecutor;
import io.quarkus.runtime.ShutdownEvent;
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
    private volatile boolean stopping;

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
        long notBefore = header(record, KafkaRetrySink.NOT_BEFORE, 0L);
        for (long wait = notBefore - Instant.now().toEpochMilli(); wait > 0;
                wait = notBefore - Instant.now().toEpochMilli()) {
            if (stopping) {
                // not acknowledged: the record is read again after the restart instead of holding up shutdown
                throw new IllegalStateException("shutting down before retry " + record.offset() + " was due");
            }
            Thread.sleep(Math.min(wait, 200));
        }
        int attempt = (int) Math.max(1, header(record, KafkaRetrySink.ATTEMPT, 1L));
        publisher.publishAndWait(executor.retry(request.get(), attempt));
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
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
