package dev.findingsresponder.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** A service's {@code /q/health/ready} as a probe sees it: a status code, or -1 when no answer came within 5 s. */
final class Readiness {

    /** What a Kubernetes probe or an operator's curl would wait at most. */
    static final Duration ANSWER_WITHIN = Duration.ofSeconds(5);

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Readiness() {
    }

    static int status(ServiceProcess service) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(service.url() + "/q/health/ready"))
                .timeout(ANSWER_WITHIN).GET().build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException noAnswer) {
            return -1;
        }
    }

    /** Polls until readiness answers {@code expected}; returns the milliseconds it took, or fails with the last answer. */
    static long awaitStatus(ServiceProcess service, int expected, Duration timeout) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        int last;
        do {
            last = status(service);
            if (last == expected) {
                return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            }
            Thread.sleep(250);
        } while (System.nanoTime() < deadline);
        throw new AssertionError(service.name() + " readiness answered " + (last == -1 ? "nothing within "
                + ANSWER_WITHIN.toSeconds() + " s" : Integer.toString(last)) + " instead of " + expected + " for "
                + timeout.toSeconds() + " s; log tail:\n" + service.tail());
    }
}
