package dev.findingsresponder.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the kubelet does with the liveness probe of {@code deploy/k8s/base/*-service.yaml} (every 10 s, 3 failures in a
 * row): a service whose {@code /q/health/live} fails three times running is killed and started again. The services
 * fail their channel on a Kafka write that is never acknowledged and rely on this restart, so the fault tests run
 * with it; every restart is counted and reported. Paused while a test kills and restarts a service itself.
 */
final class LivenessWatchdog implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private static final Duration PERIOD = Duration.ofSeconds(10);
    private static final int FAILURE_THRESHOLD = 3;

    private final List<ServiceProcess> services;
    private final Map<String, AtomicInteger> restarts = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean paused;

    LivenessWatchdog(List<ServiceProcess> services) {
        this.services = services;
        services.forEach(s -> restarts.put(s.name(), new AtomicInteger()));
        thread = Thread.ofPlatform().daemon().name("liveness-watchdog").start(this::run);
    }

    /** Restarts so far, per service. */
    Map<String, Integer> restarts() {
        Map<String, Integer> copy = new java.util.LinkedHashMap<>();
        services.forEach(s -> copy.put(s.name(), restarts.get(s.name()).get()));
        return copy;
    }

    void pause(boolean pause) {
        this.paused = pause;
    }

    private void run() {
        Map<String, Integer> failures = new ConcurrentHashMap<>();
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(PERIOD.toMillis());
                for (ServiceProcess service : services) {
                    if (paused || live(service)) {
                        failures.put(service.name(), 0);
                    } else if (failures.merge(service.name(), 1, Integer::sum) >= FAILURE_THRESHOLD) {
                        System.out.printf("reliability: liveness of %s failed %d times: restarting it%n",
                                service.name(), FAILURE_THRESHOLD);
                        service.kill();
                        service.restart(FaultPipeline.START_TIMEOUT);
                        restarts.get(service.name()).incrementAndGet();
                        failures.put(service.name(), 0);
                    }
                }
            } catch (InterruptedException e) {
                return;
            } catch (IOException | RuntimeException e) {
                System.out.printf("reliability: watchdog could not restart a service: %s%n", e);
            }
        }
    }

    private static boolean live(ServiceProcess service) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(service.url() + "/q/health/live"))
                    .timeout(Duration.ofSeconds(3)).GET().build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
