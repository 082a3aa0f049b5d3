package dev.findingsresponder.bench.load;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * End-to-end load: a fresh Kafka broker process, the three packaged services as processes, SSH brute-force findings
 * produced to findings.raw at a fixed rate or as fast as possible, latency from produce to each output topic, the
 * broker's own ceiling with the same producer settings, and each process's start-up time and peak memory.
 * Run with {@code bench/load.sh}; options are listed by {@code --help}.
 */
public final class LoadMain {

    private static final String USAGE = """
            usage: bench/load.sh [--rate N --duration 60s | --max [--events N]] [options]
              --rate N            events per second (default 1000)
              --duration D        how long to produce at that rate (default 60s)
              --max               produce --events events as fast as possible instead
              --events N          events in --max mode (default 30000)
              --warmup N          events produced and drained first, not measured (default 2000; 0 = none)
              --policy FILE       triage policy (default bench/src/main/resources/load/load-policy.yaml)
              --bootstrap H:P     use this broker (topics must exist) instead of starting a fresh one
              --ceiling-records N records of the broker-ceiling loop (default 200000)
              --no-ceiling        skip the broker-ceiling loop
              --drain-max D       stop waiting for the pipeline after this long in all (default 15m)
              --drain-idle D      stop waiting for the pipeline after this long without a new record (default 30s)
            """;

    private LoadMain() {
    }

    public static void main(String[] args) throws Exception {
        LoadOptions options = new LoadOptions(args);
        if (options.flag("help")) {
            System.out.print(USAGE);
            return;
        }
        boolean max = options.flag("max");
        double rate = max ? 0 : options.number("rate", 1000);
        Duration duration = options.duration("duration", Duration.ofSeconds(60));
        int events = max ? options.integer("events", 30_000) : (int) Math.round(rate * duration.toMillis() / 1000.0);
        int warmup = options.integer("warmup", 2_000);
        System.out.printf("load: %s; %d SSH brute-force findings (distinct instances, 10 accounts); producer %s%n",
                max ? "as fast as possible" : String.format("%.0f events/s for %d s", rate, duration.toSeconds()),
                events, ProducerSettings.DESCRIPTION);
        List<LoadEvent> warm = LoadEvents.distinctFindings(Math.max(0, warmup));
        List<LoadEvent> load = LoadEvents.distinctFindings(events);
        int averageBytes = (int) load.stream().mapToInt(e -> e.json().length).average().orElse(0);
        System.out.printf("events generated: %d, %d bytes on average%n", load.size(), averageBytes);

        try (RunHarness run = new RunHarness(options)) {
            Path policy = Path.of(options.text("policy",
                    run.repo.resolve("bench/src/main/resources/load/load-policy.yaml").toString())).toAbsolutePath();
            Map<String, String> responseEnv = new HashMap<>();
            // observe mode makes no AWS call; an endpoint is set anyway so nothing could reach real AWS
            responseEnv.put("AWS_ENDPOINT_OVERRIDE", System.getenv().getOrDefault("MOTO_ENDPOINT",
                    "http://127.0.0.1:9"));
            run.startServices(policy, responseEnv, run.repo.resolve("bench/target/load-logs"));
            run.warmUp(warm, Duration.ofMinutes(5));

            PacedProducer.Sent sent;
            try (StageRecorder recorder = run.cleanup.add(new StageRecorder(run.bootstrap))) {
                System.out.println("measuring...");
                Map<String, Double> cpuBefore = run.rss.cpuSeconds();
                sent = new PacedProducer(run.bootstrap).produce(load, rate);
                RunHarness.drain(recorder, events, options.duration("drain-idle", Duration.ofSeconds(30)),
                        options.duration("drain-max", Duration.ofMinutes(15)), "drain");
                Map<String, Double> cpuAfter = run.rss.cpuSeconds();
                run.report(recorder, sent, rate);
                RunHarness.cpu(cpuBefore, cpuAfter, events);
                Outcomes.print(recorder);
            }
            if (!options.flag("no-ceiling")) {
                long records = options.integer("ceiling-records", 200_000);
                System.out.printf("%nbroker ceiling: %d records of %d bytes into %s, as fast as possible, %s "
                        + "(services idle)...%n", records, averageBytes, BrokerCeiling.TOPIC,
                        ProducerSettings.DESCRIPTION);
                BrokerCeiling.Ceiling c = BrokerCeiling.measure(run.bootstrap, records, averageBytes);
                System.out.printf("  %.0f records/s, %.1f MiB/s; ack p50 %s ms, p99 %s ms, max %s ms; errors %d%n",
                        c.recordsPerSecond(), c.mibPerSecond(), Table.ms(c.ackMicros(), 50),
                        Table.ms(c.ackMicros(), 99), Table.ms(c.ackMicros(), 100), c.errors());
            }
            run.resources();
        }
    }
}
