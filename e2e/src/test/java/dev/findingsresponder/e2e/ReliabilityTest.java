package dev.findingsresponder.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 10: the three packaged services as processes against a broker process and moto. First findings flow while
 * each service in turn is killed with SIGKILL and started again, and then the broker is stopped for 150 s
 * ({@code -Dreliability.broker-down-seconds}) and started again, which no service may need a restart for;
 * then a burst far above what the services drain per second. Afterwards the topics are read end to end and the AWS
 * state read back ({@link Accounting}). Sizes: {@code -Dreliability.findings} (600; produced evenly over
 * {@code -Dreliability.produce-seconds}, 20) and {@code -Dreliability.burst} (3,000): the short version that
 * {@code ./mvnw verify} runs; RELIABILITY.md gives the long ones. {@code -Dreliability.skip=true} skips it. Figures are printed for RELIABILITY.md.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReliabilityTest {

    private static final int FINDINGS = Integer.getInteger("reliability.findings", 600);
    private static final Duration PRODUCE = Duration.ofSeconds(Long.getLong("reliability.produce-seconds", 20));
    private static final int BURST = Integer.getInteger("reliability.burst", 3_000);
    private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(Long.getLong("reliability.drain-minutes", 10));
    /**
     * How long the broker stays down in the crash run: past the producers' max.block.ms (60 s) and delivery timeout
     * (2 min), so the writes in flight fail at least once and must be sent again for the consumers to ride it out.
     */
    private static final Duration BROKER_DOWN = Duration.ofSeconds(Long.getLong("reliability.broker-down-seconds", 150));

    private static FaultPipeline pipeline;
    private static PipelineLag lag;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeFalse(Boolean.getBoolean("reliability.skip"), "-Dreliability.skip=true");
        pipeline = FaultPipeline.startIfPackaged();
        Assumptions.assumeTrue(pipeline != null,
                "services not packaged: run ./mvnw verify from the repository root (it packages them first)");
        lag = new PipelineLag(pipeline.broker.bootstrap());
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (lag != null) {
            lag.close();
        }
        if (pipeline != null) {
            pipeline.close();
        }
    }

    /**
     * Issue 2: killing the broker makes every service's readiness answer DOWN (an answer, within a few seconds, not a
     * hung request), and starting it again brings each back UP in the same process.
     */
    @Test
    @Order(0)
    void readinessGoesDownWithTheBrokerAndUpAgainWithoutARestart() throws Exception {
        Map<String, Long> pids = new LinkedHashMap<>();
        for (ServiceProcess service : pipeline.services()) {
            pids.put(service.name(), service.pid());
            assertThat(Readiness.status(service)).as(service.name() + " before").isEqualTo(200);
        }
        pipeline.watchdog.pause(true);
        try {
            pipeline.broker.kill();
            for (ServiceProcess service : pipeline.services()) {
                long millis = Readiness.awaitStatus(service, 503, Duration.ofSeconds(60));
                log("%s readiness DOWN %,d ms after the broker was killed", service.name(), millis);
            }
            pipeline.broker.start();
            for (ServiceProcess service : pipeline.services()) {
                long millis = Readiness.awaitStatus(service, 200, Duration.ofSeconds(120));
                log("%s readiness UP again %,d ms after the broker started", service.name(), millis);
                assertThat(service.pid()).as(service.name() + " same process").isEqualTo(pids.get(service.name()));
                assertThat(service.alive()).isTrue();
            }
        } finally {
            pipeline.watchdog.pause(false);
        }
    }

    @Test
    @Order(1)
    void killedServicesAndABrokerRestartLoseNothingAndApplyNoBlockTwice() throws Exception {
        ReliabilityLoad load = new ReliabilityLoad("crash", FINDINGS, pipeline.estate, 1L);
        Thread producer = Thread.ofPlatform().name("reliability-producer").start(() -> {
            try {
                load.send(pipeline.broker.bootstrap(), FINDINGS, PRODUCE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        long start = System.nanoTime();
        for (ServiceProcess service : pipeline.services()) {
            waitUntil(start, service == pipeline.ingest ? 0.15 : service == pipeline.triage ? 0.35 : 0.55);
            log("kill -9 %s after %,d inputs acknowledged, lag %s", service.name(), load.acknowledged.get(), lag.lag());
            pipeline.watchdog.pause(true);
            service.kill();
            service.restart(FaultPipeline.START_TIMEOUT);
            pipeline.watchdog.pause(false);
            log("%s restarted", service.name());
        }
        waitUntil(start, 0.75);
        log("broker stop, lag %s", lag.lag());
        pipeline.broker.stop();
        Thread.sleep(BROKER_DOWN.toMillis());
        pipeline.broker.start();
        log("broker started again after %d s", BROKER_DOWN.toSeconds());
        producer.join(TimeUnit.MINUTES.toMillis(15));

        assertThat(load.sendError.get()).as("producing findings.raw").isNull();
        assertThat(load.acknowledged.get()).isEqualTo(FINDINGS);
        DrainMonitor.Drain drain = new DrainMonitor(pipeline.services(), lag).awaitDrained(DRAIN_TIMEOUT);
        long total = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(pipeline.services()).allMatch(ServiceProcess::alive);

        Accounting accounting = new Accounting(pipeline.broker.bootstrap());
        accounting.checkInputs(load);
        accounting.checkResults();
        AwsState aws = new AwsState(pipeline.aws, pipeline.estate);
        accounting.checkAws(aws, pipeline.estate);
        accounting.checkNotifications(aws);
        System.out.printf("reliability: crash and broker restart, %,d inputs over %d s, drained %,d ms after the "
                + "first input (%,d ms after the last was acknowledged), peak lag %,d, liveness restarts %s%n%s",
                FINDINGS, PRODUCE.toSeconds(), total, drain.millis(), drain.peakLag(), pipeline.watchdog.restarts(),
                accounting.report());
        assertThat(accounting.violations).as(pipeline.logs()).isEmpty();
        assertThat(pipeline.watchdog.restarts()).as("no service needed a restart to ride out the broker outage")
                .allSatisfy((service, restarts) -> assertThat(restarts).as(service).isZero());
    }

    @Test
    @Order(2)
    void aBurstFarAboveCapacityIsAbsorbedByKafkaAndDrainedWithoutLoss() throws Exception {
        for (ServiceProcess service : pipeline.services()) {
            DrainMonitor.collectGarbage(service);
        }
        String before = memory();
        ReliabilityLoad load = new ReliabilityLoad("burst", BURST, pipeline.estate, 2L);
        long start = System.nanoTime();
        load.send(pipeline.broker.bootstrap(), BURST, Duration.ZERO);
        long produced = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(load.sendError.get()).as("producing findings.raw").isNull();
        DrainMonitor.Drain drain = new DrainMonitor(pipeline.services(), lag).awaitDrained(DRAIN_TIMEOUT);
        long drained = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) - 2000;
        assertThat(pipeline.services()).allMatch(ServiceProcess::alive);
        for (ServiceProcess service : pipeline.services()) {
            DrainMonitor.collectGarbage(service);
        }
        String after = memory();

        Accounting accounting = new Accounting(pipeline.broker.bootstrap());
        accounting.checkInputs(load);
        accounting.checkResults();
        System.out.printf("reliability: burst of %,d inputs produced in %,d ms (%,d/s), drained %,d ms after the "
                + "first, peak lag %,d (%d samples), liveness restarts so far %s%n  peak RSS kB %s%n  peak heap bytes %s%n  after a full GC, "
                + "before the burst: %s%n  after a full GC, after the drain: %s%n%s", BURST, produced,
                BURST * 1000L / Math.max(1, produced), drained, drain.peakLag(), drain.samples(),
                pipeline.watchdog.restarts(), drain.peakRssKb(),
                drain.peakHeapBytes(), before, after, accounting.report());
        assertThat(accounting.violations).as(pipeline.logs()).isEmpty();
    }

    private static String memory() {
        StringBuilder out = new StringBuilder();
        for (ServiceProcess service : pipeline.services()) {
            out.append(String.format("%s rss %,d kB heap %,d B; ", service.name(), DrainMonitor.rssKb(service),
                    DrainMonitor.heapBytes(service)));
        }
        return out.toString();
    }

    private static void waitUntil(long start, double fraction) throws InterruptedException {
        long due = start + (long) (PRODUCE.toNanos() * fraction);
        long wait = due - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    private static void log(String format, Object... args) {
        System.out.printf("reliability: " + format + "%n", args);
    }
}
