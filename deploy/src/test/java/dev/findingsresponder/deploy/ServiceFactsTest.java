package dev.findingsresponder.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * What the other tests take as "the service reads it" and "the service serves it": derived from each service's
 * application.properties, @ConfigMapping interfaces and pom, checked here against what the README documents.
 */
class ServiceFactsTest {

    @Test
    void everyVariableTheReadmeDocumentsIsReadByAService() {
        String readme = Repo.read("README.md");
        Set<String> documented = new TreeSet<>();
        // the first column of the variable tables
        Matcher row = Pattern.compile("(?m)^\\| ([^|]+) \\|").matcher(readme);
        while (row.find()) {
            Matcher name = Pattern.compile("`([A-Z][A-Z0-9]*_[A-Z0-9_]+)`").matcher(row.group(1));
            while (name.find()) {
                documented.add(name.group(1));
            }
        }
        // and the services' own variables anywhere in the text
        Matcher prose = Pattern.compile("`((?:INGEST|TRIAGE|RESPONSE)_[A-Z0-9_]+)(?:=[^`]*)?`").matcher(readme);
        while (prose.find()) {
            documented.add(prose.group(1));
        }
        assertThat(documented).hasSizeGreaterThan(20);
        Set<String> unread = new TreeSet<>();
        for (String variable : documented) {
            if (ServiceFacts.all().stream().noneMatch(s -> s.readsEnv(variable))) {
                unread.add(variable);
            }
        }
        assertThat(unread).as("documented in README.md but read by no service (or not derived by ServiceFacts)").isEmpty();
    }

    @Test
    void variablesComeFromPlaceholdersPropertyNamesAndMappings() {
        ServiceFacts ingest = ServiceFacts.of("ingest-service");
        assertThat(ingest.readsEnv("KAFKA_BOOTSTRAP_SERVERS")).as("${KAFKA_BOOTSTRAP_SERVERS:...}").isTrue();
        assertThat(ingest.readsEnv("QUARKUS_HTTP_PORT")).as("quarkus.http.port").isTrue();
        assertThat(ingest.readsEnv("INGEST_DRILL_MAX_COUNT")).as("IngestConfig.drill().maxCount()").isTrue();
        assertThat(ingest.readsEnv("AWS_ENDPOINT_OVERRIDE")).as("AwsConfig.endpointOverride()").isTrue();
        assertThat(ingest.readsEnv("INGEST_HTTP_APIKEY")).as("a misspelt name").isFalse();
        assertThat(ingest.readsEnv("TRIAGE_POLICY_FILE")).as("another service's variable").isFalse();
        assertThat(ingest.readsEnv("RESPONSE_KILL_SWITCH")).isFalse();

        ServiceFacts triage = ServiceFacts.of("triage-service");
        assertThat(triage.readsEnv("TRIAGE_POLICY_FILE")).isTrue();
        assertThat(triage.readsEnv("TRIAGE_LISTS_THREAT_FEODO")).as("a map-valued property, any key").isTrue();
        assertThat(triage.readsEnv("TRIAGE_LISTS_THREAT_")).as("a map prefix alone").isFalse();
        assertThat(triage.readsEnv("AWS_REGION")).as("triage calls no AWS API").isFalse();
        assertThat(triage.usesAws()).isFalse();

        ServiceFacts response = ServiceFacts.of("response-service");
        assertThat(response.readsEnv("RESPONSE_API_OPERATOR_KEYS")).isTrue();
        assertThat(response.readsEnv("RESPONSE_BLOCKS_EXPIRY_CHECK_INTERVAL")).isTrue();
        assertThat(response.readsEnv("RESPONSE_KILLSWITCH")).isFalse();
        assertThat(response.usesAws()).isTrue();
    }

    @Test
    void portsChannelsAndEndpointsAreTheServicesOwn() {
        assertThat(ServiceFacts.all()).extracting(s -> s.httpPort()).containsExactly(8081, 8082, 8083);
        assertThat(ServiceFacts.of("response-service").httpPort(java.util.Map.of("QUARKUS_HTTP_PORT", "9000")))
                .as("the environment overrides the property").isEqualTo(9000);
        assertThat(ServiceFacts.of("ingest-service").incomingKafkaChannels().get("findings-raw"))
                .isEqualTo(new ServiceFacts.Channel("findings-raw", "findings.raw", "ingest-service", "earliest"));
        assertThat(ServiceFacts.of("triage-service").incomingKafkaChannels().get("findings-normalized"))
                .isEqualTo(new ServiceFacts.Channel("findings-normalized", "findings.normalized", "triage-service", "earliest"));
        for (ServiceFacts s : ServiceFacts.all()) {
            assertThat(s.healthPaths()).as(s.name).containsEntry("live", "/q/health/live").containsEntry("ready", "/q/health/ready")
                    .containsEntry("started", "/q/health/started");
            assertThat(s.metricsPath()).as(s.name).isEqualTo("/q/metrics");
        }
    }

    @Test
    void kebabCaseIsSmallRyes() {
        assertThat(ConfigMappings.kebab("maxEventBytes")).isEqualTo("max-event-bytes");
        assertThat(ConfigMappings.kebab("region")).isEqualTo("region");
        assertThat(ServiceFacts.envName("quarkus.log.category.\"org.apache.kafka\".level"))
                .isEqualTo("QUARKUS_LOG_CATEGORY__ORG_APACHE_KAFKA__LEVEL");
    }
}
