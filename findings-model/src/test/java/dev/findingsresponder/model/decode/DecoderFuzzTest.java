package dev.findingsresponder.model.decode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.findingsresponder.model.Finding;
import dev.findingsresponder.model.FindingCodec;
import dev.findingsresponder.testsupport.EventFixtures;
import dev.findingsresponder.testsupport.fuzz.JsonMutator;
import dev.findingsresponder.testsupport.fuzz.Mutation;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Totality of the decoders under hostile input: every fixture, mutated by 1-4 JSON-aware or byte-level edits
 * ({@link Mutation}), ends as canonical findings that satisfy {@link FindingInvariants}, or as a rejection with a
 * reason and a detail; nothing throws, and nothing reaches the normalizer's last-resort catch ("unexpected ...") or
 * its invariant check (both mean a decoder bug, even though the input is safely rejected).
 * A failure prints the seed; jqwik re-runs it first next time.
 */
class DecoderFuzzTest {

    static final int TRIES = 10_000;
    private static final List<String> FIXTURES = EventFixtures.paths();
    private static final Map<String, byte[]> BYTES = new ConcurrentHashMap<>();
    private static final Map<String, LongAdder> OUTCOMES = new ConcurrentHashMap<>();
    private static final AtomicLong STARTED = new AtomicLong();

    @BeforeContainer
    static void start() {
        STARTED.set(System.nanoTime());
    }

    @Property(tries = TRIES, shrinking = ShrinkingMode.BOUNDED)
    void everyMutatedFixtureIsNormalizedValidOrRejectedWithAReason(
            @ForAll("fixtures") String fixture,
            @ForAll @Size(min = 1, max = 4) List<Mutation> mutations,
            @ForAll long seed) {
        byte[] input = new JsonMutator(seed).mutate(BYTES.computeIfAbsent(fixture, EventFixtures::bytes), mutations);

        NormalizeResult result = Fixtures.NORMALIZER.normalize(input);

        assertThat(result).as("outcome of %s", describe(fixture, mutations, input)).isNotNull();
        switch (result) {
            case NormalizeResult.Normalized n -> {
                assertThat(n.findings()).isNotEmpty();
                for (Finding f : n.findings()) {
                    assertThat(FindingInvariants.violations(f)).as("invariants of %s from %s", f.id(),
                            describe(fixture, mutations, input)).isEmpty();
                    assertThat(f.raw().sizeBytes()).isEqualTo(input.length);
                    assertThat(FindingCodec.fromJson(FindingCodec.toJson(f))).as("read back by the next stage")
                            .isEqualTo(f);
                }
                count("NORMALIZED");
            }
            case NormalizeResult.Rejected r -> {
                assertThat(r.reason()).isNotNull();
                assertThat(r.detail()).as("detail of %s", r.reason()).isNotBlank();
                assertThat(r.detail()).as("a decoder bug (last-resort catch) on %s", describe(fixture, mutations, input))
                        .doesNotStartWith("unexpected ").doesNotStartWith(EventNormalizer.INVARIANT_BROKEN);
                count("REJECTED " + r.reason());
            }
        }
    }

    @Provide
    Arbitrary<String> fixtures() {
        return Arbitraries.of(FIXTURES);
    }

    @AfterContainer
    static void report() {
        long total = OUTCOMES.values().stream().mapToLong(LongAdder::sum).sum();
        Map<String, Long> sorted = new TreeMap<>();
        OUTCOMES.forEach((k, v) -> sorted.put(k, v.sum()));
        System.out.printf("decoder fuzz: %d mutated events from %d fixtures in %d ms; outcomes %s%n", total,
                FIXTURES.size(), (System.nanoTime() - STARTED.get()) / 1_000_000, sorted);
    }

    private static void count(String outcome) {
        OUTCOMES.computeIfAbsent(outcome, k -> new LongAdder()).increment();
    }

    private static String describe(String fixture, List<Mutation> mutations, byte[] input) {
        String preview = new String(input, 0, Math.min(input.length, 300), StandardCharsets.UTF_8).replace('\n', ' ');
        return fixture + " " + mutations + " (" + input.length + " bytes: " + preview + ")";
    }
}
