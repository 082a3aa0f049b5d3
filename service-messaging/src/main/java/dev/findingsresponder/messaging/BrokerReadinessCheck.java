package dev.findingsresponder.messaging;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.smallrye.common.annotation.Identifier;

/**
 * Readiness from the broker itself: UP when it describes its cluster within {@code broker-readiness.timeout}.
 * It replaces Quarkus' own Kafka check ({@code quarkus.kafka.health.enabled=false}), whose admin client waits for
 * the default API timeout (60 s) while the broker is down: longer than the HTTP idle timeout and any probe, so a
 * caller got no answer at all instead of DOWN.
 */
@Readiness
@ApplicationScoped
public class BrokerReadinessCheck implements HealthCheck {

    static final String NAME = "Kafka connection health check";

    private final AdminClient admin;
    private final long timeoutMillis;

    public BrokerReadinessCheck(@Identifier("default-kafka-broker") Map<String, Object> kafka,
            BrokerReadinessConfig config) {
        this.timeoutMillis = Math.max(1, config.timeout().toMillis());
        Map<String, Object> settings = new HashMap<>();
        kafka.forEach((key, value) -> {
            if (AdminClientConfig.configNames().contains(key)) {
                settings.put(key, value.toString());
            }
        });
        settings.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeoutMillis);
        settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeoutMillis);
        settings.put(AdminClientConfig.CLIENT_ID_CONFIG, "broker-readiness");
        this.admin = AdminClient.create(settings);
    }

    @Override
    public HealthCheckResponse call() {
        try {
            String nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeoutMillis))
                    .nodes().get(timeoutMillis + 500, TimeUnit.MILLISECONDS).stream()
                    .map(node -> node.host() + ":" + node.port()).collect(Collectors.joining(","));
            return HealthCheckResponse.named(NAME).up().withData("nodes", nodes).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return down("interrupted");
        } catch (Exception e) {
            return down("no answer from the broker within " + timeoutMillis + " ms: " + e);
        }
    }

    private static HealthCheckResponse down(String reason) {
        return HealthCheckResponse.named(NAME).down().withData("reason", reason).build();
    }

    @PreDestroy
    void close() {
        admin.close(Duration.ofSeconds(2));
    }
}
