package dev.findingsresponder.triage.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.findingsresponder.model.Score;
import dev.findingsresponder.model.Score.Factor;
import dev.findingsresponder.model.SeverityLabel;
import dev.findingsresponder.triage.score.IpLists.Kind;
import dev.findingsresponder.triage.score.IpLists.ListDefinition;

class ScorerTest {

    @TempDir
    Path dir;

    private IpLists lists;
    private Scorer scorer;

    @BeforeEach
    void setUp() throws IOException {
        Path tor = Files.write(dir.resolve("tor.txt"), List.of("203.0.113.0/24", "2001:db8:bad::/48"));
        Path office = Files.write(dir.resolve("office.txt"), List.of("198.51.100.0/24"));
        lists = new IpLists(List.of(
                new ListDefinition("tor-exits", Kind.THREAT, List.of(tor.toString())),
                new ListDefinition("office", Kind.TRUSTED, List.of(office.toString()))));
        assertThat(lists.reload().allOk()).isTrue();
        scorer = new Scorer(ScoringSettings.defaults(), lists);
    }

    @Test
    void baseSeverityAlone() {
        Score score = scorer.score(TestFinding.guardDuty(7.5).build(), 1);

        assertThat(score.value()).isEqualTo(75);
        assertThat(score.label()).isEqualTo(SeverityLabel.HIGH);
        assertThat(score.sample()).isFalse();
        assertThat(score.factors()).containsExactly(new Factor("base-severity", 75, "GuardDuty severity 7.5 (HIGH)"));
    }

    @Test
    void everyFactorInOrderWithPointsAndReasons() {
        var finding = TestFinding.guardDuty(1.0)
                .instance("i-123", Map.of("environment", "Prod", "criticality", "HIGH", "owner", "team-a"),
                        "54.1.2.3")
                .remoteIp("203.0.113.9")
                .remoteIp("198.51.100.7")
                .vulnerability("CVE-2024-1234", true, true)
                .count(12)
                .sample()
                .build();

        Score score = scorer.score(finding, 3);

        assertThat(score.factors()).containsExactly(
                new Factor("base-severity", 10, "GuardDuty severity 1.0 (LOW)"),
                new Factor("asset-criticality", 10, "tag environment=Prod"),
                new Factor("asset-criticality", 15, "tag criticality=HIGH"),
                new Factor("internet-exposure", 10, "public IP 54.1.2.3 on i-123"),
                new Factor("threat-list", 20, "203.0.113.9 on list 'tor-exits' (203.0.113.0/24)"),
                new Factor("trusted-list", -30, "198.51.100.7 on trusted list 'office' (198.51.100.0/24)"),
                new Factor("exploit-available", 15, "exploit available for CVE-2024-1234"),
                new Factor("fix-available", 5, "fix available for CVE-2024-1234"),
                new Factor("repeat", 5, "seen 12 times"),
                new Factor("sample", 0, "GuardDuty sample finding"));
        assertThat(score.value()).isEqualTo(60);
        assertThat(score.label()).isEqualTo(SeverityLabel.MEDIUM);
        assertThat(score.sample()).isTrue();
    }

    @Test
    void tagKeysAreExactAndValuesCaseInsensitive() {
        var finding = TestFinding.guardDuty(5.0)
                .instance("i-1", Map.of("Environment", "prod", "criticality", " Low "))
                .build();

        assertThat(scorer.score(finding, 1).factors()).containsExactly(
                new Factor("base-severity", 50, "GuardDuty severity 5.0 (MEDIUM)"),
                new Factor("asset-criticality", -5, "tag criticality=Low"));
    }

    @Test
    void networkReachabilityCountsAsExposure() {
        var finding = TestFinding.inspector(5.0).reachable(22, 23, "TCP").build();

        assertThat(scorer.score(finding, 1).factors()).contains(
                new Factor("internet-exposure", 10, "open ports 22-23/TCP reachable from the internet"));
    }

    @Test
    void threatListFactorCountsOnceAndNamesTheFirstAddresses() {
        var finding = TestFinding.guardDuty(5.0)
                .remoteIp("203.0.113.1").remoteIp("203.0.113.1").remoteIp("203.0.113.2").remoteIp("2001:db8:bad::9")
                .remoteIp("203.0.113.4").remoteIp("203.0.113.5").remoteIp("192.0.2.1").remoteIp("not-an-ip")
                .reportedThreatList("ProofPoint")
                .build();

        Score score = scorer.score(finding, 1);

        assertThat(score.value()).isEqualTo(70);
        assertThat(score.factors()).filteredOn(factor -> factor.name().equals("threat-list")).containsExactly(
                new Factor("threat-list", 20, "203.0.113.1 on list 'tor-exits' (203.0.113.0/24); "
                        + "203.0.113.2 on list 'tor-exits' (203.0.113.0/24); "
                        + "2001:db8:bad::9 on list 'tor-exits' (2001:db8:bad::/48) and 2 more; "
                        + "GuardDuty reported threat list 'ProofPoint'"));
    }

    @Test
    void sourceReportedThreatListAloneCounts() {
        var finding = TestFinding.guardDuty(5.0).reportedThreatList("ProofPoint").build();

        assertThat(scorer.score(finding, 1).factors()).contains(
                new Factor("threat-list", 20, "GuardDuty reported threat list 'ProofPoint'"));
    }

    @Test
    void repeatsUseTheLargerOfSourceCountAndOwnCount() {
        assertThat(scorer.score(TestFinding.guardDuty(5.0).count(150).build(), 2).factors())
                .contains(new Factor("repeat", 10, "seen 150 times"));
        assertThat(scorer.score(TestFinding.guardDuty(5.0).count(1).build(), 10).factors())
                .contains(new Factor("repeat", 5, "seen 10 times"));
        assertThat(scorer.score(TestFinding.guardDuty(5.0).count(9).build(), 1).factors())
                .extracting(Factor::name).doesNotContain("repeat");
    }

    @Test
    void clampsToZeroAndHundred() {
        var hot = TestFinding.guardDuty(10.0)
                .instance("i-1", Map.of("environment", "prod", "criticality", "critical"), "54.1.2.3")
                .remoteIp("203.0.113.9")
                .build();
        var cold = TestFinding.guardDuty(1.0)
                .instance("i-1", Map.of("environment", "dev", "criticality", "low"))
                .remoteIp("198.51.100.7")
                .build();

        Score high = scorer.score(hot, 1);
        Score low = scorer.score(cold, 1);

        assertThat(high.value()).isEqualTo(100);
        assertThat(high.label()).isEqualTo(SeverityLabel.CRITICAL);
        assertThat(high.factors().stream().mapToInt(Factor::points).sum()).isEqualTo(160);
        assertThat(low.value()).isZero();
        assertThat(low.label()).isEqualTo(SeverityLabel.INFORMATIONAL);
    }

    @Test
    void labelBandsFollowTheValue() {
        assertThat(scorer.score(TestFinding.guardDuty(0.5).build(), 1).label()).isEqualTo(SeverityLabel.INFORMATIONAL);
        assertThat(scorer.score(TestFinding.guardDuty(1.0).build(), 1).label()).isEqualTo(SeverityLabel.LOW);
        assertThat(scorer.score(TestFinding.guardDuty(3.9).build(), 1).label()).isEqualTo(SeverityLabel.LOW);
        assertThat(scorer.score(TestFinding.guardDuty(4.0).build(), 1).label()).isEqualTo(SeverityLabel.MEDIUM);
        assertThat(scorer.score(TestFinding.guardDuty(6.9).build(), 1).label()).isEqualTo(SeverityLabel.MEDIUM);
        assertThat(scorer.score(TestFinding.guardDuty(7.0).build(), 1).label()).isEqualTo(SeverityLabel.HIGH);
        assertThat(scorer.score(TestFinding.guardDuty(8.9).build(), 1).label()).isEqualTo(SeverityLabel.HIGH);
        assertThat(scorer.score(TestFinding.guardDuty(9.0).build(), 1).label()).isEqualTo(SeverityLabel.CRITICAL);
    }

    @Test
    void sampleIsMarkedNotPenalizedByDefault() {
        Score score = scorer.score(TestFinding.guardDuty(8.0).sample().build(), 1);

        assertThat(score.sample()).isTrue();
        assertThat(score.value()).isEqualTo(80);
        assertThat(score.factors()).last().isEqualTo(new Factor("sample", 0, "GuardDuty sample finding"));
    }

    @Test
    void zeroPointFactorsAreLeftOutAndCustomWeightsApply() {
        var settings = new ScoringSettings(5, Map.of("tier", Map.of("Gold", 7)), 0, 20, -30, 15, 0,
                Map.of(2L, 1), -10);
        var custom = new Scorer(settings, lists);
        var finding = TestFinding.inspector(8.0).instance("i-9", Map.of("tier", "GOLD"), "54.1.2.3")
                .vulnerability("CVE-1", false, true).count(2).sample().build();

        assertThat(custom.score(finding, 1).factors()).containsExactly(
                new Factor("base-severity", 40, "Inspector severity 8.0 (HIGH)"),
                new Factor("asset-criticality", 7, "tag tier=GOLD"),
                new Factor("repeat", 1, "seen 2 times"),
                new Factor("sample", -10, "Inspector sample finding"));
    }

    @Test
    void trustedAddressesNamesEveryTrustedRemoteIp() {
        var finding = TestFinding.guardDuty(8.0)
                .remoteIp("198.51.100.7").remoteIp("203.0.113.9").remoteIp("::ffff:198.51.100.8").build();

        assertThat(scorer.trustedAddresses(finding)).containsExactly(
                new Scorer.TrustedHit("198.51.100.7", new IpLists.ListMatch("office", "198.51.100.0/24")),
                new Scorer.TrustedHit("::ffff:198.51.100.8", new IpLists.ListMatch("office", "198.51.100.0/24")));
    }

    @Test
    void settingsAreValidated() {
        assertThatThrownBy(() -> new ScoringSettings(-1, null, 0, 0, 0, 0, 0, null, 0))
                .hasMessageContaining("baseWeight");
        assertThatThrownBy(() -> new ScoringSettings(10, Map.of("env", Map.of("Prod", 1, "PROD", 2)), 0, 0, 0, 0,
                0, null, 0)).hasMessageContaining("given twice");
        assertThatThrownBy(() -> new ScoringSettings(10, null, 0, 0, 0, 0, 0, Map.of(1L, 5), 0))
                .hasMessageContaining("repeat threshold");
        assertThat(ScoringSettings.defaults().repeatPointsFor(1_000_000)).isEqualTo(10);
    }
}
