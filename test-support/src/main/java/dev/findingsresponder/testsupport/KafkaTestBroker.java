package dev.findingsresponder.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * One real Kafka broker per test JVM: an in-process KRaft broker ({@link KafkaClusterTestKit}),
 * or the broker named by {@code KAFKA_BOOTSTRAP_SERVERS} when that variable is set.
 * Started on first use and shared by every test class. It is deliberately not closed at JVM exit: a
 * broker shut down from a shutdown hook races the other hooks, and when it finds its log directory
 * failing it halts the JVM with a non-zero code, which Surefire reports as a failed fork although
 * every test passed. Its files live under the module's {@code target/} and go with {@code mvn clean}.
 */
public final class KafkaTestBroker {

    /** Topics of the pipeline with their partition counts; {@code response.state} is compacted. */
    public static final Map<String, Integer> PIPELINE_TOPICS = Map.of(
            "findings.raw", 3,
            "findings.normalized", 3,
            "findings.dlq", 1,
            "findings.triaged", 3,
            "actions.requested", 3,
            "actions.results", 3,
            "actions.retry", 3,
            "response.state", 1);

    private static String bootstrap;

    private KafkaTestBroker() {
    }

    /** Bootstrap servers of the shared broker, starting it on first call. */
    public static synchronized String bootstrapServers() {
        if (bootstrap == null) {
            String external = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
            bootstrap = external != null && !external.isBlank() ? external : startInProcess();
            createPipelineTopics(bootstrap);
        }
        return bootstrap;
    }

    private static String startInProcess() {
        try {
            KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .setBaseDirectory(Files.createDirectories(Path.of("target", "kafka-testkit", UUID.randomUUID().toString())))
                    .build())
                    // a single broker: internal topics cannot have more than one replica
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("share.coordinator.state.topic.replication.factor", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            return cluster.bootstrapServers();
        } catch (Exception e) {
            throw new IllegalStateException("could not start the in-process Kafka broker", e);
        }
    }

    private static void createPipelineTopics(String servers) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = PIPELINE_TOPICS.entrySet().stream()
                    .filter(e -> !existing.contains(e.getKey()))
                    .map(e -> topic(e.getKey(), e.getValue()))
                    .toList();
            admin.createTopics(missing).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("could not create the pipeline topics on " + servers, e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static NewTopic topic(String name, int partitions) {
        NewTopic topic = new NewTopic(name, partitions, (short) 1);
        if (name.equals("response.state")) {
            topic.configs(Map.of("cleanup.policy", "compact"));
        }
        return topic;
    }
}
