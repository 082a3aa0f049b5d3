package dev.findingsresponder.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.findingsresponder.model.ActionResult;
import dev.findingsresponder.model.ActionResult.Outcome;
import dev.findingsresponder.model.FindingCodec;
import dev.findingsresponder.model.Topics;
import dev.findingsresponder.model.drill.DrillType;
import dev.findingsresponder.testsupport.TopicProbe;
import software.amazon.awssdk.services.ec2.model.NetworkAclEntry;

/**
 * The Grafana dashboard {@code deploy/grafana/findings-responder.json} against the services' real {@code /q/metrics}:
 * the JSON is a dashboard whose every panel queries the {@code datasource} variable, and, with the three packaged
 * services running and traffic through them that makes the lazily registered meters exist, every metric name a
 * panel or a variable queries is exposed by at least one service, and every label it filters or groups by is carried
 * by one of the metrics of that same expression (scrape-time labels such as {@code namespace} and {@code job} apart).
 * The pipeline part is skipped, with a message, when the services are not packaged.
 */
class DashboardMetricsTest {

    private static final Duration BOUND = Duration.ofSeconds(45);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Labels Prometheus adds when it scrapes (ServiceMonitor / static config), not the services. */
    private static final Set<String> SCRAPE_LABELS = Set.of("namespace", "job", "instance", "pod", "service",
            "container", "endpoint");
    private static final String DATASOURCE = "${datasource}";

    /** Long enough for Micrometer's Kafka binder to pick up per-partition metrics (it looks every 60 s). */
    private static final Duration METRICS_BOUND = Duration.ofSeconds(90);
    private static final Map<String, String> LAST_SCRAPES = new LinkedHashMap<>();

    private static PipelineHarness pipeline;

    /** A query of the dashboard: where it is (panel title and refId, or variable name) and its text. */
    record Query(String where, String expr, boolean variable) {
    }

    @AfterAll
    static void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void theDashboardIsWellFormedAndEveryPanelQueriesTheDatasourceVariable() throws IOException {
        JsonNode dashboard = dashboard();
        assertThat(dashboard.path("title").asText()).isNotBlank();
        assertThat(dashboard.path("uid").asText()).isNotBlank();
        assertThat(dashboard.path("schemaVersion").asInt()).isBetween(36, 41);

        JsonNode variables = dashboard.path("templating").path("list");
        JsonNode datasource = null;
        for (JsonNode variable : variables) {
            if (variable.path("name").asText().equals("datasource")) {
                datasource = variable;
            } else if (variable.path("type").asText().equals("query")) {
                assertThat(variable.path("datasource").path("uid").asText()).as("variable %s datasource",
                        variable.path("name").asText()).isEqualTo(DATASOURCE);
            }
        }
        assertThat(datasource).as("a 'datasource' template variable").isNotNull();
        assertThat(datasource.path("type").asText()).isEqualTo("datasource");
        assertThat(datasource.path("query").asText()).isEqualTo("prometheus");

        List<JsonNode> panels = panels(dashboard);
        assertThat(panels).as("panels").hasSizeGreaterThan(10);
        Set<Integer> ids = new HashSet<>();
        List<String> problems = new ArrayList<>();
        for (JsonNode panel : panels) {
            String title = panel.path("title").asText("(untitled)");
            if (!ids.add(panel.path("id").asInt(-1))) {
                problems.add(title + ": panel id " + panel.path("id") + " missing or not unique");
            }
            if (!panel.path("gridPos").has("w") || !panel.path("gridPos").has("h")) {
                problems.add(title + ": no gridPos");
            }
            if (!panel.path("datasource").path("type").asText().equals("prometheus")
                    || !panel.path("datasource").path("uid").asText().equals(DATASOURCE)) {
                problems.add(title + ": datasource is " + (panel.has("datasource") ? panel.get("datasource") : "missing")
                        + ", not the prometheus " + DATASOURCE + " variable");
            }
            JsonNode targets = panel.path("targets");
            if (!targets.isArray() || targets.isEmpty()) {
                problems.add(title + ": no target");
            }
            for (JsonNode target : targets) {
                if (target.path("expr").asText().isBlank() || target.path("refId").asText().isBlank()) {
                    problems.add(title + ": a target without expr or refId: " + target);
                }
                if (target.has("datasource") && !target.path("datasource").path("uid").asText().equals(DATASOURCE)) {
                    problems.add(title + " " + target.path("refId").asText() + ": target datasource "
                            + target.path("datasource"));
                }
            }
        }
        assertThat(problems).as("panel problems").isEmpty();
    }

    @Test
    void everyMetricAndLabelTheDashboardQueriesIsExposedByTheServices() throws Exception {
        pipeline = PipelineHarness.startIfPackaged();
        Assumptions.assumeTrue(pipeline != null,
                "services not packaged: run ./mvnw verify from the repository root (it packages them first)");
        List<Query> queries = queries(dashboard());
        assertThat(queries).isNotEmpty();
        driveTraffic();

        // meters registered on first use (drift, removed blocks, ...) may take a moment more, and the Kafka client's
        // per-partition metrics (records-lag) reach Micrometer only at its next look after the partitions were assigned
        Map<String, Map<String, Set<String>>> exposed = scrapeAll();
        long deadline = System.nanoTime() + METRICS_BOUND.toNanos();
        while (!problems(queries, exposed).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(500);
            exposed = scrapeAll();
        }
        dump();

        assertThat(problems(queries, exposed))
                .as("dashboard queries that name what no service exposes (scrapes in e2e/target/dashboard-metrics/)")
                .isEmpty();
        System.out.printf("dashboard: %d queries, metrics %s all exposed%n", queries.size(),
                queries.stream().flatMap(q -> refs(q).metrics().stream()).collect(Collectors.toCollection(TreeSet::new)));
    }

    /** Each problem: where, and which metric or label is not exposed (with the names that come closest). */
    private static List<String> problems(List<Query> queries, Map<String, Map<String, Set<String>>> exposed) {
        Map<String, Set<String>> labelsByName = new TreeMap<>();
        exposed.values().forEach(byName -> byName.forEach((name, labels) ->
                labelsByName.computeIfAbsent(name, k -> new TreeSet<>()).addAll(labels)));
        List<String> problems = new ArrayList<>();
        for (Query query : queries) {
            PromQl.Refs refs = refs(query);
            if (refs.metrics().isEmpty() && !query.variable()) {
                problems.add(query.where() + ": no metric found in " + query.expr());
            }
            for (String metric : refs.metrics()) {
                if (!labelsByName.containsKey(metric)) {
                    problems.add(query.where() + ": metric " + metric + " is not exposed; near: "
                            + near(metric, labelsByName.keySet()));
                }
            }
            for (String label : refs.labels()) {
                if (SCRAPE_LABELS.contains(label)) {
                    continue;
                }
                boolean carried = refs.metrics().stream()
                        .anyMatch(m -> labelsByName.getOrDefault(m, Set.of()).contains(label));
                if (!carried) {
                    problems.add(query.where() + ": label " + label + " is on none of " + refs.metrics() + " ("
                            + refs.metrics().stream().map(m -> m + labelsByName.getOrDefault(m, Set.of()))
                                    .collect(Collectors.joining(", ")) + ")");
                }
            }
        }
        return problems;
    }

    private static PromQl.Refs refs(Query query) {
        return query.variable() ? PromQl.variableRefs(query.expr()) : PromQl.refs(query.expr());
    }

    private static List<String> near(String metric, Set<String> names) {
        String[] parts = metric.split("_");
        String prefix = parts.length > 1 ? parts[0] + "_" + parts[1] : parts[0];
        return names.stream().filter(n -> n.startsWith(prefix)).limit(12).toList();
    }

    /**
     * Traffic that makes every meter the dashboard shows exist: an SSH brute force (NACL, WAF, SNS: actions, AWS
     * calls, writes per request, batch size, active blocks), the same event again (an ingest duplicate), a malformed
     * event (ingest DLQ), a record that is not a canonical finding on findings.normalized (triage DLQ), a suppressed
     * finding, a port probe with 6 s blocks (blocks removed on expiry), and a NACL entry deleted by hand before
     * POST /reconcile (drift).
     */
    private static void driveTraffic() {
        DemoEvents events = new DemoEvents(PipelineHarness.ACCOUNT, PipelineHarness.REGION);
        String web = pipeline.estate.instances().get("web");
        String attacker = "203.0.113.70";
        String prober = "203.0.113.71";
        byte[] bruteForce = events.guardDuty(DrillType.SSH_BRUTE_FORCE, attacker, web, false);
        try (TopicProbe results = TopicProbe.from(Topics.ACTIONS_RESULTS)) {
            assertThat(post(bruteForce)).isEqualTo(202);
            assertThat(post(bruteForce)).as("the same event again").isEqualTo(202);
            assertThat(post(events.malformed())).as("a malformed event").isEqualTo(400);
            assertThat(post(events.guardDuty(DrillType.SSH_BRUTE_FORCE, "198.51.100.242", web, false)))
                    .as("the trusted scanner (suppressed)").isEqualTo(202);
            assertThat(post(events.guardDuty(DrillType.PORT_PROBE, prober, web, false))).isEqualTo(202);
            TopicProbe.send(Topics.FINDINGS_NORMALIZED, "dashboard-not-a-finding",
                    "{\"hello\": \"dashboard\"}".getBytes(StandardCharsets.UTF_8));

            List<ActionResult> blocks = results.await(r -> isBlockFor(r, attacker) || isBlockFor(r, prober), 4, BOUND)
                    .stream().map(r -> FindingCodec.read(r.value(), ActionResult.class)).toList();
            assertThat(blocks).as("NACL and WAF results for %s and %s", attacker, prober)
                    .hasSize(4).allSatisfy(r -> assertThat(r.outcome()).isEqualTo(Outcome.APPLIED));
            assertThat(results.await(r -> "sns-notify".equals(result(r).action()), 1, BOUND)).isNotEmpty();
        }

        deleteNaclEntry(attacker);
        String report = reconcile();
        assertThat(report).as("reconcile report after a NACL entry was deleted by hand").contains("MISSING");
    }

    private static boolean isBlockFor(ConsumerRecord<String, byte[]> record, String address) {
        ActionResult r = result(record);
        return r.target() != null && address.equals(r.target().address())
                && ("nacl-deny".equals(r.action()) || "waf-block".equals(r.action()));
    }

    private static ActionResult result(ConsumerRecord<String, byte[]> record) {
        return FindingCodec.read(record.value(), ActionResult.class);
    }

    private static void deleteNaclEntry(String address) {
        for (String naclId : pipeline.estate.nacls().values()) {
            for (NetworkAclEntry e : pipeline.aws.ec2.describeNetworkAcls(r -> r.networkAclIds(naclId)).networkAcls()
                    .get(0).entries()) {
                if (!Boolean.TRUE.equals(e.egress()) && (address + "/32").equals(e.cidrBlock())) {
                    pipeline.aws.ec2.deleteNetworkAclEntry(r -> r.networkAclId(naclId).ruleNumber(e.ruleNumber())
                            .egress(false));
                    return;
                }
            }
        }
        throw new AssertionError("no NACL entry for " + address + " to delete");
    }

    private static String reconcile() {
        HttpRequest request = HttpRequest.newBuilder(URI.create(pipeline.response.url() + "/reconcile"))
                .header("Authorization", "Bearer " + PipelineHarness.OPERATOR_KEY)
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<String> response = send(request);
        assertThat(response.statusCode()).as("POST /reconcile: %s", response.body()).isEqualTo(200);
        return response.body();
    }

    private static int post(byte[] event) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(pipeline.ingest.url() + "/events"))
                .header("x-api-key", PipelineHarness.INGEST_KEY).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(event)).build();
        return send(request).statusCode();
    }

    /** Service name to its exposed sample names and their labels; the last scrape of each is kept for {@link #dump}. */
    private static Map<String, Map<String, Set<String>>> scrapeAll() {
        Map<String, Map<String, Set<String>>> all = new LinkedHashMap<>();
        for (ServiceProcess service : List.of(pipeline.ingest, pipeline.triage, pipeline.response)) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(service.url() + "/q/metrics"))
                    .GET().build());
            assertThat(response.statusCode()).isEqualTo(200);
            String name = service.log().getFileName().toString().replace(".log", "");
            LAST_SCRAPES.put(name, response.body());
            all.put(name, PrometheusText.labelsByName(response.body()));
        }
        return all;
    }

    /** The last scrape of each service, as text, into e2e/target/dashboard-metrics/ (for a failure, or a look). */
    private static void dump() throws IOException {
        Path dir = pipeline.repo.resolve("e2e/target/dashboard-metrics");
        Files.createDirectories(dir);
        for (Map.Entry<String, String> scrape : LAST_SCRAPES.entrySet()) {
            Files.writeString(dir.resolve(scrape.getKey() + ".prom"), scrape.getValue());
        }
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode dashboard() throws IOException {
        Path file = PipelineHarness.findRepo().resolve("deploy/grafana/findings-responder.json");
        return JSON.readTree(file.toFile());
    }

    /** Every panel that is not a row, those inside collapsed rows included. */
    static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> panels = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            if (panel.path("type").asText().equals("row")) {
                panel.path("panels").forEach(panels::add);
            } else {
                panels.add(panel);
            }
        }
        return panels;
    }

    /** Every target expression of every panel and every query variable's query. */
    static List<Query> queries(JsonNode dashboard) {
        List<Query> queries = new ArrayList<>();
        for (JsonNode panel : panels(dashboard)) {
            for (JsonNode target : panel.path("targets")) {
                queries.add(new Query("panel '" + panel.path("title").asText() + "' " + target.path("refId").asText(),
                        target.path("expr").asText(), false));
            }
        }
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if (variable.path("type").asText().equals("query")) {
                JsonNode query = variable.path("query");
                queries.add(new Query("variable '" + variable.path("name").asText() + "'",
                        query.isObject() ? query.path("query").asText() : query.asText(), true));
            }
        }
        return queries;
    }
}
