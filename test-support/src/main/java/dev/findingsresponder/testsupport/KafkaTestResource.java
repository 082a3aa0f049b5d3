package dev.findingsresponder.testsupport;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points a {@code @QuarkusTest} at the shared real broker ({@link KafkaTestBroker}).
 * Use with {@code @QuarkusTestResource(KafkaTestResource.class)}.
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", KafkaTestBroker.bootstrapServers());
    }

    @Override
    public void stop() {
        // the broker is shared by every test class of this JVM and stops with it
    }
}
