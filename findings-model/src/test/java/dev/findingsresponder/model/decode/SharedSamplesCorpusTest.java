package dev.findingsresponder.model.decode;

import dev.findingsresponder.testsupport.SharedSamples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.findingsresponder.model.Finding;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the normalizer over the shared set of published sample events ({@code ../shared/samples} beside the
 * repository; not part of the repository). Skipped, with a message, when the folder is absent. Locate it with the
 * {@code SHARED_SAMPLES_DIR} system property or environment variable, else by walking up from the working
 * directory looking for {@code shared/samples}.
 *
 * <p>Every {@code *.json} under guardduty/, inspector2/, config/ and securityhub/ must normalize to at least one
 * finding, except the files in {@link #EXPECTED_REJECTIONS}; every file under a {@code malformed/} folder must be
 * rejected with a non-blank reason.
 */
class SharedSamplesCorpusTest {

    private static final List<String> SOURCE_DIRS = List.of("guardduty", "inspector2", "config", "securityhub");

    /** Samples that are not (usable) findings, with the reason we reject them. */
    private static final Map<String, RejectReason> EXPECTED_REJECTIONS = Map.of(
            // A GuardDuty GetFindings/ListFindings response with an empty list: no finding at all (SOURCES.md: "edge:
            // {"findings":[]} - empty result, no finding"). It goes to the DLQ rather than vanishing silently.
            "guardduty/elastic_edge_empty-findings-list.json", RejectReason.NO_FINDINGS);

    /**
     * A real finding whose envelope was stripped to region + detail, with neither accountId nor arn: kept (an
     * operator feeding AWS's own test event expects it to work) with no account; any account allowlist rejects it.
     */
    private static final Set<String> NO_ACCOUNT_ANYWHERE = Set.of(
            "guardduty/awssamples-wafacl_unauthorizedaccess-ec2-sshbruteforce_partial-envelope.json");

    private final EventNormalizer normalizer = new EventNormalizer(java.util.Set.of());

    @TestFactory
    Stream<DynamicTest> everySharedSample() throws IOException {
        Path root = locate();
        Assumptions.assumeTrue(root != null, "shared samples folder not found (looked for SHARED_SAMPLES_DIR and for "
                + "shared/samples above " + Path.of("").toAbsolutePath() + "); corpus test skipped");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(".json"))
                    .filter(p -> SOURCE_DIRS.contains(root.relativize(p).getName(0).toString()))
                    .sorted()
                    .toList();
        }
        assertThat(files).as("samples under %s", root).isNotEmpty();
        return files.stream().map(p -> {
            String rel = root.relativize(p).toString().replace('\\', '/');
            boolean malformed = rel.contains("/malformed/");
            return dynamicTest(rel, () -> check(rel, read(p), malformed));
        });
    }

    private void check(String rel, byte[] raw, boolean malformed) {
        NormalizeResult result = normalizer.normalize(raw);
        if (malformed) {
            assertThat(result).as(rel).isInstanceOf(NormalizeResult.Rejected.class);
            assertThat(((NormalizeResult.Rejected) result).detail()).as(rel).isNotBlank();
            return;
        }
        RejectReason expected = EXPECTED_REJECTIONS.get(rel);
        if (expected != null) {
            assertThat(result).as(rel).isInstanceOf(NormalizeResult.Rejected.class);
            assertThat(((NormalizeResult.Rejected) result).reason()).as(rel).isEqualTo(expected);
            return;
        }
        assertThat(result).as("%s: %s", rel, result).isInstanceOf(NormalizeResult.Normalized.class);
        List<Finding> findings = ((NormalizeResult.Normalized) result).findings();
        assertThat(findings).as(rel).isNotEmpty();
        String sha = Fixtures.sha256Hex(raw);
        for (Finding f : findings) {
            assertThat(f.id()).as(rel).isNotBlank();
            assertThat(f.nativeId()).as(rel).isNotBlank();
            if (!NO_ACCOUNT_ANYWHERE.contains(rel)) {
                assertThat(f.account()).as(rel).isNotBlank();
            }
            assertThat(f.region()).as(rel).isNotBlank();
            assertThat(f.type()).as(rel).isNotBlank();
            assertThat(f.severity()).as(rel).isNotNull();
            assertThat(f.severity().normalized()).as(rel).isBetween(0.0, 10.0);
            assertThat(f.raw().sha256()).as(rel).isEqualTo(sha);
        }
    }

    private static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path locate() {
        return SharedSamples.locate();
    }
}
