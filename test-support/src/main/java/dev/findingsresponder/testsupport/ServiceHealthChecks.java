package dev.findingsresponder.testsupport;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import org.junit.jupiter.api.Test;

/**
 * What every service must show at its management endpoints, against a real broker. A service's test
 * extends it with {@code @QuarkusTest} and {@code @QuarkusTestResource(KafkaTestResource.class)}.
 */
public abstract class ServiceHealthChecks {

    @Test
    void readyOnlyWithTheBrokerReachable() {
        given().when().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", is("UP"))
                .body("checks.name", hasItem("Kafka connection health check"));
    }

    @Test
    void liveAndStarted() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", is("UP"));
        given().when().get("/q/health/started").then().statusCode(200).body("status", is("UP"));
    }

    @Test
    void prometheusMetricsExposed() {
        given().when().get("/q/metrics").then()
                .statusCode(200)
                .body(containsString("jvm_memory_used_bytes"));
    }
}
