package dev.findingsresponder.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The local broker (scripts/topics.conf, read by scripts/kafka-local.sh) and the tests' broker
 * ({@link KafkaTestBroker#PIPELINE_TOPICS}) create the same topics with the same partitions, and only
 * {@code response.state} is compacted in both.
 */
class TopicsConfTest {

    @Test
    void theLocalBrokersTopicsAreTheTestBrokersTopics() throws IOException {
        Map<String, Integer> partitions = new HashMap<>();
        Map<String, String> configs = new HashMap<>();
        for (String line : Files.readAllLines(Path.of("..", "scripts", "topics.conf"))) {
            String[] fields = line.trim().split("\\s+");
            if (fields[0].isEmpty() || fields[0].startsWith("#")) {
                continue;
            }
            partitions.put(fields[0], Integer.parseInt(fields[1]));
            if (fields.length > 2) {
                configs.put(fields[0], fields[2]);
            }
        }
        assertThat(partitions).isEqualTo(KafkaTestBroker.PIPELINE_TOPICS);
        assertThat(configs).isEqualTo(Map.of("response.state", "cleanup.policy=compact"));
    }
}
