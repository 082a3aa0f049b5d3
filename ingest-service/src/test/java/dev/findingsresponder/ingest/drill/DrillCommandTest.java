package dev.findingsresponder.ingest.drill;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;

import dev.findingsresponder.model.Finding;
import dev.findingsresponder.model.FindingCodec;
import dev.findingsresponder.model.Topics;
import dev.findingsresponder.model.decode.EventNormalizer;
import dev.findingsresponder.model.decode.NormalizeResult;
import dev.findingsresponder.model.drill.DrillSpec;
import dev.findingsresponder.model.drill.DrillType;
import dev.findingsresponder.testsupport.KafkaTestBroker;
import dev.findingsresponder.testsupport.TopicProbe;

/** The operator's {@code drill} mode of the service jar: options, {@code --print}, and producing to a real broker. */
class DrillCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void optionsTakeSeparateOrEqualsValuesAndRepeatableCommaLists() {
        DrillOptions options = DrillOptions.parse(List.of("--type", "crypto-mining", "--count=7", "--rate", "2.5",
                "--account", "111111111111,222222222222", "--account=333333333333", "--region", "eu-west-2",
                "--addresses", "203.0.113.0/24, 2001:db8::/64", "--instance", "i-0123456789abcdef0",
                "--seed", "-4", "--repeat", "3", "--bootstrap", "kafka:9092"));

        DrillSpec spec = options.spec();
        assertThat(spec.type()).isEqualTo(DrillType.CRYPTO_MINING);
        assertThat(spec.count()).isEqualTo(7);
        assertThat(spec.repeat()).isEqualTo(3);
        assertThat(spec.accounts()).containsExactly("111111111111", "222222222222", "333333333333");
        assertThat(spec.region()).isEqualTo("eu-west-2");
        assertThat(spec.addresses()).containsExactly("203.0.113.0/24", "2001:db8::/64");
        assertThat(spec.instanceIds()).containsExactly("i-0123456789abcdef0");
        assertThat(spec.seed()).isEqualTo(-4L);
        assertThat(options.rate()).isEqualTo(2.5);
        assertThat(options.bootstrap()).isEqualTo("kafka:9092");
        assertThat(options.print()).isFalse();
    }

    @Test
    void printWritesOneEventPerLineThatIngestDecodesAsASample() {
        String[] args = {"drill", "--type", "port-probe", "--count", "4", "--account", "111111111111,222222222222",
            "--region=eu-central-1", "--addresses", "203.0.113.0/28", "--seed", "9", "--print"};
        assertThat(run(args)).isZero();

        List<String> lines = lines();
        assertThat(lines).hasSize(4);
        for (int i = 0; i < lines.size(); i++) {
            Finding f = decode(lines.get(i));
            assertThat(f.type()).isEqualTo("Recon:EC2/PortProbeUnprotectedPort");
            assertThat(f.state().sample()).isTrue();
            assertThat(f.account()).isEqualTo(i % 2 == 0 ? "111111111111" : "222222222222");
            assertThat(f.region()).isEqualTo("eu-central-1");
            assertThat(f.network()).allSatisfy(n -> assertThat(n.remoteIp()).matches("203\\.0\\.113\\.([1-9]|1[0-4])"));
        }
        assertThat(err.size()).isZero();

        // the same seed gives the same ids
        out.reset();
        run(args);
        assertThat(lines().stream().map(l -> json(l).path("id").asText()))
                .containsExactlyElementsOf(lines.stream().map(l -> json(l).path("id").asText()).toList());
    }

    @Test
    void repeatPrintsUpdatesOfOneFindingWithAGrowingCount() {
        assertThat(run(new String[] {"drill", "--type", "rdp-brute-force", "--repeat", "3", "--print"})).isZero();

        List<JsonNode> events = lines().stream().map(DrillCommandTest::json).toList();
        assertThat(events).hasSize(3);
        assertThat(events).extracting(e -> e.path("detail").path("id").asText()).containsOnly(
                events.get(0).path("detail").path("id").asText());
        assertThat(events).extracting(e -> e.path("detail").path("service").path("count").asInt())
                .containsExactly(1, 2, 3);
        assertThat(events).extracting(e -> e.path("id").asText()).doesNotHaveDuplicates();
    }

    @Test
    void rateSpreadsTheEvents() {
        long start = System.nanoTime();
        assertThat(run(new String[] {"drill", "--type", "ssh-brute-force", "--count", "5", "--rate", "40", "--print"}))
                .isZero();
        // five events at 40/s: the last one is due 100 ms after the first
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(95));
        assertThat(lines()).hasSize(5);
    }

    @Test
    void helpListsEveryTypeAndOption() {
        assertThat(run(new String[] {"drill", "--help"})).isZero();
        String help = out.toString(StandardCharsets.UTF_8);
        for (DrillType type : DrillType.values()) {
            assertThat(help).contains(type.drillName()).contains(type.findingType());
        }
        assertThat(help).contains("--type", "--count", "--rate", "--account", "--region", "--addresses", "--instance",
                "--seed", "--repeat", "--bootstrap", "--print");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--type sql-injection --print | unknown drill type 'sql-injection'; known types: ssh-brute-force,",
        "--count 3 --print | type is required; known types:",
        "--type port-probe --count 0 --print | count must be from 1 to 100000, got 0",
        "--type port-probe --count ten --print | --count must be a whole number, got 'ten'",
        "--type port-probe --addresses 300.1.2.3 --print | address '300.1.2.3' is not an IPv4 or IPv6 address",
        "--type port-probe --rate -1 --print | --rate must be 0 (as fast as possible) or more",
        "--type port-probe | give either --bootstrap HOST:PORT (produce to findings.raw) or --print",
        "--type port-probe --print --bootstrap k:9092 | give either --bootstrap HOST:PORT (produce to findings.raw) or --print, not both",
        "--type port-probe --colour red --print | unknown option --colour",
        "--type --print | --type needs a value",
        "--type port-probe --account 42 --print | account '42' is not a 12-digit AWS account id"})
    void badOptionsExit2WithAMessage(String options, String message) {
        String[] args = ("drill " + options).split(" ");

        assertThat(run(args)).isEqualTo(2);
        assertThat(out.size()).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("drill: " + message)
                .contains("drill --help lists the types and options");
    }

    @Test
    void bootstrapProducesToFindingsRawKeyedByEventIdAndAcknowledged() {
        String account = String.valueOf(ThreadLocalRandom.current().nextLong(100_000_000_000L, 999_999_999_999L));
        try (TopicProbe raw = TopicProbe.from(Topics.FINDINGS_RAW)) {
            int exit = run(new String[] {"drill", "--type", "malicious-ip-caller", "--count", "20", "--repeat", "2",
                "--account", account, "--bootstrap", KafkaTestBroker.bootstrapServers()});

            assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8))
                    .matches("sent 40 events in \\d+ ms \\(20 malicious-ip-caller findings, to findings\\.raw on .+\\)\\R");
            List<ConsumerRecord<String, byte[]>> records = raw.await(
                    r -> json(r.value()).path("account").asText().equals(account), 40, Duration.ofSeconds(30));
            assertThat(records).hasSize(40).allSatisfy(r -> {
                assertThat(r.key()).isEqualTo(json(r.value()).path("id").asText());
                Finding f = decode(new String(r.value(), StandardCharsets.UTF_8));
                assertThat(f.state().sample()).isTrue();
                assertThat(f.type()).isEqualTo("UnauthorizedAccess:EC2/MaliciousIPCaller.Custom");
            });
            assertThat(records).extracting(ConsumerRecord::key).doesNotHaveDuplicates();
            assertThat(records.stream().map(r -> json(r.value()).path("detail").path("id").asText()).distinct())
                    .hasSize(20);
        }
    }

    private int run(String[] args) {
        return DrillCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private List<String> lines() {
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private static Finding decode(String event) {
        NormalizeResult result = new EventNormalizer(Set.of()).normalize(event.getBytes(StandardCharsets.UTF_8));
        assertThat(result).isInstanceOf(NormalizeResult.Normalized.class);
        return ((NormalizeResult.Normalized) result).findings().get(0);
    }

    private static JsonNode json(String text) {
        return json(text.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode json(byte[] bytes) {
        try {
            return FindingCodec.mapper().readTree(bytes);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
