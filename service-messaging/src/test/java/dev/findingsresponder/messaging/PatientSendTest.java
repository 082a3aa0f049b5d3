package dev.findingsresponder.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * A write the producer gave up on (what it does while the broker is down: no metadata within max.block.ms, or the
 * delivery timeout) is sent again until it is acknowledged, within the patience.
 */
class PatientSendTest {

    private final AtomicInteger attempts = new AtomicInteger();

    /** Fails the first {@code failures} sends like a producer whose broker is down, then acknowledges. */
    private Supplier<CompletableFuture<?>> brokerBackAfter(int failures) {
        return () -> attempts.incrementAndGet() <= failures
                ? CompletableFuture.failedFuture(new TimeoutException("Topic t not present in metadata after 60000 ms."))
                : CompletableFuture.completedFuture("acked");
    }

    @Test
    void aBlockingWriteIsSentAgainUntilTheBrokerTakesIt() {
        ChannelProducer.sendPatiently(brokerBackAfter(2), Duration.ofSeconds(30), "result r-1");

        assertThat(attempts).hasValue(3);
    }

    @Test
    void anAsyncWriteIsSentAgainUntilTheBrokerTakesIt() throws Exception {
        CompletableFuture<Void> written = ChannelProducer.sendPatientlyAsync(brokerBackAfter(2), Duration.ofSeconds(30),
                "result r-2");

        written.get(20, TimeUnit.SECONDS);
        assertThat(attempts).hasValue(3);
    }

    @Test
    void pastItsPatienceTheWriteFailsWithTheProducersError() {
        assertThatThrownBy(() -> ChannelProducer.sendPatiently(brokerBackAfter(100), Duration.ofMillis(1500), "r-3"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("r-3")
                .hasRootCauseInstanceOf(TimeoutException.class);
        int blocking = attempts.getAndSet(0);

        CompletableFuture<Void> written = ChannelProducer.sendPatientlyAsync(brokerBackAfter(100),
                Duration.ofMillis(1500), "r-4");

        assertThatThrownBy(() -> written.get(20, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasRootCauseInstanceOf(TimeoutException.class);
        assertThat(blocking).isBetween(1, 2);
        assertThat(attempts.get()).isBetween(1, 2);
    }

    @Test
    void aRecordTheBrokerRefusesFailsAtOnceInsteadOfWaitingOutThePatience() {
        Supplier<CompletableFuture<?>> tooLarge = () -> {
            attempts.incrementAndGet();
            return CompletableFuture.failedFuture(new RecordTooLargeException("The message is 4080000 bytes"));
        };

        assertThatThrownBy(() -> ChannelProducer.sendPatiently(tooLarge, Duration.ofMinutes(9), "r-5"))
                .hasRootCauseInstanceOf(RecordTooLargeException.class);
        CompletableFuture<Void> written = ChannelProducer.sendPatientlyAsync(tooLarge, Duration.ofMinutes(9), "r-6");

        assertThatThrownBy(() -> written.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasRootCauseInstanceOf(RecordTooLargeException.class);
        assertThat(attempts).hasValue(2);
    }
}
