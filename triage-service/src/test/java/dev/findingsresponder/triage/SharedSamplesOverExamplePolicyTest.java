package dev.findingsresponder.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import dev.findingsresponder.model.Finding;
import dev.findingsresponder.model.TriagedFinding;
import dev.findingsresponder.model.decode.EventNormalizer;
import dev.findingsresponder.model.decode.NormalizeResult;
import dev.findingsresponder.model.decode.RejectReason;
import dev.findingsresponder.testsupport.SharedSamples;
import dev.findingsresponder.triage.policy.Policy;
import dev.findingsresponder.triage.policy.PolicyLoader;
import dev.findingsresponder.triage.score.IpLists;
import dev.findingsresponder.triage.score.Scorer;
import dev.findingsresponder.triage.score.ScoringSettings;

/**
 * The example policy over every published sample of {@code ../shared/samples} (skipped when absent): each file
 * gives the decisions {@code shared-samples-expected.txt} derives from the policy's comments, every file outside
 * {@code malformed/} normalizes (but the one listed as NO_FINDINGS), and every file is in the table.
 */
class SharedSamplesOverExamplePolicyTest {

    private static final String TABLE = "/shared-samples-expected.txt";
    private static final String NO_FINDINGS = "NO_FINDINGS";

    @TestFactory
    Stream<DynamicTest> everySharedSampleGetsTheDecisionThePolicyPromises() throws IOException {
        Path root = SharedSamples.locate();
        Assumptions.assumeTrue(root != null, "../shared/samples not found: shared sample triage skipped");
        Map<String, List<String>> expected = table();
        TriageEngine engine = exampleEngine();
        EventNormalizer normalizer = new EventNormalizer(Set.of());
        List<DynamicTest> tests = new ArrayList<>();
        List<String> files = SharedSamples.files(root).stream()
                .map(file -> root.relativize(file).toString().replace('\\', '/'))
                .filter(name -> !name.contains("/malformed/"))
                .toList();
        for (String name : files) {
            tests.add(DynamicTest.dynamicTest(name, () -> {
                List<String> want = expected.get(name);
                if (want == null) {
                    fail(name + " is not in " + TABLE + ": add it with the decision the example policy promises");
                }
                NormalizeResult result = normalizer.normalize(Files.readAllBytes(root.resolve(name)));
                if (want.equals(List.of(NO_FINDINGS))) {
                    assertThat(result).isInstanceOfSatisfying(NormalizeResult.Rejected.class,
                            rejected -> assertThat(rejected.reason()).isEqualTo(RejectReason.NO_FINDINGS));
                    return;
                }
                if (!(result instanceof NormalizeResult.Normalized normalized)) {
                    fail(name + " does not normalize: " + result);
                    return;
                }
                List<String> got = normalized.findings().stream()
                        .map(finding -> describe(engine.explain(finding))).toList();
                assertThat(got).as(name).isEqualTo(want);
                for (Finding finding : normalized.findings()) {
                    if (finding.state().sample()) {
                        assertThat(engine.explain(finding).requests()).as(name + ": a sample requests nothing")
                                .isEmpty();
                    }
                }
            }));
        }
        tests.add(DynamicTest.dynamicTest("every file of the table exists", () ->
                assertThat(files).containsAll(expected.keySet())));
        return tests.stream();
    }

    /** {@code DECISION}, then the suppression rule or the playbooks when there are any. */
    private static String describe(TriageOutcome outcome) {
        TriagedFinding triaged = outcome.triaged();
        String by = triaged.suppressedBy() != null ? triaged.suppressedBy() : String.join(",", triaged.playbooks());
        return by.isEmpty() ? triaged.decision().name() : triaged.decision() + " " + by;
    }

    private static Map<String, List<String>> table() throws IOException {
        Map<String, List<String>> table = new LinkedHashMap<>();
        try (InputStream in = SharedSamplesOverExamplePolicyTest.class.getResourceAsStream(TABLE)) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\\|", 2);
                table.put(parts[0].trim(), Stream.of(parts[1].split(";")).map(String::trim).toList());
            }
        }
        return table;
    }

    private static TriageEngine exampleEngine() throws IOException {
        Path file = Path.of("../policies/example-policy.yaml");
        Policy policy = PolicyLoader.load(Files.readString(file), file.getFileName().toString());
        IpLists lists = IpLists.none();
        lists.reload();
        return new TriageEngine(() -> Optional.of(policy), new Scorer(ScoringSettings.defaults(), lists),
                new RepeatTracker(Duration.ofHours(1), List.of(10L, 100L), 1000, Clock.systemUTC()),
                new ActionPlanner(lists), Set.of("findings-responder"), Clock.systemUTC());
    }
}
