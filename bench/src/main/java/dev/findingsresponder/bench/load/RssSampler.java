package dev.findingsresponder.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Samples the resident memory ({@code VmRSS} of {@code /proc/<pid>/status}) of named processes every half second
 * and keeps each one's peak and last value. Linux only; elsewhere every figure stays 0.
 */
final class RssSampler implements AutoCloseable {

    /** Peak and last resident set size in KiB. */
    record Rss(long peakKib, long lastKib) {
    }

    private final Map<String, Long> pids = new LinkedHashMap<>();
    private final Map<String, long[]> figures = new LinkedHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "rss-sampler");
        thread.setDaemon(true);
        return thread;
    });

    RssSampler() {
        timer.scheduleAtFixedRate(this::sample, 0, 500, TimeUnit.MILLISECONDS);
    }

    synchronized void watch(String name, long pid) {
        pids.put(name, pid);
        figures.put(name, new long[2]);
        sample();
    }

    synchronized Map<String, Rss> figures() {
        Map<String, Rss> result = new LinkedHashMap<>();
        figures.forEach((name, f) -> result.put(name, new Rss(f[0], f[1])));
        return result;
    }

    private synchronized void sample() {
        pids.forEach((name, pid) -> {
            long kib = vmRssKib(pid);
            if (kib > 0) {
                long[] f = figures.get(name);
                f[0] = Math.max(f[0], kib);
                f[1] = kib;
            }
        });
    }

    /** CPU seconds (user + system) each watched process and this one have used so far; 0 where /proc is missing. */
    synchronized Map<String, Double> cpuSeconds() {
        Map<String, Double> result = new LinkedHashMap<>();
        pids.forEach((name, pid) -> result.put(name, cpuSeconds(pid)));
        result.put("load generator", cpuSeconds(ProcessHandle.current().pid()));
        return result;
    }

    /** utime + stime of {@code /proc/<pid>/stat}, in seconds (USER_HZ is 100 on Linux). */
    static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // after the command: state is field 3 of the man page, utime 14 and stime 15
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** VmRSS in KiB, or 0 when the process is gone or /proc is not there. */
    static long vmRssKib(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
