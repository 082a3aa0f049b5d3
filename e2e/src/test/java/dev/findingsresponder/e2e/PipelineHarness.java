package dev.findingsresponder.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;

import dev.findingsresponder.testsupport.KafkaTestBroker;
import dev.findingsresponder.testsupport.MotoServer;

/**
 * The whole pipeline for the end-to-end tests: the in-process Kafka broker, moto with the demo estate, WireMock in
 * front of moto (it answers the SSM Automation calls moto lacks and proxies everything else), and the three
 * packaged services as processes with the test policy. Started once per test class.
 */
final class PipelineHarness implements AutoCloseable {

    static final String ACCOUNT = "123456789012";
    static final String REGION = "us-east-1";
    static final String INGEST_KEY = "e2e-ingest-key-000000000001";
    static final String OPERATOR_KEY = "e2e-operator-key-0000000001";

    final Path repo;
    final DemoEstate estate;
    final Aws aws;
    final WireMockServer awsFront;
    final ServiceProcess ingest;
    final ServiceProcess triage;
    final ServiceProcess response;

    private PipelineHarness(Path repo) throws Exception {
        this.repo = repo;
        Path logs = repo.resolve("e2e/target/e2e-logs");
        ingest = new ServiceProcess(repo, "ingest-service", logs);
        triage = new ServiceProcess(repo, "triage-service", logs);
        response = new ServiceProcess(repo, "response-service", logs);
        String bootstrap = KafkaTestBroker.bootstrapServers();
        MotoServer.reset();
        aws = new Aws(MotoServer.endpoint(), REGION);
        estate = new EstateProvisioner(aws, ACCOUNT, REGION).provision();
        awsFront = new WireMockServer(options().dynamicPort());
        awsFront.start();
        awsFront.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().proxiedFrom(MotoServer.endpoint())));
        awsFront.stubFor(post(anyUrl()).atPriority(1)
                .withHeader("X-Amz-Target", equalTo("AmazonSSM.StartAutomationExecution"))
                .willReturn(okJson("{\"AutomationExecutionId\":\"e2e-automation-1\"}")));
        awsFront.stubFor(post(anyUrl()).atPriority(1)
                .withHeader("X-Amz-Target", equalTo("AmazonSSM.GetAutomationExecution"))
                .willReturn(okJson("{\"AutomationExecution\":{\"AutomationExecutionId\":\"e2e-automation-1\","
                        + "\"AutomationExecutionStatus\":\"Success\"}}")));

        Map<String, String> common = new HashMap<>();
        common.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        common.put("AWS_REGION", REGION);
        common.put("AWS_ACCESS_KEY_ID", "testing");
        common.put("AWS_SECRET_ACCESS_KEY", "testing");
        Map<String, String> ingestEnv = new HashMap<>(common);
        ingestEnv.put("INGEST_HTTP_API_KEY", INGEST_KEY);
        Map<String, String> triageEnv = new HashMap<>(common);
        triageEnv.put("TRIAGE_POLICY_FILE", repo.resolve("e2e/src/test/resources/e2e-policy.yaml").toString());
        Map<String, String> responseEnv = new HashMap<>(common);
        responseEnv.put("AWS_ENDPOINT_OVERRIDE", awsFront.baseUrl());
        responseEnv.put("RESPONSE_API_OPERATOR_KEYS", "e2e:" + OPERATOR_KEY);
        responseEnv.put("RESPONSE_BLOCKS_EXPIRY_CHECK_INTERVAL", "500ms");
        for (ServiceProcess service : List.of(ingest, triage, response)) {
            Map<String, String> env = service == ingest ? ingestEnv : service == triage ? triageEnv : responseEnv;
            service.start(env, Duration.ofSeconds(90));
        }
    }

    /** Starts everything, or returns null when the services are not packaged (then the caller skips). */
    static PipelineHarness startIfPackaged() throws Exception {
        Path repo = findRepo();
        for (String name : List.of("ingest-service", "triage-service", "response-service")) {
            if (!Files.isRegularFile(repo.resolve(name).resolve("target/quarkus-app/quarkus-run.jar"))) {
                return null;
            }
        }
        return new PipelineHarness(repo);
    }

    static Path findRepo() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("scripts/moto-local.sh"))) {
                return dir;
            }
        }
        throw new IllegalStateException("repository root not found above " + Path.of("").toAbsolutePath());
    }

    @Override
    public void close() {
        for (ServiceProcess service : List.of(response, triage, ingest)) {
            service.close();
        }
        awsFront.stop();
        aws.close();
    }
}
