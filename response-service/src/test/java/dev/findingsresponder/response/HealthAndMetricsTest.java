package dev.findingsresponder.response;

import dev.findingsresponder.testsupport.KafkaTestResource;
import dev.findingsresponder.testsupport.ServiceHealthChecks;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class HealthAndMetricsTest extends ServiceHealthChecks {
}
