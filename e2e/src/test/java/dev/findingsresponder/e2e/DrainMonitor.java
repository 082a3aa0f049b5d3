package dev.findingsresponder.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Samples, once a second, the consumer lag of the pipeline and each service's resident memory ({@code VmRSS} of
 * {@code /proc/<pid>/status}) and used heap ({@code jvm_memory_used_bytes{area="heap"}} from {@code /q/metrics}),
 * until the lag has been zero for three samples in a row. Keeps the peaks.
 */
final class DrainMonitor {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** What one drain looked like. */
    record Drain(long millis, long peakLag, Map<String, Long> peakRssKb, Map<String, Long> peakHeapBytes,
                 int samples) {
    }

    private final List<ServiceProcess> services;
    private final PipelineLag lag;

    DrainMonitor(List<ServiceProcess> services, PipelineLag lag) {
        this.services = services;
        this.lag = lag;
    }

    /** Samples until drained; fails after {@code timeout} with the last lag per group. */
    Drain awaitDrained(Duration timeout) throws InterruptedException {
        long start = System.nanoTime();
        long peak = 0;
        int zeros = 0;
        int samples = 0;
        Map<String, Long> rss = new LinkedHashMap<>();
        Map<String, Long> heap = new LinkedHashMap<>();
        Map<String, Long> last = Map.of();
        while (zeros < 3) {
            if (System.nanoTime() - start > timeout.toNanos()) {
                throw new AssertionError("not drained within " + timeout + "; lag " + last);
            }
            last = lag.lag();
            long total = last.values().stream().allMatch(v -> v >= 0)
                    ? last.values().stream().mapToLong(Long::longValue).sum() : -1;
            peak = Math.max(peak, total);
            zeros = total == 0 ? zeros + 1 : 0;
            for (ServiceProcess service : services) {
                rss.merge(service.name(), rssKb(service), Math::max);
                heap.merge(service.name(), heapBytes(service), Math::max);
            }
            samples++;
            Thread.sleep(1000);
        }
        // the three zero samples took about 2 s after the lag was first seen at zero
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) - 2000;
        return new Drain(Math.max(0, millis), peak, rss, heap, samples);
    }

    /** Resident set size in kB, or 0 when the process is not running. */
    static long rssKb(ServiceProcess service) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(service.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    /** Heap in use as the service reports it, or 0 when it does not answer. */
    static long heapBytes(ServiceProcess service) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(service.url() + "/q/metrics"))
                    .timeout(Duration.ofSeconds(3)).GET().build();
            String body = HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
            double sum = 0;
            for (String line : body.split("\n")) {
                if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                    sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            return (long) sum;
        } catch (IOException | RuntimeException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /** Asks the service's JVM for a full collection ({@code jcmd <pid> GC.run}), so the heap read next is live data. */
    static void collectGarbage(ServiceProcess service) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process process = new ProcessBuilder(jcmd.toString(), String.valueOf(service.pid()), "GC.run")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
