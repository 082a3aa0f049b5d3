package dev.findingsresponder.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docker-compose.yml against the services (it cannot run here: no Docker engine). */
class ComposeTest {

    @Test
    void composeFileMatchesTheServices() {
        assertThat(ComposeChecks.run(ComposeChecks.load())).isEmpty();
    }

    /** Runs kafka-init's script with a stand-in kafka-topics.sh that records its arguments. */
    @Test
    void kafkaInitCreatesExactlyTheTopicsOfTopicsConf(@TempDir Path tmp) throws Exception {
        Map<String, Object> compose = Repo.map(ComposeChecks.interpolate(ComposeChecks.load(), "", new ArrayList<>()));
        Map<String, Object> init = Repo.map(Repo.at(compose, "services.kafka-init"));
        assertThat(Repo.list(init.get("entrypoint"))).containsExactly("/bin/sh", "-c");
        String script = String.valueOf(Repo.list(init.get("command")).get(0));

        // the file it reads by default is where compose mounts scripts/topics.conf, read-only
        Matcher defaultConf = Pattern.compile("\\$\\{TOPICS_CONF:-([^}]+)}").matcher(script);
        assertThat(defaultConf.find()).isTrue();
        assertThat(Repo.list(init.get("volumes"))).contains("./scripts/topics.conf:" + defaultConf.group(1) + ":ro");
        assertThat(Repo.str(init, "depends_on.kafka.condition")).isEqualTo("service_healthy");

        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path log = tmp.resolve("calls.log");
        Path stub = bin.resolve("kafka-topics.sh");
        Files.writeString(stub, "#!/bin/sh\nprintf '%s\\n' \"$*\" >> \"" + log + "\"\n");
        Files.setPosixFilePermissions(stub, PosixFilePermissions.fromString("rwxr-xr-x"));
        // the stub and the repository's topics.conf in place of the mounted one
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", script).redirectErrorStream(true);
        builder.environment().put("KAFKA_BIN", bin.toString());
        builder.environment().put("TOPICS_CONF", Repo.path("scripts/topics.conf").toString());
        Process run = builder.start();
        String output = new String(run.getInputStream().readAllBytes());
        assertThat(run.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(run.exitValue()).as(output).isZero();

        Map<String, Topics.Topic> created = new LinkedHashMap<>();
        for (String call : Files.readAllLines(log)) {
            List<String> args = List.of(call.split(" "));
            assertThat(args).as(call).contains("--create", "--if-not-exists");
            assertThat(value(args, "--bootstrap-server")).isEqualTo("kafka:9092");
            assertThat(value(args, "--replication-factor")).isEqualTo("1");
            Map<String, String> configs = new LinkedHashMap<>();
            for (int i = 0; i < args.size(); i++) {
                if (args.get(i).equals("--config")) {
                    String[] kv = args.get(i + 1).split("=", 2);
                    configs.put(kv[0], kv[1]);
                }
            }
            String topic = value(args, "--topic");
            created.put(topic, new Topics.Topic(topic, Integer.parseInt(value(args, "--partitions")), configs));
        }
        assertThat(created).isEqualTo(Topics.load());
        assertThat(created.get("response.state").configs()).containsEntry("cleanup.policy", "compact");
    }

    private static String value(List<String> args, String option) {
        return args.get(args.indexOf(option) + 1);
    }

    // --- the checks fail when the file is wrong ---

    @Test
    void aWrongPortIsReported() {
        assertThat(mutated(c -> service(c, "triage-service").put("ports", List.of("8082:8090"))))
                .anyMatch(p -> p.contains("triage-service: container ports [8090]"));
        assertThat(mutated(c -> env(c, "triage-service").put("QUARKUS_HTTP_PORT", "9000")))
                .as("moving the service's port without its mapping and healthcheck")
                .anyMatch(p -> p.contains("container ports [8082] are not the service's HTTP port [9000]"))
                .anyMatch(p -> p.contains("triage-service: healthcheck"));
    }

    @Test
    void aVariableTheServiceDoesNotReadIsReported() {
        assertThat(mutated(c -> env(c, "ingest-service").put("INGEST_HTTP_APIKEY", "dev-only-x")))
                .anyMatch(p -> p.contains("ingest-service reads no environment variable INGEST_HTTP_APIKEY"));
        assertThat(mutated(c -> env(c, "triage-service").put("AWS_REGION", "us-east-1")))
                .anyMatch(p -> p.contains("triage-service reads no environment variable AWS_REGION"));
    }

    @Test
    void aHealthcheckOnAnotherPathIsReported() {
        assertThat(mutated(c -> Repo.map(service(c, "response-service").get("healthcheck"))
                .put("test", List.of("CMD", "curl", "-fsS", "http://127.0.0.1:8083/q/health/live"))))
                .anyMatch(p -> p.contains("response-service: healthcheck"));
    }

    @Test
    void aPolicyOutsideTheMountIsReported() {
        assertThat(mutated(c -> env(c, "triage-service").put("TRIAGE_POLICY_FILE", "/etc/findings-responder/policy.yaml")))
                .anyMatch(p -> p.contains("is in no mounted volume"));
        assertThat(mutated(c -> service(c, "triage-service").put("volumes", List.of("./policies:/etc/findings-responder/policies"))))
                .anyMatch(p -> p.contains("is not read-only"));
    }

    @Test
    void keysTheServiceRefusesOrNotMarkedAsDevelopmentValuesAreReported() {
        assertThat(mutated(c -> env(c, "response-service").put("RESPONSE_API_VIEWER_KEYS", "dev-only:short")))
                .anyMatch(p -> p.contains("shorter than 16 characters"));
        assertThat(mutated(c -> env(c, "ingest-service").put("INGEST_HTTP_API_KEY", "${INGEST_HTTP_API_KEY:-changeme}")))
                .anyMatch(p -> p.contains("INGEST_HTTP_API_KEY is not a value marked dev-only"));
        assertThat(mutated(c -> env(c, "ingest-service").put("INGEST_HTTP_API_KEY", "${INGEST_HTTP_API_KEY}")))
                .anyMatch(p -> p.contains("has no default"));
    }

    @Test
    void aServiceStartedBeforeItsTopicsIsReported() {
        assertThat(mutated(c -> Repo.map(service(c, "ingest-service").get("depends_on")).remove("kafka-init")))
                .anyMatch(p -> p.contains("ingest-service: starts before kafka-init"));
    }

    private static List<String> mutated(Consumer<Map<String, Object>> change) {
        Map<String, Object> compose = Repo.map(Repo.deepCopy(ComposeChecks.load()));
        change.accept(compose);
        return ComposeChecks.run(compose);
    }

    private static Map<String, Object> service(Map<String, Object> compose, String name) {
        return Repo.map(Repo.at(compose, "services." + name));
    }

    private static Map<String, Object> env(Map<String, Object> compose, String name) {
        return Repo.map(service(compose, name).get("environment"));
    }
}
