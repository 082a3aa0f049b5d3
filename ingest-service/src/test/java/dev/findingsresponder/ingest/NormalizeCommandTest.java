package dev.findingsresponder.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.findingsresponder.model.Finding;
import dev.findingsresponder.model.FindingCodec;

/** The operator's {@code normalize [FILE|-]} mode of the service jar. */
class NormalizeCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void fileIsPrintedAsCanonicalJson(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("event.json");
        Files.write(file, TestEvents.fixture("guardduty/eb_recon-ec2-portprobeunprotectedport.json"));

        int exit = run(new String[] {"normalize", file.toString()}, new byte[0]);

        assertThat(exit).isZero();
        Finding finding = FindingCodec.fromJson(out.toByteArray());
        assertThat(finding.type()).isEqualTo("Recon:EC2/PortProbeUnprotectedPort");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void stdinRejectionPrintsTheReasonAndExits2() {
        int exit = run(new String[] {"normalize", "-"}, "[1, 2, 3]".getBytes(StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(2);
        assertThat(out.size()).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("rejected: NOT_AN_EVENT: ");
    }

    @Test
    void unreadableFileIsAUsageError() {
        assertThat(run(new String[] {"normalize", "/no/such/file.json"}, new byte[0])).isEqualTo(64);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot read input");
    }

    @Test
    void theServicesAccountAllowlistApplies() {
        byte[] event = TestEvents.fixture("guardduty/eb_recon-ec2-portprobeunprotectedport.json");

        int exit = run(new String[] {"normalize"}, event, Map.of("account-allowlist", "999999999999, 888888888888"));

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("rejected: ACCOUNT_NOT_ALLOWED: ");
    }

    @Test
    void aFlagOverridesTheServicesSetting() {
        byte[] event = TestEvents.fixture("guardduty/eb_recon-ec2-portprobeunprotectedport.json");

        int exit = run(new String[] {"normalize", "--account-allowlist=", "-"}, event,
                Map.of("account-allowlist", "999999999999"));

        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
    }

    @Test
    void anEventAboveTheServicesDefaultLimitIsRejectedAsTheServiceWould() {
        int exit = run(new String[] {"normalize"}, padded(300 * 1024), Map.of());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("rejected: OVERSIZED: ")
                .contains("the limit is 262144");
    }

    @Test
    void theServicesConfiguredLimitAndTheFlagApply() {
        assertThat(run(new String[] {"normalize"}, padded(20 * 1024), Map.of("max-event-bytes", "10000"))).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("rejected: OVERSIZED: ");
        assertThat(run(new String[] {"normalize", "--max-event-bytes=400000"}, padded(300 * 1024), Map.of())).isZero();
        assertThat(run(new String[] {"normalize", "--max-event-bytes=lots"}, padded(1), Map.of())).isEqualTo(64);
        assertThat(run(new String[] {"normalize", "--verbose"}, padded(1), Map.of())).isEqualTo(64);
    }

    @Test
    void anEventWhoseCanonicalFindingIsTooLargeForKafkaIsRejectedAsTheServiceWould() {
        String event = new String(TestEvents.fixture("guardduty/eb_recon-ec2-portprobeunprotectedport.json"),
                StandardCharsets.UTF_8);
        byte[] longDescription = event.replaceFirst("\"description\"\\s*:\\s*\"", "\"description\": \"" + "d".repeat(600 * 1024))
                .getBytes(StandardCharsets.UTF_8);

        int exit = run(new String[] {"normalize", "--max-event-bytes=2000000"}, longDescription, Map.of());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("rejected: OVERSIZED: finding #0 (guardduty:")
                .contains("above the limit of " + IngestPipeline.MAX_FINDING_BYTES);
    }

    /** A valid GuardDuty event padded with an unknown field to at least {@code size} bytes. */
    private static byte[] padded(int size) {
        String event = new String(TestEvents.fixture("guardduty/eb_recon-ec2-portprobeunprotectedport.json"),
                StandardCharsets.UTF_8);
        return event.replaceFirst("\\{", "{\"padding\": \"" + "x".repeat(size) + "\",").getBytes(StandardCharsets.UTF_8);
    }

    private int run(String[] args, byte[] stdin, Map<String, String> settings) {
        return NormalizeCommand.run(args, new ByteArrayInputStream(stdin), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), settings::get);
    }

    private int run(String[] args, byte[] stdin) {
        return NormalizeCommand.run(args, new ByteArrayInputStream(stdin),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }
}
