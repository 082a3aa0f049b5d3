package dev.findingsresponder.bench.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;

/**
 * A fresh single-node Apache Kafka broker (KRaft, broker + controller) as its own process, like
 * {@code scripts/kafka-local.sh} but on free ports with its data in a temporary directory that is deleted when it
 * stops, so every run starts from empty topics. Its jars are the ones {@code kafka-local.sh} provisions (the load
 * scripts provision them first). Topics come from {@code scripts/topics.conf}.
 */
final class BrokerProcess implements AutoCloseable {

    private final Path lib;
    private final Path home;
    private final int port;
    private final int controllerPort;
    private Process process;

    BrokerProcess(Path lib) throws IOException {
        this.lib = lib;
        this.home = Files.createTempDirectory("load-kafka-");
        this.port = freePort();
        this.controllerPort = freePort();
    }

    String bootstrap() {
        return "127.0.0.1:" + port;
    }

    long pid() {
        return process == null ? -1 : process.pid();
    }

    /** Formats the storage, starts the broker, waits for its port and creates the topics of {@code topicsConf}. */
    Duration start(Path topicsConf, int scratchPartitions) throws IOException, InterruptedException {
        if (!Files.isDirectory(lib)) {
            throw new IllegalStateException("no Kafka jars in " + lib + ": run scripts/kafka-local.sh once, or use the "
                    + "bench/load.sh script that provisions them");
        }
        Path config = home.resolve("server.properties");
        Files.writeString(config, String.join("\n",
                "process.roles=broker,controller", "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER", "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + home.resolve("data"), "num.partitions=3",
                "offsets.topic.replication.factor=1", "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1", "share.coordinator.state.topic.replication.factor=1",
                "group.initial.rebalance.delay.ms=0", ""));
        Path log4j = home.resolve("log4j2.properties");
        Files.writeString(log4j, String.join("\n", "status = warn", "appender.file.type = File",
                "appender.file.name = file", "appender.file.fileName = " + home.resolve("server.log"),
                "appender.file.layout.type = PatternLayout", "appender.file.layout.pattern = [%d] %p %m (%c)%n",
                "rootLogger.level = WARN", "rootLogger.appenderRef.file.ref = file", ""));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = lib + "/*";
        Process format = new ProcessBuilder(java, "-Dlog4j2.configurationFile=" + log4j, "-cp", classpath,
                "kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(), "-c", config.toString())
                .redirectErrorStream(true).redirectOutput(home.resolve("format.log").toFile()).start();
        if (!format.waitFor(120, TimeUnit.SECONDS) || format.exitValue() != 0) {
            format.destroyForcibly();
            throw new IllegalStateException("kafka storage format failed; see " + home.resolve("format.log"));
        }
        long started = System.nanoTime();
        process = new ProcessBuilder(java, "-Xms256m", "-Xmx512m", "-Dlog4j2.configurationFile=" + log4j,
                "-cp", classpath, "kafka.Kafka", config.toString())
                .redirectErrorStream(true).redirectOutput(home.resolve("stdout.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!accepts(port)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("kafka broker did not open " + bootstrap() + "; see " + home);
            }
            Thread.sleep(100);
        }
        Duration ready = Duration.ofNanos(System.nanoTime() - started);
        createTopics(topicsConf, scratchPartitions);
        return ready;
    }

    private void createTopics(Path topicsConf, int scratchPartitions) throws IOException {
        List<NewTopic> topics = new ArrayList<>();
        for (String line : Files.readAllLines(topicsConf)) {
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            String[] parts = text.split("\\s+");
            int partitions = Integer.parseInt(parts[1]);
            NewTopic topic = new NewTopic(parts[0], partitions, (short) 1);
            if (parts.length > 2) {
                Map<String, String> configs = new HashMap<>();
                for (String pair : parts[2].split(",")) {
                    String[] kv = pair.split("=", 2);
                    configs.put(kv[0], kv[1]);
                }
                topic.configs(configs);
            }
            topics.add(topic);
        }
        topics.add(new NewTopic(BrokerCeiling.TOPIC, Math.max(1, scratchPartitions), (short) 1));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()))) {
            admin.createTopics(topics).all().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("creating the topics failed", e);
        }
    }

    /** The broker-ceiling topic on a broker this tool did not start; left as it is when it exists. */
    static void createScratchTopic(String bootstrap) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(BrokerCeiling.TOPIC, 3, (short) 1))).all()
                    .get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
                throw new IllegalStateException("creating " + BrokerCeiling.TOPIC + " failed", e.getCause());
            }
        } catch (Exception e) {
            throw new IllegalStateException("creating " + BrokerCeiling.TOPIC + " failed", e);
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        try (Stream<Path> files = Files.walk(home)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Override
    public String toString() {
        return "kafka broker " + bootstrap();
    }
}
