package dev.findingsresponder.triage.policy;

import static dev.findingsresponder.triage.TestFindings.score;
import static org.assertj.core.api.Assertions.assertThat;

import dev.findingsresponder.model.Finding;
import dev.findingsresponder.model.Score;
import dev.findingsresponder.model.Source;
import dev.findingsresponder.triage.TestFindings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each match criterion on its own, parsed from the policy syntax. */
class MatchTest {

    private static final Finding PROBE = TestFindings.guardDuty("Recon:EC2/PortProbeUnprotectedPort").severity(5.0)
            .instance("i-0abc", Map.of("environment", "prod", "team", "web")).resourceRole("TARGET")
            .remoteIp("203.0.113.9").remoteIp("2001:db8::7").build();

    @Test
    void emptyMatchMatchesEverything() {
        assertThat(match("{}").hasNoCriteria()).isTrue();
        assertThat(match("{}").matches(PROBE, score(50))).isTrue();
    }

    @Test
    void sourceIsTheChannelAndProductIsTheProducerOnAnyChannel() {
        Finding viaHub = TestFindings.securityHub(Source.GUARDDUTY, "Recon:EC2/PortProbeUnprotectedPort").build();
        Finding partner = TestFindings.securityHub(null, "Partner/Finding").build();
        assertThat(match("{source: [guardduty]}").matches(PROBE, null)).isTrue();
        assertThat(match("{source: [GUARDDUTY]}").matches(viaHub, null)).isFalse();
        assertThat(match("{source: security-hub}").matches(viaHub, null)).isTrue();
        assertThat(match("{product: [GuardDuty]}").matches(PROBE, null)).isTrue();
        assertThat(match("{product: [GuardDuty]}").matches(viaHub, null)).isTrue();
        assertThat(match("{product: [GuardDuty]}").matches(partner, null)).isFalse();
        assertThat(match("{product: [Security Hub]}").matches(partner, null)).isTrue();
    }

    @Test
    void typeGlobsAreAnyOfAndAlsoTestTheTypesList() {
        assertThat(match("{type: [\"UnauthorizedAccess:*\", \"Recon:EC2/*\"]}").matches(PROBE, null)).isTrue();
        assertThat(match("{type: \"Recon:IAMUser/*\"}").matches(PROBE, null)).isFalse();
        Finding asff = new Finding(PROBE.id(), PROBE.nativeId(), Source.SECURITY_HUB, PROBE.product(), PROBE.type(),
                List.of(PROBE.type(), "TTPs/Discovery/Recon:EC2-PortProbeUnprotectedPort"), null, null,
                PROBE.account(), PROBE.region(), "aws", null, null, null, null, 1, PROBE.severity(), null, null, null,
                null, null, null, null, null, null, null);
        assertThat(match("{type: \"TTPs/Discovery/*\"}").matches(asff, null)).isTrue();
    }

    @Test
    void scoreRangesAreInclusive() {
        Match m = match("{score: {min: 40, max: 69}}");
        assertThat(m.matches(PROBE, score(39))).isFalse();
        assertThat(m.matches(PROBE, score(40))).isTrue();
        assertThat(m.matches(PROBE, score(69))).isTrue();
        assertThat(m.matches(PROBE, score(70))).isFalse();
        assertThat(match("{score: {min: 90}}").matches(PROBE, score(100))).isTrue();
        assertThat(match("{score: {max: 9}}").matches(PROBE, score(0))).isTrue();
    }

    @Test
    void labelRangesUseTheScoreLabel() {
        Match mediumOrHigh = match("{label: {min: medium, max: HIGH}}");
        assertThat(mediumOrHigh.matches(PROBE, score(39))).isFalse();
        assertThat(mediumOrHigh.matches(PROBE, score(40))).isTrue();
        assertThat(mediumOrHigh.matches(PROBE, score(89))).isTrue();
        assertThat(mediumOrHigh.matches(PROBE, score(90))).isFalse();
        assertThat(match("{label: {max: LOW}}").matches(PROBE, score(5))).isTrue();
        assertThat(match("{label: {min: CRITICAL}}").matches(PROBE, score(95))).isTrue();
    }

    @Test
    void withoutAScoreTheFindingSeverityStandsIn() {
        assertThat(match("{score: {min: 50, max: 50}}").matches(PROBE, null)).isTrue();
        assertThat(match("{label: {min: MEDIUM, max: MEDIUM}}").matches(PROBE, null)).isTrue();
    }

    @Test
    void severityIsTheNormalizedSourceSeverity() {
        assertThat(match("{severity: {min: 4.0, max: 6.9}}").matches(PROBE, score(99))).isTrue();
        assertThat(match("{severity: {min: 7}}").matches(PROBE, score(99))).isFalse();
    }

    @Test
    void accountRegionResourceTypeAndRole() {
        assertThat(match("{account: [\"444455556666\", \"111122223333\"]}").matches(PROBE, null)).isTrue();
        assertThat(match("{account: \"444455556666\"}").matches(PROBE, null)).isFalse();
        assertThat(match("{account: 111122223333}").matches(PROBE, null)).isTrue();
        assertThat(match("{region: [eu-west-1, us-east-1]}").matches(PROBE, null)).isTrue();
        assertThat(match("{region: eu-west-1}").matches(PROBE, null)).isFalse();
        assertThat(match("{resource-type: [instance]}").matches(PROBE, null)).isTrue();
        assertThat(match("{resource-type: [AccessKey]}").matches(PROBE, null)).isFalse();
        assertThat(match("{resource-role: target}").matches(PROBE, null)).isTrue();
        assertThat(match("{resource-role: ACTOR}").matches(PROBE, null)).isFalse();
        Finding noResource = TestFindings.guardDuty("Policy:IAMUser/RootCredentialUsage").build();
        assertThat(match("{resource-type: [Instance]}").matches(noResource, null)).isFalse();
        assertThat(match("{resource-role: TARGET}").matches(noResource, null)).isFalse();
    }

    @Test
    void tagsNeedEveryKeyWithOneOfItsValues() {
        assertThat(match("{tags: {environment: prod}}").matches(PROBE, null)).isTrue();
        assertThat(match("{tags: {environment: [staging, prod], team: web}}").matches(PROBE, null)).isTrue();
        assertThat(match("{tags: {environment: staging}}").matches(PROBE, null)).isFalse();
        assertThat(match("{tags: {environment: Prod}}").matches(PROBE, null)).as("values are case-sensitive").isFalse();
        assertThat(match("{tags: {team: \"*\"}}").matches(PROBE, null)).isTrue();
        assertThat(match("{tags: {owner: \"*\"}}").matches(PROBE, null)).isFalse();
        assertThat(match("{tags: {environment: prod, owner: \"*\"}}").matches(PROBE, null)).isFalse();
    }

    @Test
    void remoteIpMatchesWhenAnyIndicatorIsInside() {
        assertThat(match("{remote-ip: [\"203.0.113.0/24\"]}").matches(PROBE, null)).isTrue();
        assertThat(match("{remote-ip: [\"2001:db8::/32\"]}").matches(PROBE, null)).isTrue();
        assertThat(match("{remote-ip: [\"192.0.2.0/24\", \"2001:db9::/32\"]}").matches(PROBE, null)).isFalse();
        Finding dnsOnly = TestFindings.guardDuty("Backdoor:EC2/C&CActivity.B!DNS").domain("c2.example.com").build();
        assertThat(match("{remote-ip: [\"0.0.0.0/0\", \"::/0\"]}").matches(dnsOnly, null)).isFalse();
        Finding garbage = TestFindings.guardDuty("Recon:EC2/PortProbeUnprotectedPort").remoteIp("1.23.456.789").build();
        assertThat(match("{remote-ip: [\"0.0.0.0/0\"]}").matches(garbage, null)).isFalse();
    }

    @Test
    void sampleMatchesTheFindingStateOrTheScore() {
        Finding sample = TestFindings.guardDuty("Recon:EC2/PortProbeUnprotectedPort").sample().build();
        assertThat(match("{sample: true}").matches(sample, null)).isTrue();
        assertThat(match("{sample: true}").matches(PROBE, null)).isFalse();
        assertThat(match("{sample: false}").matches(PROBE, null)).isTrue();
        Score sampleScore = new Score(50, Score.labelOf(50), List.of(), true);
        assertThat(match("{sample: true}").matches(PROBE, sampleScore)).isTrue();
    }

    @Test
    void exploitAvailableNeedsTheSourceToSaySo() {
        Finding yes = TestFindings.inspector("PACKAGE_VULNERABILITY").vulnerability("CVE-1", 9.0, true).build();
        Finding no = TestFindings.inspector("PACKAGE_VULNERABILITY").vulnerability("CVE-2", 9.0, false).build();
        Finding unknown = TestFindings.inspector("PACKAGE_VULNERABILITY").vulnerability("CVE-3", 9.0, null).build();
        assertThat(match("{exploit-available: true}").matches(yes, null)).isTrue();
        assertThat(match("{exploit-available: true}").matches(no, null)).isFalse();
        assertThat(match("{exploit-available: true}").matches(unknown, null)).isFalse();
        assertThat(match("{exploit-available: false}").matches(no, null)).isTrue();
        assertThat(match("{exploit-available: false}").matches(unknown, null)).isFalse();
        assertThat(match("{exploit-available: false}").matches(PROBE, null)).isFalse();
    }

    @Test
    void everyCriterionGivenMustHold() {
        Match m = match("{product: GUARDDUTY, type: \"Recon:*\", score: {min: 40}, tags: {environment: prod},"
                + " remote-ip: \"203.0.113.0/24\", sample: false}");
        assertThat(m.matches(PROBE, score(40))).isTrue();
        assertThat(m.matches(PROBE, score(39))).isFalse();
    }

    /** The match block of a one-playbook policy. */
    static Match match(String flowYaml) {
        String yaml = "version: 1\nplaybooks:\n  - name: p\n    mode: observe\n    match: " + flowYaml + "\n    actions: []\n";
        return PolicyLoader.load(yaml, "match.yaml").playbooks().get(0).match();
    }
}
