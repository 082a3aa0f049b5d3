package dev.findingsresponder.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

import dev.findingsresponder.testsupport.KafkaTestBroker;

/**
 * A single-node KRaft Kafka broker in a child JVM (the {@code kafka_2.13} jars of the test classpath), so it can be
 * stopped, killed and started again on the same ports and log directory while clients keep running: what the
 * in-process {@code KafkaClusterTestKit} cannot do. Its data and log live under {@code dir}.
 */
final class BrokerProcess implements AutoCloseable {

    private final Path dir;
    private final int port = freePort();
    private final int controllerPort = freePort();
    private Process process;

    BrokerProcess(Path dir) throws IOException, InterruptedException {
        this.dir = dir;
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("server.properties"), config());
        Files.writeString(dir.resolve("log4j2.properties"), """
                status = warn
                appender.file.type = File
                appender.file.name = file
                appender.file.fileName = %s
                appender.file.layout.type = PatternLayout
                appender.file.layout.pattern = [%%d] %%p %%m (%%c)%%n
                rootLogger.level = INFO
                rootLogger.appenderRef.file.ref = file
                """.formatted(dir.resolve("server.log")));
        run(List.of("kafka.tools.StorageTool", "format", "-t", clusterId(), "-c",
                dir.resolve("server.properties").toString()), Duration.ofSeconds(60));
    }

    String bootstrap() {
        return "127.0.0.1:" + port;
    }

    /** Starts the broker (on the same ports and data as before) and waits until it accepts connections. */
    void start() throws IOException, InterruptedException {
        process = java(List.of("-Xms256m", "-Xmx512m", "kafka.Kafka", dir.resolve("server.properties").toString()))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("stdout.log").toFile())).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("broker exited with " + process.exitValue() + "; see " + dir);
            }
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("broker not listening on " + bootstrap() + " within 60 s; see " + dir);
    }

    /** A clean shutdown (SIGTERM: the broker flushes and closes its logs), as a rolling restart does. */
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    /** SIGKILL: the broker recovers its logs on the next start. */
    void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor();
        }
    }

    /** The pipeline's topics ({@link KafkaTestBroker#PIPELINE_TOPICS}), {@code response.state} compacted. */
    void createPipelineTopics() throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> topics = new ArrayList<>();
            KafkaTestBroker.PIPELINE_TOPICS.forEach((name, partitions) -> {
                if (!existing.contains(name)) {
                    NewTopic topic = new NewTopic(name, partitions, (short) 1);
                    if (name.equals("response.state")) {
                        topic.configs(Map.of("cleanup.policy", "compact"));
                    }
                    topics.add(topic);
                }
            });
            admin.createTopics(topics).all().get();
        }
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }

    private String config() {
        return """
                process.roles=broker,controller
                node.id=1
                controller.quorum.voters=1@127.0.0.1:%2$d
                listeners=PLAINTEXT://127.0.0.1:%1$d,CONTROLLER://127.0.0.1:%2$d
                advertised.listeners=PLAINTEXT://127.0.0.1:%1$d
                controller.listener.names=CONTROLLER
                inter.broker.listener.name=PLAINTEXT
                listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
                log.dirs=%3$s
                num.partitions=3
                auto.create.topics.enable=false
                offsets.topic.replication.factor=1
                offsets.topic.num.partitions=3
                transaction.state.log.replication.factor=1
                transaction.state.log.min.isr=1
                share.coordinator.state.topic.replication.factor=1
                group.initial.rebalance.delay.ms=0
                """.formatted(port, controllerPort, dir.resolve("data"));
    }

    private String clusterId() {
        return org.apache.kafka.common.Uuid.randomUuid().toString();
    }

    private void run(List<String> args, Duration timeout) throws IOException, InterruptedException {
        Process tool = java(args).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("tools.log").toFile()))
                .start();
        if (!tool.waitFor(timeout.toSeconds(), TimeUnit.SECONDS) || tool.exitValue() != 0) {
            tool.destroyForcibly();
            throw new IllegalStateException(args.get(0) + " failed; see " + dir.resolve("tools.log"));
        }
    }

    private ProcessBuilder java(List<String> args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                "-Dlog4j2.configurationFile=" + dir.resolve("log4j2.properties"),
                "-Dkafka.logs.dir=" + dir));
        command.addAll(args);
        return new ProcessBuilder(command).redirectErrorStream(true);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }

    static Path newDir(Path parent) throws IOException {
        return Files.createDirectories(parent.resolve("broker-" + UUID.randomUUID()));
    }
}
