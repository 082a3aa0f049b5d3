package dev.findingsresponder.testsupport;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points a {@code @QuarkusTest} at moto (started if needed) and empties it first.
 * Sets the service's {@code aws.*} configuration: endpoint override, region and dummy credentials.
 */
public class MotoTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        String endpoint = MotoServer.ensureRunning();
        MotoServer.reset();
        return Map.of(
                "aws.endpoint-override", endpoint,
                "aws.region", MotoServer.REGION,
                "aws.access-key-id", MotoServer.ACCESS_KEY,
                "aws.secret-access-key", MotoServer.SECRET_KEY);
    }

    @Override
    public void stop() {
        // moto outlives the test run; scripts/moto-local.sh stop ends it
    }
}
