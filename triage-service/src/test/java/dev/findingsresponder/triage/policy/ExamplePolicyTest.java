package dev.findingsresponder.triage.policy;

import static dev.findingsresponder.triage.TestFindings.score;
import static org.assertj.core.api.Assertions.assertThat;

import dev.findingsresponder.model.Finding;
import dev.findingsresponder.model.Mode;
import dev.findingsresponder.model.Score;
import dev.findingsresponder.model.Source;
import dev.findingsresponder.triage.TestFindings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The committed example policy loads cleanly and routes typical findings as its comments say. */
class ExamplePolicyTest {

    private static Policy policy;

    @BeforeAll
    static void load() throws IOException {
        policy = PolicyLoader.load(examplePolicyFile());
    }

    /** {@code policies/example-policy.yaml}, found by walking up from the working directory. */
    static Path examplePolicyFile() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("policies/example-policy.yaml");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("policies/example-policy.yaml not found above " + Path.of("").toAbsolutePath());
    }

    @Test
    void loadsWithZeroErrors() {
        assertThat(policy.sourceName()).isEqualTo("example-policy.yaml");
        assertThat(policy.version()).hasSize(64).matches("[0-9a-f]+");
        assertThat(policy.suppressions()).extracting(SuppressionRule::name)
                .containsExactly("trusted-vulnerability-scanner", "guardduty-sample-findings");
        assertThat(policy.playbooks()).extracting(Playbook::name).containsExactly(
                "ssh-rdp-brute-force-and-port-probes", "crypto-mining-and-command-and-control",
                "credential-exfiltration-and-root-use", "inspector-critical-exploitable", "public-s3-bucket",
                "stale-iam-access-key", "other-high-severity-notify", "instance-attacking-others",
                "low-severity-observe");
    }

    @Test
    void sshBruteForceOnOurInstanceIsBlockedInNaclAndWafAndNotified() {
        Finding f = TestFindings.guardDuty("UnauthorizedAccess:EC2/SSHBruteForce").severity(2.0)
                .instance("i-0abc").resourceRole("TARGET").remoteIp("203.0.113.9").build();
        Playbook p = only(f, score(20));
        assertThat(p.name()).isEqualTo("ssh-rdp-brute-force-and-port-probes");
        assertThat(p.mode()).isEqualTo(Mode.ENFORCE);
        assertThat(p.actions()).extracting(ActionStep::action).containsExactly("nacl-deny", "waf-block", "sns-notify");
        assertThat(p.actions().get(0).ttl()).isEqualTo(Duration.ofHours(24));
        assertThat(p.actions().get(1).ttl()).isEqualTo(Duration.ofDays(7));
        assertThat(p.actions().get(1).params()).containsEntry("ip-set-v6", "blocked-ipv6");
    }

    @Test
    void portProbeDeliveredThroughSecurityHubMatchesTheSamePlaybook() {
        Finding f = TestFindings.securityHub(Source.GUARDDUTY, "Recon:EC2/PortProbeUnprotectedPort")
                .severity(2.0).instance("i-0abc").resourceRole("TARGET").remoteIp("2001:db8:1::7").build();
        assertThat(only(f, score(20)).name()).isEqualTo("ssh-rdp-brute-force-and-port-probes");
    }

    @Test
    void bruteForceFromOurInstanceDoesNotBlockTheVictim() {
        Finding f = TestFindings.guardDuty("UnauthorizedAccess:EC2/SSHBruteForce").severity(8.0)
                .instance("i-0abc").resourceRole("ACTOR").remoteIp("203.0.113.9").build();
        // only the high-severity notification: nothing that blocks the victim's address
        assertThat(policy.playbooksFor(f, score(80))).extracting(Playbook::name)
                .containsExactly("other-high-severity-notify");
    }

    @Test
    void ourScannerAndSampleFindingsAreSuppressed() {
        Finding scanner = TestFindings.guardDuty("Recon:EC2/PortProbeUnprotectedPort").severity(2.0)
                .instance("i-0abc").resourceRole("TARGET").remoteIp("198.51.100.241").build();
        assertThat(policy.suppressionFor(scanner, score(20))).map(SuppressionRule::name)
                .contains("trusted-vulnerability-scanner");
        Finding sample = TestFindings.guardDuty("Backdoor:EC2/C&CActivity.B!DNS").severity(8.0).sample().build();
        assertThat(policy.suppressionFor(sample, score(80))).map(SuppressionRule::name)
                .contains("guardduty-sample-findings");
        Finding attacker = TestFindings.guardDuty("Recon:EC2/PortProbeUnprotectedPort").severity(2.0)
                .instance("i-0abc").resourceRole("TARGET").remoteIp("203.0.113.9").build();
        assertThat(policy.suppressionFor(attacker, score(20))).isEmpty();
    }

    @Test
    void cryptoMiningInstanceIsIsolatedAndPaged() {
        Finding f = TestFindings.guardDuty("CryptoCurrency:EC2/BitcoinTool.B!DNS").severity(8.0)
                .instance("i-0abc").resourceRole("ACTOR").domain("pool.example.com").build();
        Playbook p = only(f, score(85));
        assertThat(p.name()).isEqualTo("crypto-mining-and-command-and-control");
        assertThat(p.actions()).extracting(ActionStep::action).containsExactly("isolate-instance", "sns-notify");
        assertThat(p.actions().get(0).ttl()).isNull();
        assertThat(p.actions().get(1).params()).containsEntry("priority", "high");
    }

    @Test
    void credentialExfiltrationAndRootUsePageAtHighPriority() {
        for (String type : List.of("UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS",
                "Policy:IAMUser/RootCredentialUsage")) {
            Finding f = TestFindings.guardDuty(type).severity(8.0).accessKey("ASIAEXAMPLE", "Root").build();
            Playbook p = only(f, score(80));
            assertThat(p.name()).isEqualTo("credential-exfiltration-and-root-use");
            assertThat(p.actions()).singleElement().satisfies(a -> assertThat(a.params()).containsEntry("priority", "high"));
        }
    }

    @Test
    void inspectorCriticalNotifiesOnlyWithAnExploit() {
        Finding exploitable = TestFindings.inspector("PACKAGE_VULNERABILITY").severity(9.8)
                .vulnerability("CVE-2024-0001", 9.8, true).build();
        assertThat(only(exploitable, score(95)).name()).isEqualTo("inspector-critical-exploitable");
        Finding noExploit = TestFindings.inspector("PACKAGE_VULNERABILITY").severity(9.8)
                .vulnerability("CVE-2024-0002", 9.8, false).build();
        assertThat(policy.playbooksFor(noExploit, score(90))).extracting(Playbook::name)
                .containsExactly("other-high-severity-notify");
    }

    @Test
    void publicBucketWaitsForApprovalAndStaleKeyIsRevoked() {
        Finding bucket = TestFindings.config("s3-bucket-public-read-prohibited", "AWS::S3::Bucket", "my-bucket").build();
        Playbook s3 = only(bucket, score(40));
        assertThat(s3.name()).isEqualTo("public-s3-bucket");
        assertThat(s3.mode()).isEqualTo(Mode.APPROVE);
        assertThat(s3.actions().get(0).params()).containsEntry("document", "AWS-DisableS3BucketPublicReadWrite");
        assertThat(s3.actions().get(0).params().get("parameters"))
                .isEqualTo(Map.of("S3BucketName", "{{resource.id}}",
                        "AutomationAssumeRole", "arn:aws:iam::{{account}}:role/FindingsResponderRemediation"));

        Finding key = TestFindings.config("iam-user-unused-credentials-check", "AWS::IAM::User", "AIDAEXAMPLE").build();
        Playbook iam = only(key, score(40));
        assertThat(iam.name()).isEqualTo("stale-iam-access-key");
        assertThat(iam.mode()).isEqualTo(Mode.ENFORCE);
    }

    @Test
    void compliantEvaluationsAreNotRemediated() {
        Finding compliant = TestFindings.config("s3-bucket-public-read-prohibited", "AWS::S3::Bucket", "my-bucket")
                .severity(0.0).compliance("s3-bucket-public-read-prohibited", "COMPLIANT").build();
        assertThat(policy.playbooksFor(compliant, score(0))).extracting(Playbook::name)
                .containsExactly("low-severity-observe");
    }

    @Test
    void anythingElseLowIsObservedOnly() {
        Finding f = TestFindings.guardDuty("Discovery:S3/AnomalousBehavior").severity(2.0).build();
        Playbook p = only(f, score(25));
        assertThat(p.name()).isEqualTo("low-severity-observe");
        assertThat(p.mode()).isEqualTo(Mode.OBSERVE);
        Finding medium = TestFindings.guardDuty("Discovery:S3/AnomalousBehavior").severity(5.0).build();
        assertThat(policy.playbooksFor(medium, score(50))).isEmpty();
    }

    private static Playbook only(Finding finding, Score score) {
        assertThat(policy.suppressionFor(finding, score)).isEmpty();
        List<Playbook> matched = policy.playbooksFor(finding, score);
        assertThat(matched).hasSize(1);
        return matched.get(0);
    }
}
