package dev.findingsresponder.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.findingsresponder.model.FindingCodec;
import dev.findingsresponder.model.decode.EventNormalizer;
import dev.findingsresponder.model.decode.NormalizeResult;
import dev.findingsresponder.testsupport.EventFixtures;
import dev.findingsresponder.triage.ActionPlanner;
import dev.findingsresponder.triage.RepeatTracker;
import dev.findingsresponder.triage.TriageEngine;
import dev.findingsresponder.triage.policy.Policy;
import dev.findingsresponder.triage.policy.PolicyLoader;
import dev.findingsresponder.triage.score.IpLists;
import dev.findingsresponder.triage.score.Scorer;
import dev.findingsresponder.triage.score.ScoringSettings;

/** The benchmarks' inputs: the project's fixture events, their canonical findings, and a triage engine. */
public final class BenchCorpus {

    private BenchCorpus() {
    }

    /** Every fixture event that normalizes (all sources; the malformed ones are excluded). */
    public static List<byte[]> rawEvents() {
        EventNormalizer normalizer = new EventNormalizer(Set.of());
        return EventFixtures.paths().stream()
                .filter(path -> !path.startsWith("malformed/"))
                .map(EventFixtures::bytes)
                .filter(bytes -> normalizer.normalize(bytes) instanceof NormalizeResult.Normalized)
                .toList();
    }

    /** The canonical JSON of every finding of {@link #rawEvents()}, as ingest writes it to findings.normalized. */
    public static List<byte[]> canonicalFindings() {
        EventNormalizer normalizer = new EventNormalizer(Set.of());
        return rawEvents().stream()
                .map(normalizer::normalize)
                .flatMap(result -> ((NormalizeResult.Normalized) result).findings().stream())
                .map(FindingCodec::toJson)
                .toList();
    }

    /** The policy of that name: {@code example} (policies/example-policy.yaml) or {@code generated-200}. */
    public static Policy policy(String name) {
        try {
            String text = name.equals("example")
                    ? Files.readString(Path.of(System.getProperty("policy", "policies/example-policy.yaml")))
                    : GeneratedPolicy.yaml(200);
            return PolicyLoader.load(text, name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A triage engine as the service builds it, with no IP lists. */
    public static TriageEngine engine(Policy policy) {
        IpLists lists = IpLists.none();
        lists.reload();
        return new TriageEngine(() -> Optional.of(policy), new Scorer(ScoringSettings.defaults(), lists),
                new RepeatTracker(Duration.ofHours(1), List.of(10L, 100L), 10_000, Clock.systemUTC()),
                new ActionPlanner(lists), Set.of("findings-responder"), Clock.systemUTC());
    }

    /** "35 events, 3480 bytes on average". */
    public static String describe(List<byte[]> corpus, String what) {
        return corpus.size() + " " + what + ", " + corpus.stream().mapToInt(b -> b.length).sum() / corpus.size()
                + " bytes on average";
    }
}
