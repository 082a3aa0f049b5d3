package dev.findingsresponder.bench.load;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What both tools do around their scenario: a broker (started fresh, or the one named by {@code --bootstrap}),
 * the three services, memory sampling, warm-up, producing, waiting for the pipeline to drain, and the shared part of
 * the report (latency per stage, start-up, resident memory). Everything started is closed by {@link Cleanup}.
 */
final class RunHarness implements AutoCloseable {

    final Path repo = LoadOptions.repo();
    final Cleanup cleanup = new Cleanup();
    final RssSampler rss = cleanup.add(new RssSampler());
    final String bootstrap;
    private Duration brokerStartup;
    private Pipeline pipeline;

    RunHarness(LoadOptions options) throws Exception {
        String external = options.text("bootstrap", null);
        if (external != null) {
            bootstrap = external;
            System.out.println("broker: using " + bootstrap + " (--bootstrap; its topics must exist)");
            BrokerProcess.createScratchTopic(bootstrap);
        } else {
            BrokerProcess broker = cleanup.add(new BrokerProcess(repo.resolve(".local/kafka/lib")));
            brokerStartup = broker.start(repo.resolve("scripts/topics.conf"), 3);
            rss.watch("kafka broker", broker.pid());
            bootstrap = broker.bootstrap();
            System.out.printf("broker: fresh Kafka (KRaft) process on %s, port open in %.1f s%n", bootstrap,
                    brokerStartup.toMillis() / 1000.0);
        }
    }

    void startServices(Path policy, Map<String, String> responseEnv, Path logs) throws Exception {
        System.out.println("services (policy " + repo.relativize(policy.toAbsolutePath()) + "):");
        pipeline = cleanup.add(new Pipeline(repo, logs, bootstrap, policy, responseEnv, rss, cleanup));
    }

    String url(String service) {
        return pipeline.url(service);
    }

    /** Produces {@code events} at once and waits until they went through triage, untimed. */
    void warmUp(List<LoadEvent> events, Duration maxWait) throws InterruptedException {
        if (events.isEmpty()) {
            return;
        }
        System.out.printf("warm-up: %d events (not measured)%n", events.size());
        try (StageRecorder recorder = new StageRecorder(bootstrap)) {
            new PacedProducer(bootstrap).produce(events, 0);
            drain(recorder, events.size(), Duration.ofSeconds(20), maxWait, "warm-up");
        }
    }

    /**
     * Waits until every event was normalized and triaged and every request seen has a result, then one more quiet
     * second; gives up after {@code idleLimit} without a new record or {@code maxWait} in all.
     */
    static void drain(StageRecorder recorder, int events, Duration idleLimit, Duration maxWait, String what)
            throws InterruptedException {
        long start = System.nanoTime();
        long nextReport = start;
        while (true) {
            long[] c = recorder.counts();
            boolean complete = c[0] >= events && c[1] >= events && c[3] >= c[2];
            long now = System.nanoTime();
            if (now >= nextReport) {
                System.out.printf("  %s: %6.1f s  normalized %d/%d  triaged %d  requested %d  results %d%n", what,
                        (now - start) / 1e9, c[0], events, c[1], c[2], c[3]);
                nextReport = now + 5_000_000_000L;
            }
            if (complete && recorder.idleNanos() > 1_000_000_000L) {
                return;
            }
            if (recorder.idleNanos() > idleLimit.toNanos()) {
                System.out.printf("  %s: nothing new for %d s: stop waiting (normalized %d/%d triaged %d requested "
                        + "%d results %d)%n", what, idleLimit.toSeconds(), c[0], events, c[1], c[2], c[3]);
                return;
            }
            if (now - start > maxWait.toNanos()) {
                System.out.printf("  %s: still not drained after %d s: stop waiting%n", what, maxWait.toSeconds());
                return;
            }
            Thread.sleep(250);
        }
    }

    /** The latency table of the four stages, the producer's own figures, start-up times and memory. */
    void report(StageRecorder recorder, PacedProducer.Sent sent, double askedRate) {
        Correlator correlator = new Correlator(sent.sentNanos());
        List<StageLatency> stages;
        synchronized (recorder) {
            stages = List.of(correlator.findings("findings.normalized", recorder.normalized),
                    correlator.findings("findings.triaged", recorder.triaged),
                    correlator.requests(recorder.requested),
                    correlator.results(recorder.requested, recorder.results));
        }
        System.out.printf("%nproduced %d events to findings.raw in %.1f s: %.0f events/s%s; producer ack p50 %s ms, "
                + "p99 %s ms, errors %d%s%n", sent.sentNanos().size(), (sent.lastNanos() - sent.firstNanos()) / 1e9,
                sent.rate(), askedRate > 0 ? " (asked " + (long) askedRate + "/s)" : " (as fast as possible)",
                Table.ms(sent.ackMicros(), 50), Table.ms(sent.ackMicros(), 99), sent.errors(),
                askedRate > 0 && sent.behindMaxMicros() > 0
                        ? String.format("; the generator fell behind its schedule by up to %.1f ms (counted in the "
                                + "latencies)", sent.behindMaxMicros() / 1000.0) : "");
        Table.latencies("latency from produce (to findings.raw) to the record's arrival in each topic, and the "
                + "rate each topic received them at:", stages);
        StageLatency triaged = stages.get(1);
        System.out.printf("  sustained ingest->triage throughput (10th-90th percentile of findings.triaged "
                + "arrivals): %.0f findings/s%n", triaged.sustainedThroughput());
        resources();
    }

    /**
     * CPU seconds each process used between two {@link RssSampler#cpuSeconds} snapshots, and per 1,000 findings:
     * on a 2-core machine shared by all of them, this says who the throughput is spent on.
     */
    static void cpu(Map<String, Double> before, Map<String, Double> after, int findings) {
        System.out.println();
        System.out.printf("CPU used while measuring (user + system), %d findings:%n", findings);
        System.out.printf("  %-17s %10s %16s %8s%n", "process", "CPU s", "ms per finding", "share");
        double total = after.entrySet().stream().mapToDouble(e -> e.getValue() - before.getOrDefault(e.getKey(), 0.0))
                .sum();
        after.forEach((name, seconds) -> {
            double used = seconds - before.getOrDefault(name, 0.0);
            System.out.printf("  %-17s %10.1f %16.3f %7.0f%%%n", name, used, used * 1000 / Math.max(1, findings),
                    total > 0 ? 100 * used / total : 0);
        });
    }

    void resources() {
        System.out.println();
        System.out.println("start-up (process start to first /q/health/ready 200) and resident memory (VmRSS):");
        System.out.printf("  %-17s %10s %14s %14s%n", "process", "start-up s", "peak RSS MiB", "last RSS MiB");
        rss.figures().forEach((name, r) -> {
            Duration up = "kafka broker".equals(name) ? brokerStartup : pipeline == null ? null
                    : pipeline.startup().get(name);
            System.out.printf("  %-17s %10s %14.0f %14.0f%n", name,
                    up == null ? "-" : String.format("%.1f", up.toMillis() / 1000.0), r.peakKib() / 1024.0,
                    r.lastKib() / 1024.0);
        });
        if (brokerStartup != null) {
            System.out.println("  (the broker's start-up is until its port opens)");
        }
    }

    @Override
    public void close() {
        cleanup.close();
    }
}
