package dev.findingsresponder.model.drill;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.findingsresponder.model.Direction;
import dev.findingsresponder.model.Finding;
import dev.findingsresponder.model.Finding.NetworkIndicator;
import dev.findingsresponder.model.IndicatorKind;
import dev.findingsresponder.model.SeverityLabel;
import dev.findingsresponder.model.decode.EventNormalizer;
import dev.findingsresponder.model.decode.NormalizeResult;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Drill events go through the same decoder as real GuardDuty events and come out as what they claim to be. */
class DrillGeneratorTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00.250Z");
    private static final DrillGenerator GENERATOR = new DrillGenerator(Clock.fixed(NOW, ZoneOffset.UTC));
    private static final EventNormalizer NORMALIZER = new EventNormalizer(Set.of());
    private static final List<String> ACCOUNTS = List.of("111111111111", "222222222222");

    @ParameterizedTest
    @EnumSource(DrillType.class)
    void everyTypeDecodesAsItsGuardDutyTypeMarkedAsASampleWithTheAttackerAsRemoteAddress(DrillType type) {
        DrillSpec spec = new DrillSpec(type, 6, ACCOUNTS, "eu-west-1", null, null, null, 1);
        List<DrillEvent> events = GENERATOR.generate(spec);

        assertThat(events).hasSize(6);
        for (int i = 0; i < events.size(); i++) {
            DrillEvent event = events.get(i);
            Finding f = decode(event);
            assertThat(f.type()).isEqualTo(type.findingType());
            assertThat(f.state().sample()).isTrue();
            assertThat(f.state().archived()).isFalse();
            assertThat(f.account()).isEqualTo(ACCOUNTS.get(i % 2)).isEqualTo(event.account());
            assertThat(f.raw().eventAccount()).isEqualTo(event.account());
            assertThat(f.region()).isEqualTo("eu-west-1");
            assertThat(f.nativeId()).isEqualTo(event.findingId()).hasSize(32).matches("[0-9a-f]{32}");
            assertThat(f.raw().eventId()).isEqualTo(event.eventId());
            assertThat(f.count()).isEqualTo(1);
            assertThat(f.severity().normalized()).isEqualTo(type.severity());
            assertThat(f.resourceRole()).isEqualTo("TARGET");
            assertThat(f.network()).isNotEmpty().allSatisfy(n -> {
                assertThat(n.remoteIp()).isEqualTo(event.attacker());
                assertThat(n.ipVersion()).isEqualTo(4);
            });
            assertThat(event.attacker()).matches("(198\\.51\\.100|203\\.0\\.113)\\.\\d+")
                    .doesNotEndWith(".0").doesNotEndWith(".255");
            assertThat(f.resource().instanceId()).startsWith("i-");
            assertThat(f.resource().subnetId()).startsWith("subnet-");
            assertThat(f.resource().vpcId()).startsWith("vpc-");
        }
        assertThat(events.stream().map(DrillEvent::findingId).distinct()).hasSize(6);
        assertThat(events.stream().map(DrillEvent::eventId).distinct()).hasSize(6);
    }

    @Test
    void actionShapesAreTheOnesGuardDutyPublishesForEachType() {
        NetworkIndicator ssh = onlyIndicator(DrillType.SSH_BRUTE_FORCE);
        assertThat(ssh.kind()).isEqualTo(IndicatorKind.NETWORK_CONNECTION);
        assertThat(ssh.direction()).isEqualTo(Direction.INBOUND);
        assertThat(ssh.localPort()).isEqualTo(22);
        assertThat(ssh.protocol()).isEqualTo("TCP");

        NetworkIndicator rdp = onlyIndicator(DrillType.RDP_BRUTE_FORCE);
        assertThat(rdp.direction()).isEqualTo(Direction.INBOUND);
        assertThat(rdp.localPort()).isEqualTo(3389);

        Finding probe = first(DrillType.PORT_PROBE);
        assertThat(probe.network()).hasSizeBetween(2, 4).allSatisfy(n -> {
            assertThat(n.kind()).isEqualTo(IndicatorKind.PORT_PROBE);
            assertThat(n.direction()).isEqualTo(Direction.INBOUND);
            assertThat(n.countryCode()).isNotBlank();
        });
        assertThat(probe.network().stream().map(NetworkIndicator::localPort).distinct())
                .hasSize(probe.network().size());

        Finding mining = first(DrillType.CRYPTO_MINING);
        assertThat(mining.severity().label()).isEqualTo(SeverityLabel.HIGH);
        assertThat(mining.network()).singleElement().satisfies(n -> {
            assertThat(n.direction()).isEqualTo(Direction.OUTBOUND);
            assertThat(n.remotePort()).isIn(3333, 4444, 8333);
        });

        Finding exfiltration = first(DrillType.CREDENTIAL_EXFILTRATION);
        assertThat(exfiltration.severity().normalized()).isEqualTo(8.0);
        assertThat(exfiltration.resource().type()).isEqualTo("AccessKey");
        assertThat(exfiltration.resource().accessKeyId()).startsWith("ASIA").hasSize(20);
        assertThat(exfiltration.resource().principal()).isEqualTo(DrillFindings.ROLE);
        assertThat(exfiltration.network()).singleElement()
                .satisfies(n -> assertThat(n.kind()).isEqualTo(IndicatorKind.AWS_API_CALL));

        Finding caller = first(DrillType.MALICIOUS_IP_CALLER);
        assertThat(caller.threatListNames()).containsExactly(DrillFindings.THREAT_LIST);
        assertThat(caller.network()).singleElement().satisfies(n -> {
            assertThat(n.kind()).isEqualTo(IndicatorKind.NETWORK_CONNECTION);
            assertThat(n.direction()).isEqualTo(Direction.OUTBOUND);
        });
    }

    @Test
    void theEnvelopeAndDetailHaveGuardDutysShape() {
        DrillEvent event = GENERATOR.generate(new DrillSpec(DrillType.SSH_BRUTE_FORCE, 1, List.of("333333333333"),
                "cn-north-1", null, null, null, 1)).get(0);
        JsonNode e = event.event();
        assertThat(e.path("version").asText()).isEqualTo("0");
        assertThat(e.path("detail-type").asText()).isEqualTo("GuardDuty Finding");
        assertThat(e.path("source").asText()).isEqualTo("aws.guardduty");
        assertThat(e.path("resources").isArray()).isTrue();
        assertThat(e.path("time").asText()).isEqualTo("2026-03-01T12:00:00Z");
        JsonNode d = e.path("detail");
        assertThat(d.path("schemaVersion").asText()).isEqualTo("2.0");
        assertThat(d.path("partition").asText()).isEqualTo("aws-cn");
        assertThat(d.path("arn").asText())
                .matches("arn:aws-cn:guardduty:cn-north-1:333333333333:detector/[0-9a-f]{32}/finding/"
                        + event.findingId());
        assertThat(d.path("service").path("additionalInfo").path("sample").asBoolean()).isTrue();
        assertThat(d.path("service").path("archived").asBoolean(true)).isFalse();
        assertThat(d.path("createdAt").asText()).isEqualTo("2026-03-01T12:00:00.250Z");
        assertThat(Instant.parse(d.path("service").path("eventFirstSeen").asText())).isBefore(NOW);
        assertThat(d.path("title").asText()).contains(event.attacker());
    }

    @Test
    void givenInstancesAreUsedRoundRobinAndKeepTheirNetworkAcrossFindings() {
        List<String> instances = List.of("i-0123456789abcdef0", "i-0fedcba9876543210");
        List<Finding> findings = GENERATOR.generate(new DrillSpec(DrillType.CRYPTO_MINING, 4, null, null, null,
                instances, null, 1)).stream().map(DrillGeneratorTest::decode).toList();

        assertThat(findings).extracting(f -> f.resource().instanceId())
                .containsExactly(instances.get(0), instances.get(1), instances.get(0), instances.get(1));
        assertThat(findings.get(0).resource().subnetId()).isEqualTo(findings.get(2).resource().subnetId());
        assertThat(findings.get(0).resource().publicIps()).isEqualTo(findings.get(2).resource().publicIps());
        assertThat(findings.get(0).resource().subnetId()).isNotEqualTo(findings.get(1).resource().subnetId());
        assertThat(findings).allSatisfy(f -> assertThat(f.account()).isEqualTo(DrillSpec.DEFAULT_ACCOUNT));
    }

    @Test
    void repeatsKeepTheFindingIdAndGrowTheCountAndUpdatedAt() {
        List<DrillEvent> events = GENERATOR.generate(new DrillSpec(DrillType.SSH_BRUTE_FORCE, 2, null, null, null,
                null, null, 3));

        assertThat(events).hasSize(6);
        assertThat(events.stream().map(DrillEvent::eventId).distinct()).hasSize(6);
        Map<String, List<Finding>> byFinding = events.stream().map(DrillGeneratorTest::decode)
                .collect(Collectors.groupingBy(Finding::id));
        assertThat(byFinding).hasSize(2);
        byFinding.values().forEach(reports -> {
            assertThat(reports).extracting(Finding::count).containsExactly(1L, 2L, 3L);
            assertThat(reports.get(0).updatedAt()).isBefore(reports.get(1).updatedAt());
            assertThat(reports.get(1).updatedAt()).isBefore(reports.get(2).updatedAt());
            assertThat(reports.get(2).updatedAt()).isEqualTo(NOW);
            assertThat(reports.get(2).lastSeen()).isAfter(reports.get(0).lastSeen());
            assertThat(reports).extracting(Finding::createdAt).containsOnly(reports.get(0).createdAt());
            assertThat(reports).extracting(f -> f.network().get(0).remoteIp())
                    .containsOnly(reports.get(0).network().get(0).remoteIp());
        });
        assertThat(events).extracting(DrillEvent::repeat).containsExactly(0, 1, 2, 0, 1, 2);
    }

    @Test
    void ipv6AttackersLandWhereTheFindingKeepsRemoteAddresses() {
        List<DrillEvent> events = GENERATOR.generate(new DrillSpec(DrillType.PORT_PROBE, 5, null, null,
                List.of("2001:db8:bad::/48"), null, null, 1));
        for (DrillEvent event : events) {
            assertThat(event.attacker()).startsWith("2001:db8:bad:");
            assertThat(decode(event).network()).allSatisfy(n -> {
                assertThat(n.remoteIp()).isEqualTo(event.attacker());
                assertThat(n.ipVersion()).isEqualTo(6);
                assertThat(n.localIp()).contains(":");
            });
        }
        DrillEvent literal = GENERATOR.generate(new DrillSpec(DrillType.SSH_BRUTE_FORCE, 1, null, null,
                List.of("2001:DB8:0:0:0:0:0:17"), null, null, 1)).get(0);
        assertThat(onlyIndicator(literal).remoteIp()).isEqualTo("2001:db8::17");
    }

    @Test
    void literalsAndBlocksMixAndIpv4BlocksSkipTheirNetworkAndBroadcastAddresses() {
        List<DrillEvent> events = GENERATOR.generate(new DrillSpec(DrillType.MALICIOUS_IP_CALLER, 200, null, null,
                List.of("203.0.113.9", "198.51.100.0/30"), null, 7L, 1));
        assertThat(events).extracting(DrillEvent::attacker)
                .containsOnly("203.0.113.9", "198.51.100.1", "198.51.100.2")
                .contains("203.0.113.9", "198.51.100.1", "198.51.100.2");
    }

    @Test
    void aSeedAndAFixedClockReproduceTheDrillExactly() {
        DrillSpec spec = new DrillSpec(DrillType.PORT_PROBE, 20, ACCOUNTS, null, null, null, 42L, 2);
        List<String> once = GENERATOR.events(spec).map(DrillEvent::toJsonLine).toList();
        List<String> again = GENERATOR.events(spec).map(DrillEvent::toJsonLine).toList();
        List<String> other = GENERATOR.events(new DrillSpec(DrillType.PORT_PROBE, 20, ACCOUNTS, null, null, null,
                43L, 2)).map(DrillEvent::toJsonLine).toList();

        assertThat(once).hasSize(40).isEqualTo(again).doesNotContainAnyElementsOf(other);
    }

    @Test
    void largeDrillsHaveDistinctFindingIds() {
        DrillSpec spec = new DrillSpec(DrillType.SSH_BRUTE_FORCE, 20_000, null, null, List.of("203.0.113.1"), null,
                1L, 1);
        assertThat(GENERATOR.events(spec).map(DrillEvent::findingId).distinct().count()).isEqualTo(20_000);
    }

    @Test
    void ipv6TextIsCompressedAsRfc5952Says() {
        assertThat(format("2001:db8:0:0:1:0:0:1")).isEqualTo("2001:db8::1:0:0:1");
        assertThat(format("0:0:0:0:0:0:0:1")).isEqualTo("::1");
        assertThat(format("0:0:0:0:0:0:0:0")).isEqualTo("::");
        assertThat(format("2001:db8:0:0:0:0:0:0")).isEqualTo("2001:db8::");
        assertThat(format("2001:db8:0:1:1:1:1:1")).isEqualTo("2001:db8:0:1:1:1:1:1");
    }

    private static String format(String full) {
        java.math.BigInteger v = java.math.BigInteger.ZERO;
        for (String group : full.split(":")) {
            v = v.shiftLeft(16).or(new java.math.BigInteger(group, 16));
        }
        return AddressPool.formatV6(v);
    }

    private static Finding first(DrillType type) {
        return decode(GENERATOR.generate(DrillSpec.of(type, 1)).get(0));
    }

    private static NetworkIndicator onlyIndicator(DrillType type) {
        List<NetworkIndicator> network = first(type).network();
        assertThat(network).hasSize(1);
        return network.get(0);
    }

    private static NetworkIndicator onlyIndicator(DrillEvent event) {
        List<NetworkIndicator> network = decode(event).network();
        assertThat(network).hasSize(1);
        return network.get(0);
    }

    static Finding decode(DrillEvent event) {
        NormalizeResult result = NORMALIZER.normalize(event.toJson());
        assertThat(result).as("normalize %s", event.toJsonLine()).isInstanceOf(NormalizeResult.Normalized.class);
        List<Finding> findings = ((NormalizeResult.Normalized) result).findings();
        assertThat(findings).hasSize(1);
        return findings.get(0);
    }
}
