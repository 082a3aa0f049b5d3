package dev.findingsresponder.model.decode;

import static dev.findingsresponder.model.decode.Fixtures.all;
import static dev.findingsresponder.model.decode.Fixtures.bytes;
import static dev.findingsresponder.model.decode.Fixtures.one;
import static dev.findingsresponder.model.decode.Fixtures.onlyIndicator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.findingsresponder.model.Direction;
import dev.findingsresponder.model.Finding;
import dev.findingsresponder.model.Finding.NetworkIndicator;
import dev.findingsresponder.model.IndicatorKind;
import dev.findingsresponder.model.SeverityLabel;
import dev.findingsresponder.model.Source;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecurityHubDecoderTest {

    private static final String DIR = "securityhub/";

    @Test
    void guardDutyViaSecurityHubReadsFlattenedProductFields() {
        String path = DIR + "eb_imported_guardduty_productfields.json";
        Finding f = one(path);
        assertThat(f.source()).isEqualTo(Source.SECURITY_HUB);
        assertThat(f.product().name()).isEqualTo("GuardDuty");
        assertThat(f.product().productSource()).isEqualTo(Source.GUARDDUTY);
        assertThat(f.product().arn()).isEqualTo("arn:aws:securityhub:us-east-1::product/aws/guardduty");
        assertThat(f.id()).as("same id as the finding delivered directly by GuardDuty")
                .isEqualTo("guardduty:111122223333:us-east-1:ab12cd34ef56ab78cd90ef12ab34cd56");
        assertThat(f.nativeId()).isEqualTo("ab12cd34ef56ab78cd90ef12ab34cd56");
        assertThat(f.type()).isEqualTo("UnauthorizedAccess:EC2/SSHBruteForce");
        assertThat(f.types()).containsExactly("TTPs/Initial Access/UnauthorizedAccess:EC2-SSHBruteForce");
        assertThat(f.severity().label()).isEqualTo(SeverityLabel.LOW);
        assertThat(f.severity().normalized()).as("GuardDuty's own score from Severity.Product").isEqualTo(2.0);
        assertThat(f.count()).isEqualTo(12);
        assertThat(f.resourceRole()).isEqualTo("TARGET");
        assertThat(f.account()).isEqualTo("111122223333");
        assertThat(f.raw().eventAccount()).isEqualTo("444455556666");
        assertThat(f.resource().instanceId()).isEqualTo("i-0a1b2c3d4e5f60718");
        assertThat(f.resource().publicIps()).containsExactly("54.240.197.10");
        assertThat(f.resource().privateIps()).containsExactly("10.0.12.34");
        NetworkIndicator n = onlyIndicator(f);
        assertThat(n.kind()).isEqualTo(IndicatorKind.NETWORK_CONNECTION);
        assertThat(n.direction()).isEqualTo(Direction.INBOUND);
        assertThat(n.remoteIp()).isEqualTo("203.0.113.77");
        assertThat(n.remotePort()).isEqualTo(40331);
        assertThat(n.localPort()).isEqualTo(22);
        assertThat(n.asn()).isEqualTo(64510L);
        assertThat(n.countryName()).isEqualTo("Seychelles");
        assertThat(f.state().workflowStatus()).isEqualTo("NEW");
        assertThat(f.state().recordState()).isEqualTo("ACTIVE");
        assertThat(f.raw().sha256()).isEqualTo(Fixtures.sha256Hex(bytes(path)));
    }

    @Test
    void guardDutyPortProbeOnlyInProductFieldsReadsEveryDotIndexedEntry() {
        Finding f = one(DIR + "eb_imported_guardduty_productfields_portprobe.json");
        assertThat(f.type()).isEqualTo("Recon:EC2/PortProbeUnprotectedPort");
        assertThat(f.network()).as("AWS flattens list entries as portProbeDetails.N_/...")
                .extracting(NetworkIndicator::kind, NetworkIndicator::remoteIp, NetworkIndicator::ipVersion,
                        NetworkIndicator::localPort, NetworkIndicator::localIp, NetworkIndicator::countryName,
                        NetworkIndicator::asn, NetworkIndicator::blocked)
                .containsExactly(
                        tuple(IndicatorKind.PORT_PROBE, "198.51.100.44", 4, 3389, "10.0.12.34", "Netherlands", 64520L,
                                false),
                        tuple(IndicatorKind.PORT_PROBE, "2001:db8:85a3::8a2e:370:7334", 6, 22, "10.0.12.34", "Germany",
                                64521L, false));
    }

    @Test
    void dotIndexedProductFieldKeysBecomeSlashIndexes() {
        assertThat(AsffNetwork.slashIndexes("action/portProbeAction/portProbeDetails.12_/remoteIpDetails/ipAddressV4"))
                .isEqualTo("action/portProbeAction/portProbeDetails/12/remoteIpDetails/ipAddressV4");
        assertThat(AsffNetwork.slashIndexes("action/kubernetesApiCallAction/sourceIPs.0_"))
                .isEqualTo("action/kubernetesApiCallAction/sourceIPs/0");
        assertThat(AsffNetwork.slashIndexes("action/x.v1_/y")).isEqualTo("action/x.v1_/y");
    }

    @Test
    void guardDutyViaSecurityHubWithActionAndNetworkObjects() {
        Finding f = one(DIR + "eb_imported_guardduty_action-network_sample.json");
        assertThat(f.type()).isEqualTo("Recon:EC2/PortProbeUnprotectedPort");
        assertThat(f.state().sample()).isTrue();
        assertThat(f.network()).as("two port-probe entries; the Network flow repeats the first address and is skipped")
                .extracting(NetworkIndicator::kind, NetworkIndicator::remoteIp, NetworkIndicator::localPort,
                        NetworkIndicator::countryCode, NetworkIndicator::asn)
                .containsExactly(
                        tuple(IndicatorKind.PORT_PROBE, "198.51.100.31", 80, "CN", 64520L),
                        tuple(IndicatorKind.PORT_PROBE, "203.0.113.32", 443, "US", 64521L));
    }

    @Test
    void inspectorViaSecurityHub() {
        Finding f = one(DIR + "eb_imported_inspector.json");
        String arn = "arn:aws:inspector2:us-east-1:111122223333:finding/6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d";
        assertThat(f.id()).as("same id as the finding delivered directly by Inspector")
                .isEqualTo("inspector:111122223333:us-east-1:" + arn);
        assertThat(f.product().name()).isEqualTo("Inspector");
        assertThat(f.product().productSource()).isEqualTo(Source.INSPECTOR);
        assertThat(f.severity().label()).isEqualTo(SeverityLabel.HIGH);
        assertThat(f.severity().normalized()).isEqualTo(7.0);
        Finding.Vulnerability v = f.vulnerability();
        assertThat(v.ids()).containsExactly("CVE-2024-6387");
        assertThat(v.maxCvss()).isEqualTo(8.1);
        assertThat(v.inspectorScore()).isEqualTo(8.1);
        assertThat(v.exploitAvailable()).isTrue();
        assertThat(v.fixAvailable()).isTrue();
        assertThat(v.epssScore()).isEqualTo(0.42);
        assertThat(v.packages()).extracting(Finding.VulnerablePackage::name, Finding.VulnerablePackage::fixedInVersion)
                .containsExactly(tuple("openssh-server", "0:8.7p1-38.amzn2023.0.4"));
        assertThat(f.resource().instanceId()).isEqualTo("i-0a1b2c3d4e5f60718");
        assertThat(f.resource().networkInterfaces()).extracting(Finding.NetworkInterface::id)
                .containsExactly("eni-0f1e2d3c4b5a69788");
    }

    @Test
    void configViaSecurityHub() {
        Finding f = one(DIR + "eb_imported_config.json");
        assertThat(f.product().name()).isEqualTo("Config");
        assertThat(f.product().productSource()).isEqualTo(Source.CONFIG);
        assertThat(f.id()).startsWith("config:111122223333:us-east-1:arn:aws:config:");
        assertThat(f.severity().label()).isEqualTo(SeverityLabel.MEDIUM);
        assertThat(f.compliance().ruleName()).isEqualTo("s3-bucket-public-read-prohibited");
        assertThat(f.compliance().complianceType()).isEqualTo("NON_COMPLIANT");
        assertThat(f.compliance().compliant()).isFalse();
        assertThat(f.resource().type()).isEqualTo("AwsS3Bucket");
        assertThat(f.resource().name()).isEqualTo("acme-public-assets-111122223333");
    }

    @Test
    void securityHubControlUpdatedByResponder() {
        Finding f = one(DIR + "eb_imported_fsbp-ec2.19_control.json");
        assertThat(f.product().name()).isEqualTo("Security Hub");
        assertThat(f.product().productSource()).isEqualTo(Source.SECURITY_HUB);
        assertThat(f.id()).isEqualTo("securityhub:111122223333:us-east-1:arn:aws:securityhub:us-east-1:111122223333:"
                + "security-control/EC2.19/finding/c2d3e4f5-a6b7-4c8d-9e0f-1a2b3c4d5e6f");
        assertThat(f.severity().label()).isEqualTo(SeverityLabel.CRITICAL);
        assertThat(f.severity().normalized()).isEqualTo(9.0);
        assertThat(f.compliance().controlId()).isEqualTo("EC2.19");
        assertThat(f.compliance().complianceType()).isEqualTo("FAILED");
        assertThat(f.compliance().ruleName()).isEqualTo("securityhub-vpc-sg-restricted-common-ports-3f2a1b0c");
        assertThat(f.compliance().standards())
                .containsExactly("standards/aws-foundational-security-best-practices/v/1.0.0");
        assertThat(f.state().workflowStatus()).isEqualTo("NOTIFIED");
        assertThat(f.state().lastUpdatedBy()).isEqualTo("findings-responder");
        assertThat(f.state().noteUpdatedAt()).isEqualTo(Instant.parse("2024-06-11T07:00:06Z"));
        assertThat(f.resource().type()).isEqualTo("AwsEc2SecurityGroup");
    }

    @Test
    void customActionWithTwoFindings() {
        String path = DIR + "eb_custom-action_two-findings.json";
        List<Finding> findings = all(path);
        assertThat(findings).hasSize(2);
        assertThat(findings).extracting(f -> f.compliance().controlId(), f -> f.severity().label(),
                f -> f.compliance().complianceType(), f -> f.state().resolved(), f -> f.raw().index())
                .containsExactly(
                        tuple("S3.8", SeverityLabel.HIGH, "FAILED", false, 0),
                        tuple("IAM.3", SeverityLabel.MEDIUM, "PASSED", true, 1));
        assertThat(findings).extracting(f -> f.raw().detailType()).containsOnly("Security Hub Findings - Custom Action");
        assertThat(findings).extracting(f -> f.raw().sha256()).containsOnly(Fixtures.sha256Hex(bytes(path)));
        assertThat(findings.get(1).resource().id()).isEqualTo("arn:aws:iam::111122223333:user/legacy-ci");
    }

    @Test
    void securityHubV2OcsfWrappingGuardDuty() {
        Finding f = one(DIR + "eb_findings-imported-v2_ocsf_guardduty.json");
        assertThat(f.source()).isEqualTo(Source.SECURITY_HUB);
        assertThat(f.product().productSource()).isEqualTo(Source.GUARDDUTY);
        assertThat(f.id()).isEqualTo("guardduty:111122223333:us-east-1:cd34ef56ab78cd90ef12ab34cd56ef78");
        assertThat(f.type()).isEqualTo("UnauthorizedAccess:EC2/SSHBruteForce");
        assertThat(f.severity().label()).isEqualTo(SeverityLabel.LOW);
        assertThat(f.createdAt()).isEqualTo(Instant.parse("2024-06-11T09:20:00Z"));
        assertThat(f.updatedAt()).isEqualTo(Instant.parse("2024-06-11T10:20:00Z"));
        assertThat(f.resource().instanceId()).isEqualTo("i-0a1b2c3d4e5f60718");
        assertThat(f.resource().tags()).containsEntry("Name", "web-01");
        assertThat(f.raw().detailType()).isEqualTo("Findings Imported V2");
    }

    @Test
    void guardDutyTypeRecoveredFromAsffTypes() {
        assertThat(SecurityHubDecoder.guardDutyType(List.of("TTPs/Command and Control/Backdoor:EC2-C&CActivity.B!DNS")))
                .isEqualTo("Backdoor:EC2/C&CActivity.B!DNS");
        assertThat(SecurityHubDecoder.guardDutyType(List.of("Threats", "Execution:Runtime/NewBinaryExecuted")))
                .isEqualTo("Execution:Runtime/NewBinaryExecuted");
        assertThat(SecurityHubDecoder.guardDutyType(List.of("TTPs/Discovery/IAMUser-AnomalousBehavior")))
                .isEqualTo("TTPs/Discovery/IAMUser-AnomalousBehavior");
    }

    @Test
    void asffSeverityLabelIsAuthoritativeAndNormalizedIsScaled() {
        Finding.Severity onlyNormalized = Severities.scored("6", 0.6);
        assertThat(onlyNormalized.label()).isEqualTo(SeverityLabel.LOW);
        Finding.Severity inconsistent = Severities.labelled("LOW", SeverityLabel.LOW, 4.0);
        assertThat(inconsistent.normalized()).as("4.0 is outside LOW: the label's default is used").isEqualTo(1.0);
        assertThat(Severities.labelled("MEDIUM", SeverityLabel.MEDIUM, 5.0).normalized()).isEqualTo(5.0);
    }
}
