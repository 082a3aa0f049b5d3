package dev.findingsresponder.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.findingsresponder.model.ActionResult;
import dev.findingsresponder.model.ActionResult.Outcome;
import dev.findingsresponder.model.FindingCodec;
import dev.findingsresponder.model.Hashes;
import dev.findingsresponder.model.Topics;
import dev.findingsresponder.model.TriagedFinding;
import dev.findingsresponder.model.drill.DrillType;
import dev.findingsresponder.testsupport.TopicProbe;

/**
 * The three packaged services as processes, a real broker, moto (WireMock in front of it for SSM Automation), and
 * the demo estate: each finding goes in the way EventBridge would send it and the test watches what ends up in AWS.
 * Skipped with a message when the services are not packaged ({@code ./mvnw verify} from the root packages them).
 */
class EndToEndTest {

    private static final Duration BOUND = Duration.ofSeconds(45);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static PipelineHarness pipeline;
    private static DemoEvents events;
    private static AwsState state;

    @BeforeAll
    static void start() throws Exception {
        pipeline = PipelineHarness.startIfPackaged();
        Assumptions.assumeTrue(pipeline != null,
                "services not packaged: run ./mvnw verify from the repository root (it packages them first)");
        events = new DemoEvents(PipelineHarness.ACCOUNT, PipelineHarness.REGION);
        state = new AwsState(pipeline.aws, pipeline.estate);
    }

    @AfterAll
    static void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void sshBruteForceIsBlockedInTheNaclAndTheWafAndNotified() {
        String attacker = "203.0.113.50";
        Instant sent = Instant.now();
        assertThat(post(events.guardDuty(DrillType.SSH_BRUTE_FORCE, attacker, webInstance(), false))).isEqualTo(202);

        eventually(() -> naclDenies(attacker) && ipSetHolds(attacker) && notified(attacker));
        System.out.printf("e2e: SSH brute force from %s enforced (NACL, WAF, SNS) %d ms after POST /events%n",
                attacker, Duration.between(sent, Instant.now()).toMillis());
    }

    @Test
    void anInspectorCriticalWithAnExploitIsNotified() {
        byte[] event = events.inspectorCriticalWithExploit(webInstance());
        assertThat(post(event)).isEqualTo(202);
        eventually(() -> state.drainNotifications().stream().anyMatch(n -> n.subject() != null
                && n.subject().startsWith("[PATCH NOW]")));
    }

    @Test
    void aConfigNonCompliantUserStartsTheSsmAutomation() {
        try (TopicProbe results = TopicProbe.from(Topics.ACTIONS_RESULTS)) {
            assertThat(post(events.configUnusedCredentials())).isEqualTo(202);
            List<ActionResult> ssm = results.await(r -> "ssm-remediate".equals(result(r.value()).action()), 1, BOUND)
                    .stream().map(r -> result(r.value())).toList();
            assertThat(ssm).singleElement().extracting(ActionResult::outcome).isEqualTo(Outcome.APPLIED);
        }
        pipeline.awsFront.verify(postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("AmazonSSM.StartAutomationExecution"))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing(
                        "AWSConfigRemediation-RevokeUnusedIAMUserCredentials")));
    }

    @Test
    void aSuppressedFindingChangesNothingInAws() {
        String scanner = "198.51.100.241";
        try (TopicProbe triaged = TopicProbe.from(Topics.FINDINGS_TRIAGED)) {
            assertThat(post(events.guardDuty(DrillType.SSH_BRUTE_FORCE, scanner, webInstance(), false)))
                    .isEqualTo(202);
            TriagedFinding decided = triaged.await(r -> attackerOf(r.value()).contains(scanner), 1, BOUND).stream()
                    .map(r -> FindingCodec.read(r.value(), TriagedFinding.class)).findFirst().orElseThrow();
            assertThat(decided.decision()).isEqualTo(TriagedFinding.Decision.SUPPRESSED);
            assertThat(decided.suppressedBy()).isEqualTo("trusted-vulnerability-scanner");
        }
        assertThat(naclDenies(scanner)).isFalse();
        assertThat(ipSetHolds(scanner)).isFalse();
    }

    @Test
    void aMalformedEventLandsInTheDeadLetterTopic() {
        byte[] junk = events.malformed();
        String sha = Hashes.sha256Hex(junk);
        try (TopicProbe dlq = TopicProbe.from(Topics.FINDINGS_DLQ)) {
            TopicProbe.send(Topics.FINDINGS_RAW, "e2e-malformed", junk);
            String letter = new String(dlq.await(r -> new String(r.value(), StandardCharsets.UTF_8).contains(sha), 1,
                    BOUND).get(0).value(), StandardCharsets.UTF_8);
            assertThat(letter).contains("\"stage\":\"ingest\"", "findings.raw");
        }
    }

    @Test
    void theSameEventTwiceHasOneEffect() {
        String attacker = "203.0.113.51";
        byte[] event = events.guardDuty(DrillType.SSH_BRUTE_FORCE, attacker, webInstance(), false);
        try (TopicProbe results = TopicProbe.from(Topics.ACTIONS_RESULTS)) {
            TopicProbe.send(Topics.FINDINGS_RAW, "e2e-twice", event, event);
            eventually(() -> naclDenies(attacker) && ipSetHolds(attacker));
            List<ActionResult> forAttacker = results.drain(r -> attacker.equals(targetAddress(r.value())),
                    Duration.ofSeconds(5)).stream().map(r -> result(r.value())).toList();
            assertThat(forAttacker).filteredOn(r -> r.action().equals("nacl-deny"))
                    .extracting(ActionResult::outcome).containsExactly(Outcome.APPLIED);
            assertThat(forAttacker).filteredOn(r -> r.action().equals("waf-block"))
                    .extracting(ActionResult::outcome).containsExactly(Outcome.APPLIED);
        }
        assertThat(state.naclDenies().values().stream().flatMap(List::stream)
                .filter(e -> e.endsWith(" " + attacker + "/32"))).hasSize(1);
    }

    @Test
    void aBlockLeavesTheNaclAndTheIpSetWhenItExpires() {
        String attacker = "203.0.113.52";
        assertThat(post(events.guardDuty(DrillType.PORT_PROBE, attacker, webInstance(), false))).isEqualTo(202);
        eventually(() -> naclDenies(attacker) && ipSetHolds(attacker));
        Instant blocked = Instant.now();
        eventually(() -> !naclDenies(attacker) && !ipSetHolds(attacker));
        System.out.printf("e2e: port-probe block of %s (ttl 6s) gone %d ms after it was seen in place%n", attacker,
                Duration.between(blocked, Instant.now()).toMillis());
    }

    private static String webInstance() {
        return pipeline.estate.instances().get("web");
    }

    private static boolean naclDenies(String address) {
        return state.naclDenies().values().stream().flatMap(List::stream)
                .anyMatch(e -> e.endsWith(" " + address + "/32"));
    }

    private static boolean ipSetHolds(String address) {
        return state.ipSets().getOrDefault(pipeline.estate.ipSetV4(), List.of()).contains(address + "/32");
    }

    private static boolean notified(String address) {
        return state.drainNotifications().stream().anyMatch(n -> n.message().contains(address));
    }

    private static int post(byte[] event) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(pipeline.ingest.url() + "/events"))
                .header("x-api-key", PipelineHarness.INGEST_KEY).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(event)).build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Polls until true; fails with the services' log tails after {@link #BOUND}. */
    private static void eventually(Supplier<Boolean> condition) {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.get()) {
                return;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("not within " + BOUND + "; AWS state: NACLs " + state.naclDenies() + ", IP sets "
                + state.ipSets() + "\n--- triage ---\n" + pipeline.triage.tail() + "\n--- response ---\n"
                + pipeline.response.tail());
    }

    private static ActionResult result(byte[] value) {
        return FindingCodec.read(value, ActionResult.class);
    }

    private static String attackerOf(byte[] triaged) {
        return new String(triaged, StandardCharsets.UTF_8);
    }

    private static String targetAddress(byte[] result) {
        ActionResult r = FindingCodec.read(result, ActionResult.class);
        return r.target() == null ? null : r.target().address();
    }


}
