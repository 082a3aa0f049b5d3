package dev.findingsresponder.ingest.drill;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import dev.findingsresponder.ingest.IngestMetrics;
import dev.findingsresponder.ingest.config.IngestConfig;
import dev.findingsresponder.ingest.messaging.RawPublisher;
import dev.findingsresponder.model.drill.DrillEvent;
import dev.findingsresponder.model.drill.DrillGenerator;
import dev.findingsresponder.model.drill.DrillSpec;

/**
 * Runs one drill for {@code POST /drills} on the calling (worker) thread: paces the sends, keeps at most
 * {@link RawPublisher#MAX_IN_FLIGHT} unacknowledged, stops at the first failure, and returns once the broker
 * acknowledged every event (or the acknowledgement timeout passed).
 */
@ApplicationScoped
public class DrillRunner {

    /** Event ids a report lists at most. */
    public static final int LISTED_IDS = 100;

    private final RawPublisher publisher;
    private final IngestMetrics metrics;
    private final DrillGenerator generator = new DrillGenerator();
    private final Duration ackTimeout;

    public DrillRunner(RawPublisher publisher, IngestMetrics metrics, IngestConfig config) {
        this.publisher = publisher;
        this.metrics = metrics;
        this.ackTimeout = config.http().ackTimeout();
    }

    /**
     * What a drill did.
     *
     * @param sent     events the broker acknowledged
     * @param eventIds the first {@value #LISTED_IDS} event ids, in sending order
     * @param failure  why not every event was acknowledged, {@code null} when they all were
     */
    public record Report(int sent, List<String> eventIds, long millis, String failure) {
    }

    public Report run(DrillSpec spec, double rate) throws InterruptedException {
        long start = System.nanoTime();
        Pacer pacer = new Pacer(rate);
        Semaphore inFlight = new Semaphore(RawPublisher.MAX_IN_FLIGHT);
        AtomicInteger acknowledged = new AtomicInteger();
        CompletableFuture<Void> firstFailure = new CompletableFuture<>();
        List<CompletableFuture<Void>> sends = new ArrayList<>(spec.events());
        List<String> ids = new ArrayList<>(Math.min(LISTED_IDS, spec.events()));
        String type = spec.type().drillName();
        Iterator<DrillEvent> events = generator.iterator(spec);
        for (long i = 0; events.hasNext() && !firstFailure.isDone(); i++) {
            pacer.awaitTurn(i);
            DrillEvent event = events.next();
            if (ids.size() < LISTED_IDS) {
                ids.add(event.eventId());
            }
            if (!inFlight.tryAcquire(ackTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                firstFailure.completeExceptionally(new TimeoutException("Kafka acknowledged nothing for " + ackTimeout));
                break;
            }
            sends.add(publisher.send(event).subscribeAsCompletionStage().whenComplete((ok, error) -> {
                inFlight.release();
                if (error == null) {
                    acknowledged.incrementAndGet();
                    metrics.drillEvent(type);
                } else {
                    firstFailure.completeExceptionally(error);
                }
            }));
        }
        String failure = awaitAll(sends, firstFailure);
        return new Report(acknowledged.get(), List.copyOf(ids), (System.nanoTime() - start) / 1_000_000, failure);
    }

    private String awaitAll(List<CompletableFuture<Void>> sends, CompletableFuture<Void> firstFailure)
            throws InterruptedException {
        try {
            CompletableFuture.anyOf(CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)), firstFailure)
                    .get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
            return firstFailure.isCompletedExceptionally() ? describe(firstFailure) : null;
        } catch (ExecutionException e) {
            return String.valueOf(e.getCause());
        } catch (TimeoutException e) {
            return "Kafka did not acknowledge every event within " + ackTimeout;
        }
    }

    private static String describe(CompletableFuture<Void> failure) {
        try {
            failure.join();
            return null;
        } catch (RuntimeException e) {
            return String.valueOf(e.getCause() == null ? e : e.getCause());
        }
    }
}
