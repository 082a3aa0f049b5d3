package dev.findingsresponder.response.messaging;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import dev.findingsresponder.model.ActionRequest;
import dev.findingsresponder.model.ActionResult;

/**
 * Gathers requests per enforcement target and hands each target's batch to one writer at a time. The first request
 * for an idle target opens a window; when it closes, everything queued for that target is handled in one batch.
 * Requests arriving while a batch is being written queue up and form the next batch at once (they have waited
 * already), so a storm on one IP set becomes a few large writes instead of thousands of small ones.
 *
 * <p>Bounded: at most {@code maxInFlight} requests are queued or running; {@link #submit} blocks the consumer's
 * worker thread beyond that, which stops polling (Kafka holds the rest).
 */
public final class TargetCoalescer implements AutoCloseable {

    private record Item(ActionRequest request, CompletableFuture<ActionResult> done) {
    }

    private final Function<List<ActionRequest>, List<ActionResult>> handler;
    private final long windowMillis;
    private final int maxBatch;
    private final Semaphore inFlight;
    private final ScheduledExecutorService writers;
    private final Map<String, Queue<Item>> queues = new HashMap<>();
    private final Set<String> scheduled = new HashSet<>();

    /**
     * @param handler     handles one target's batch, one result per request in order
     * @param window      how long the first request for an idle target waits for others
     * @param maxBatch    most requests in one batch
     * @param workers     targets written in parallel
     * @param maxInFlight most requests queued or running at once
     */
    public TargetCoalescer(Function<List<ActionRequest>, List<ActionResult>> handler, Duration window, int maxBatch,
            int workers, int maxInFlight) {
        this.handler = handler;
        this.windowMillis = Math.max(0, window.toMillis());
        this.maxBatch = Math.max(1, maxBatch);
        this.inFlight = new Semaphore(Math.max(1, maxInFlight));
        AtomicInteger n = new AtomicInteger();
        this.writers = Executors.newScheduledThreadPool(Math.max(1, workers), r -> {
            Thread thread = new Thread(r, "target-writer-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Queues {@code request}; the future completes with its result (or the batch's failure). */
    public CompletableFuture<ActionResult> submit(ActionRequest request) throws InterruptedException {
        inFlight.acquire();
        Item item = new Item(request, new CompletableFuture<>());
        item.done().whenComplete((r, e) -> inFlight.release());
        String key = key(request);
        synchronized (queues) {
            queues.computeIfAbsent(key, k -> new ArrayDeque<>()).add(item);
            if (scheduled.add(key)) {
                writers.schedule(() -> drain(key), windowMillis, TimeUnit.MILLISECONDS);
            }
        }
        return item.done();
    }

    private void drain(String key) {
        List<Item> batch = new ArrayList<>();
        synchronized (queues) {
            Queue<Item> queue = queues.get(key);
            while (queue != null && !queue.isEmpty() && batch.size() < maxBatch) {
                batch.add(queue.poll());
            }
        }
        try {
            List<ActionResult> results = handler.apply(batch.stream().map(Item::request).toList());
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).done().complete(results.get(i));
            }
        } catch (Throwable e) {
            batch.forEach(item -> item.done().completeExceptionally(e));
        } finally {
            synchronized (queues) {
                Queue<Item> queue = queues.get(key);
                if (queue != null && !queue.isEmpty()) {
                    writers.execute(() -> drain(key));
                } else {
                    queues.remove(key);
                    scheduled.remove(key);
                }
            }
        }
    }

    private static String key(ActionRequest request) {
        return request.target() == null || request.target().key() == null ? "" : request.target().key();
    }

    @Override
    public void close() {
        writers.shutdownNow();
    }
}
