package dev.findingsresponder.ingest;

import static dev.findingsresponder.ingest.TestEvents.deadLetter;
import static dev.findingsresponder.ingest.TestEvents.finding;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import dev.findingsresponder.model.DeadLetter;
import dev.findingsresponder.model.Finding;
import dev.findingsresponder.model.Hashes;
import dev.findingsresponder.model.Topics;
import dev.findingsresponder.model.decode.FindingInvariants;
import dev.findingsresponder.testsupport.EventFixtures;
import dev.findingsresponder.testsupport.KafkaTestResource;
import dev.findingsresponder.testsupport.TopicProbe;
import dev.findingsresponder.testsupport.fuzz.JsonMutator;
import dev.findingsresponder.testsupport.fuzz.Mutation;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;

/**
 * Totality of the ingest pipeline under hostile input, through the real broker: every mutated fixture ends with its
 * findings on findings.normalized (valid, or dropped as a redelivered version) or as exactly one dead letter on
 * findings.dlq with a reason, a detail and its origin; no exception escapes and no Kafka write fails.
 * {@code -Dfuzz.events=N} and {@code -Dfuzz.seed=S} change the run (the seed is printed).
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class PipelineFuzzTest {

    private static final int EVENTS = Integer.getInteger("fuzz.events", 2_000);
    private static final int IN_FLIGHT = 250;
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final Mutation[] MUTATIONS = Mutation.values();

    @Inject
    IngestPipeline pipeline;

    @Test
    void everyMutatedEventEndsPublishedOrDeadLetteredWithReasonAndOrigin() {
        long seed = Long.getLong("fuzz.seed", new Random().nextLong());
        String run = "fuzz-" + UUID.randomUUID();
        List<String> fixtures = EventFixtures.paths();
        Map<String, byte[]> fixtureBytes = new HashMap<>();
        fixtures.forEach(p -> fixtureBytes.put(p, EventFixtures.bytes(p)));
        Random rnd = new Random(seed);
        long started = System.nanoTime();

        Map<Integer, IngestOutcome> outcomes = new HashMap<>();
        Set<String> acceptedHashes = new HashSet<>();
        try (TopicProbe dlq = TopicProbe.from(Topics.FINDINGS_DLQ);
             TopicProbe normalized = TopicProbe.from(Topics.FINDINGS_NORMALIZED)) {
            for (int from = 0; from < EVENTS; from += IN_FLIGHT) {
                List<Uni<IngestOutcome>> window = new ArrayList<>(IN_FLIGHT);
                List<byte[]> inputs = new ArrayList<>(IN_FLIGHT);
                for (int i = from; i < Math.min(EVENTS, from + IN_FLIGHT); i++) {
                    byte[] input = mutated(rnd, fixtures, fixtureBytes);
                    inputs.add(input);
                    window.add(pipeline.ingest(input, DeadLetter.Origin.http(run, i)));
                }
                List<IngestOutcome> done = Uni.join().all(window).andFailFast().await().atMost(WAIT);
                for (int k = 0; k < done.size(); k++) {
                    IngestOutcome outcome = done.get(k);
                    assertThat(outcome).as("outcome of input %d (seed %d)", from + k, seed).isNotNull();
                    outcomes.put(from + k, outcome);
                    if (!outcome.rejected()) {
                        assertThat(outcome.published() + outcome.duplicates()).as("findings of input %d", from + k)
                                .isPositive();
                        acceptedHashes.add(Hashes.sha256Hex(inputs.get(k)));
                    } else {
                        assertThat(outcome.reason()).isNotBlank();
                        assertThat(outcome.detail()).isNotBlank();
                    }
                }
            }
            long rejected = outcomes.values().stream().filter(IngestOutcome::rejected).count();
            long published = outcomes.values().stream().mapToLong(IngestOutcome::published).sum();

            List<ConsumerRecord<String, byte[]>> letters = dlq.await(r -> fromRun(r, run), (int) rejected, WAIT);
            assertThat(letters).as("one dead letter per rejected input (seed %d)", seed).hasSize((int) rejected);
            for (ConsumerRecord<String, byte[]> r : letters) {
                DeadLetter letter = deadLetter(r.value());
                IngestOutcome outcome = outcomes.get(letter.origin().requestIndex());
                assertThat(outcome.rejected()).isTrue();
                assertThat(letter.reason()).isEqualTo(outcome.reason());
                assertThat(letter.detail()).isNotBlank();
                assertThat(letter.stage()).isEqualTo("ingest");
                assertThat(letter.origin().describe()).isEqualTo("http:" + run + "#" + letter.origin().requestIndex());
            }
            List<ConsumerRecord<String, byte[]>> findings = normalized.await(
                    r -> acceptedHashes.contains(finding(r.value()).raw().sha256()), (int) published, WAIT);
            assertThat(findings).as("published findings (seed %d)", seed).hasSize((int) published);
            for (ConsumerRecord<String, byte[]> r : findings) {
                Finding f = finding(r.value());
                assertThat(FindingInvariants.violations(f)).as("invariants of %s", f.id()).isEmpty();
                assertThat(r.key()).isEqualTo(f.id());
            }
            report(seed, outcomes, published, started);
        }
    }

    private static byte[] mutated(Random rnd, List<String> fixtures, Map<String, byte[]> bytes) {
        String fixture = fixtures.get(rnd.nextInt(fixtures.size()));
        List<Mutation> mutations = new ArrayList<>(4);
        int n = 1 + rnd.nextInt(4);
        for (int m = 0; m < n; m++) {
            mutations.add(MUTATIONS[rnd.nextInt(MUTATIONS.length)]);
        }
        return new JsonMutator(rnd.nextLong()).mutate(bytes.get(fixture), mutations);
    }

    private static boolean fromRun(ConsumerRecord<String, byte[]> r, String run) {
        var origin = r.headers().lastHeader("dlq-origin");
        return origin != null && new String(origin.value(), java.nio.charset.StandardCharsets.UTF_8)
                .startsWith("http:" + run + "#");
    }

    private static void report(long seed, Map<Integer, IngestOutcome> outcomes, long published, long started) {
        Map<String, Integer> byOutcome = new TreeMap<>();
        for (IngestOutcome o : outcomes.values()) {
            String key = o.rejected() ? "DLQ " + o.reason() : (o.published() > 0 ? "NORMALIZED" : "NORMALIZED (duplicate)");
            byOutcome.merge(key, 1, Integer::sum);
        }
        System.out.printf("ingest pipeline fuzz (seed %d): %d mutated events, %d findings published, in %d ms; "
                + "outcomes %s%n", seed, outcomes.size(), published, (System.nanoTime() - started) / 1_000_000, byOutcome);
    }
}
