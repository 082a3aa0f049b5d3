package dev.findingsresponder.triage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.findingsresponder.model.ActionRequest;
import dev.findingsresponder.model.Finding;
import dev.findingsresponder.model.Mode;
import dev.findingsresponder.model.SeverityLabel;
import dev.findingsresponder.model.TriagedFinding.Decision;
import dev.findingsresponder.model.decode.EventNormalizer;
import dev.findingsresponder.model.decode.NormalizeResult;
import dev.findingsresponder.testsupport.EventFixtures;
import dev.findingsresponder.triage.policy.Policy;
import dev.findingsresponder.triage.policy.PolicyLoader;
import dev.findingsresponder.triage.score.IpLists;
import dev.findingsresponder.triage.score.Scorer;
import dev.findingsresponder.triage.score.ScoringSettings;

/**
 * The committed example policy, run over the project's fixtures, gives the decisions its comments promise
 * (the published samples of ../shared/samples: {@link SharedSamplesOverExamplePolicyTest}).
 */
class ExamplePolicyOverFixturesTest {

    private static final String ALERTS = "arn:aws:sns:us-east-1:111122223333:security-alerts";

    private TriageEngine engine;

    @BeforeEach
    void loadExamplePolicy() throws Exception {
        Path file = Path.of("../policies/example-policy.yaml");
        Policy policy = PolicyLoader.load(Files.readString(file), file.getFileName().toString());
        IpLists lists = IpLists.none();
        lists.reload();
        engine = new TriageEngine(() -> Optional.of(policy), new Scorer(ScoringSettings.defaults(), lists),
                new RepeatTracker(Duration.ofHours(1), List.of(10L, 100L), 1000, Clock.systemUTC()),
                new ActionPlanner(lists), Set.of("findings-responder"), Clock.systemUTC());
    }

    @Test
    void sshAndRdpBruteForceAreBlockedInTheNaclAndWafAndNotified() {
        for (String fixture : List.of("guardduty/eb_unauthorizedaccess-ec2-sshbruteforce.json",
                "guardduty/eb_unauthorizedaccess-ec2-rdpbruteforce_public-ipv4.json",
                "sns/sns_eventbridge_guardduty-sshbruteforce.json")) {
            TriageOutcome outcome = explain(fixture);
            assertThat(outcome.triaged().playbooks()).as(fixture).containsExactly("ssh-rdp-brute-force-and-port-probes");
            assertThat(outcome.requests()).as(fixture).extracting(ActionRequest::action)
                    .containsExactly("nacl-deny", "waf-block", "sns-notify");
            assertThat(outcome.requests()).as(fixture).allSatisfy(r -> assertThat(r.mode()).isEqualTo(Mode.ENFORCE));
        }
    }

    @Test
    void portProbeBlocksEveryProbingAddressIpv6IntoTheIpv6Set() {
        TriageOutcome outcome = explain("guardduty/eb_recon-ec2-portprobeunprotectedport.json");
        List<ActionRequest> waf = outcome.requests().stream().filter(r -> r.action().equals("waf-block")).toList();
        assertThat(waf).extracting(r -> r.target().address())
                .containsExactlyInAnyOrder("203.0.113.5", "198.51.100.77", "2001:db8:4f2a::17");
        assertThat(waf).filteredOn(r -> r.target().address().contains(":"))
                .singleElement().satisfies(r -> assertThat(r.target().resourceId()).isEqualTo("blocked-ipv6"));
        assertThat(outcome.requests()).filteredOn(r -> r.action().equals("nacl-deny")).hasSize(3);
    }

    @Test
    void cryptoMiningAndCommandAndControlIsolateTheInstanceAndPage() {
        for (String fixture : List.of("guardduty/bare_getfindings_cryptocurrency-ec2-bitcointool-b.json",
                "guardduty/eb_cryptocurrency-ec2-bitcointool-b-dns.json", "guardduty/eb_backdoor-ec2-ccactivity-b.json")) {
            TriageOutcome outcome = explain(fixture);
            assertThat(outcome.requests()).as(fixture).extracting(ActionRequest::action)
                    .containsExactly("isolate-instance", "sns-notify");
            assertThat(outcome.requests().get(1).params()).as(fixture).containsEntry("priority", "high");
        }
    }

    @Test
    void credentialExfiltrationAndRootUseNotifyAtHighPriority() {
        TriageOutcome exfiltration = explain("guardduty/eb_unauthorizedaccess-iamuser-instancecredentialexfiltration-outsideaws.json");
        assertThat(exfiltration.triaged().playbooks()).containsExactly("credential-exfiltration-and-root-use");
        assertThat(exfiltration.requests()).singleElement().satisfies(r -> {
            assertThat(r.action()).isEqualTo("sns-notify");
            assertThat(r.params()).containsEntry("priority", "high").containsEntry("topic-arn", ALERTS);
        });
        // the fixture is archived; the same finding while active is what the playbook is for
        String active = text("guardduty/eb_policy-iamuser-rootcredentialusage_archived_public-ipv6.json")
                .replace("\"archived\": true", "\"archived\": false");
        TriageOutcome root = engine.explain(normalize(active));
        assertThat(root.triaged().playbooks()).containsExactly("credential-exfiltration-and-root-use");
        assertThat(root.requests()).extracting(ActionRequest::action).containsExactly("sns-notify");
    }

    @Test
    void inspectorCriticalWithExploitIsNotified() {
        TriageOutcome outcome = explain("inspector2/eb_package-vuln_ec2_critical_exploit-available.json");
        assertThat(outcome.triaged().playbooks()).containsExactly("inspector-critical-exploitable");
        assertThat(outcome.requests()).extracting(ActionRequest::action).containsExactly("sns-notify");
    }

    @Test
    void configPublicBucketAndStaleKeyAreRemediatedWithSsm() {
        TriageOutcome bucket = explain("config/eb_compliance-change_s3-bucket-public-read-prohibited_noncompliant.json");
        assertThat(bucket.requests()).extracting(ActionRequest::action).containsExactly("ssm-remediate", "sns-notify");
        assertThat(bucket.requests().get(0).mode()).isEqualTo(Mode.APPROVE);
        assertThat(bucket.requests().get(0).params()).containsEntry("document", "AWS-DisableS3BucketPublicReadWrite");

        TriageOutcome key = explain("config/eb_compliance-change_iam-user-unused-credentials-check_noncompliant.json");
        assertThat(key.requests()).singleElement().satisfies(r -> {
            assertThat(r.action()).isEqualTo("ssm-remediate");
            assertThat(r.mode()).isEqualTo(Mode.ENFORCE);
            assertThat(r.params()).containsEntry("document", "AWSConfigRemediation-RevokeUnusedIAMUserCredentials");
        });
    }

    @Test
    void sampleFindingsAreSuppressedAndLowSeverityIsOnlyObserved() {
        TriageOutcome sample = explain("guardduty/eb_sample_unauthorizedaccess-ec2-maliciousipcaller-custom.json");
        assertThat(sample.triaged().decision()).isEqualTo(Decision.SUPPRESSED);
        assertThat(sample.triaged().suppressedBy()).isEqualTo("guardduty-sample-findings");
        assertThat(sample.requests()).isEmpty();

        TriageOutcome low = explain("config/eb_configuration-item-change_security-group.json");
        assertThat(low.triaged().playbooks()).containsExactly("low-severity-observe");
        assertThat(low.requests()).allSatisfy(r -> assertThat(r.mode()).isEqualTo(Mode.OBSERVE));
    }

    @Test
    void otherHighSeverityFindingsAreNotifiedAndInactiveOnesAreOnlyRecorded() {
        TriageOutcome trojan = explain("guardduty/eb_trojan-ec2-dnsdataexfiltration.json");
        assertThat(trojan.triaged().playbooks()).containsExactly("other-high-severity-notify");
        assertThat(trojan.requests()).extracting(ActionRequest::action).containsExactly("sns-notify");

        assertThat(explain("inspector2/bare_listfindings_package-vuln_ec2_closed.json").triaged().decision())
                .isEqualTo(Decision.INACTIVE);
        assertThat(explain("config/eb_compliance-change_restricted-ssh_compliant.json").triaged().decision())
                .isEqualTo(Decision.INACTIVE);
    }

    @Test
    void ourInstanceBruteForcingOthersIsNotifiedAndItsVictimIsNotBlocked() {
        String medium = text("guardduty/eb_impact-ec2-winrmbruteforce_actor.json")
                .replaceFirst("\"severity\": 8,", "\"severity\": 5,");
        TriageOutcome outcome = engine.explain(normalize(medium));
        assertThat(outcome.triaged().score().label()).isEqualTo(SeverityLabel.MEDIUM);
        assertThat(outcome.triaged().playbooks()).containsExactly("instance-attacking-others");
        assertThat(outcome.requests()).extracting(ActionRequest::action).containsExactly("sns-notify");
    }

    @Test
    void aSecurityHubFindingThisSystemUpdatedIsNotTriagedAgain() {
        assertThat(explain("securityhub/eb_imported_fsbp-ec2.19_control.json").triaged().decision())
                .isEqualTo(Decision.SELF_UPDATE_IGNORED);
    }

    private TriageOutcome explain(String fixture) {
        List<Finding> findings = NormalizedFixtures.of(fixture);
        assertThat(findings).as(fixture).hasSize(1);
        return engine.explain(findings.get(0));
    }

    private static String text(String fixture) {
        return new String(EventFixtures.bytes(fixture), StandardCharsets.UTF_8);
    }

    private static Finding normalize(String event) {
        NormalizeResult result = new EventNormalizer(Set.of()).normalize(event.getBytes(StandardCharsets.UTF_8));
        return ((NormalizeResult.Normalized) result).findings().get(0);
    }
}
