package dev.findingsresponder.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.findingsresponder.testsupport.MotoServer;

/**
 * The pipeline for the reliability tests: a {@link BrokerProcess} that can be stopped and killed, moto with the demo
 * estate, and the three packaged services as processes (each can be killed and started again) with
 * {@code reliability-policy.yaml}. No WireMock: the policy uses no call that moto lacks.
 */
final class FaultPipeline implements AutoCloseable {

    static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    final BrokerProcess broker;
    final DemoEstate estate;
    final Aws aws;
    final ServiceProcess ingest;
    final ServiceProcess triage;
    final ServiceProcess response;
    /** Restarts a service whose liveness fails, as Kubernetes would; started once all three are ready. */
    LivenessWatchdog watchdog;

    private FaultPipeline(Path repo) throws Exception {
        Path work = repo.resolve("e2e/target/reliability");
        broker = new BrokerProcess(BrokerProcess.newDir(work));
        broker.start();
        broker.createPipelineTopics();
        MotoServer.reset();
        aws = new Aws(MotoServer.endpoint(), PipelineHarness.REGION);
        estate = new EstateProvisioner(aws, PipelineHarness.ACCOUNT, PipelineHarness.REGION).provision();
        Path logs = work.resolve("logs");
        ingest = new ServiceProcess(repo, "ingest-service", logs);
        triage = new ServiceProcess(repo, "triage-service", logs);
        response = new ServiceProcess(repo, "response-service", logs);

        Map<String, String> common = new HashMap<>();
        common.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrap());
        common.put("AWS_REGION", PipelineHarness.REGION);
        common.put("AWS_ACCESS_KEY_ID", "testing");
        common.put("AWS_SECRET_ACCESS_KEY", "testing");
        Map<String, String> triageEnv = new HashMap<>(common);
        triageEnv.put("TRIAGE_POLICY_FILE", repo.resolve("e2e/src/test/resources/reliability-policy.yaml").toString());
        Map<String, String> responseEnv = new HashMap<>(common);
        responseEnv.put("AWS_ENDPOINT_OVERRIDE", MotoServer.endpoint());
        // a fork ended by Surefire's timeout or a Ctrl-C must not leave services and the broker running; SIGKILL,
        // because Surefire gives a fork 30 s to exit and three graceful stops can take longer
        Runtime.getRuntime().addShutdownHook(new Thread(this::killAll, "fault-pipeline-cleanup"));
        ingest.start(common, START_TIMEOUT);
        triage.start(triageEnv, START_TIMEOUT);
        response.start(responseEnv, START_TIMEOUT);
        watchdog = new LivenessWatchdog(services());
    }

    /** Starts everything, or returns null when the services are not packaged (then the caller skips). */
    static FaultPipeline startIfPackaged() throws Exception {
        Path repo = PipelineHarness.findRepo();
        for (String name : List.of("ingest-service", "triage-service", "response-service")) {
            if (!Files.isRegularFile(repo.resolve(name).resolve("target/quarkus-app/quarkus-run.jar"))) {
                return null;
            }
        }
        return new FaultPipeline(repo);
    }

    List<ServiceProcess> services() {
        return List.of(ingest, triage, response);
    }

    /** Where the services' logs are, for failure messages (their tails are too long for Surefire's channel). */
    String logs() {
        return "logs: " + services().stream().map(s -> s.log().toString()).toList();
    }

    private void killAll() {
        try {
            for (ServiceProcess service : services()) {
                service.kill();
            }
            broker.kill();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (watchdog != null) {
            watchdog.close();
        }
        for (ServiceProcess service : List.of(response, triage, ingest)) {
            service.close();
        }
        aws.close();
        broker.close();
    }
}
