package dev.findingsresponder.model.decode;

import static dev.findingsresponder.model.decode.Fixtures.bytes;
import static dev.findingsresponder.model.decode.Fixtures.one;
import static org.assertj.core.api.Assertions.assertThat;

import dev.findingsresponder.model.Finding;
import dev.findingsresponder.model.SeverityLabel;
import dev.findingsresponder.model.Source;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ConfigDecoderTest {

    private static final String DIR = "config/";

    @Test
    void unusedCredentialsNonCompliantIsMedium() {
        String path = DIR + "eb_compliance-change_iam-user-unused-credentials-check_noncompliant.json";
        Finding f = one(path);
        assertThat(f.id()).isEqualTo(
                "config:111122223333:us-east-1:iam-user-unused-credentials-check/AWS::IAM::User/AIDAEXAMPLEUSER00001");
        assertThat(f.source()).isEqualTo(Source.CONFIG);
        assertThat(f.type()).isEqualTo("iam-user-unused-credentials-check");
        assertThat(f.account()).isEqualTo("111122223333");
        assertThat(f.region()).isEqualTo("us-east-1");
        assertThat(f.severity().nativeValue()).isEqualTo("NON_COMPLIANT");
        assertThat(f.severity().label()).isEqualTo(SeverityLabel.MEDIUM);
        assertThat(f.severity().normalized()).isEqualTo(4.0);
        Finding.Compliance c = f.compliance();
        assertThat(c.ruleName()).isEqualTo("iam-user-unused-credentials-check");
        assertThat(c.ruleArn()).isEqualTo("arn:aws:config:us-east-1:111122223333:config-rule/config-rule-k3m9qa");
        assertThat(c.complianceType()).isEqualTo("NON_COMPLIANT");
        assertThat(c.previousComplianceType()).isEqualTo("COMPLIANT");
        assertThat(c.compliant()).isFalse();
        assertThat(c.annotation()).contains("143 days");
        assertThat(f.description()).isEqualTo(c.annotation());
        assertThat(f.resource().type()).isEqualTo("AWS::IAM::User");
        assertThat(f.resource().id()).isEqualTo("AIDAEXAMPLEUSER00001");
        assertThat(f.resource().principal()).isEqualTo("AIDAEXAMPLEUSER00001");
        assertThat(f.createdAt()).isEqualTo(Instant.parse("2024-06-11T03:00:01.903Z"));
        assertThat(f.firstSeen()).isEqualTo(Instant.parse("2024-06-11T02:59:41.118Z"));
        assertThat(f.updatedAt()).isEqualTo(Instant.parse("2024-06-11T03:00:02.450Z"));
        assertThat(f.state().resolved()).isFalse();
        assertThat(f.raw().sha256()).isEqualTo(Fixtures.sha256Hex(bytes(path)));
    }

    @Test
    void publicBucketFirstEvaluationHasNoPreviousState() {
        Finding f = one(DIR + "eb_compliance-change_s3-bucket-public-read-prohibited_noncompliant.json");
        assertThat(f.type()).isEqualTo("s3-bucket-public-read-prohibited");
        assertThat(f.compliance().complianceType()).isEqualTo("NON_COMPLIANT");
        assertThat(f.compliance().previousComplianceType()).isNull();
        assertThat(f.resource().type()).isEqualTo("AWS::S3::Bucket");
        assertThat(f.resource().name()).isEqualTo("acme-public-assets-111122223333");
        assertThat(f.severity().label()).isEqualTo(SeverityLabel.MEDIUM);
    }

    @Test
    void compliantIsInformationalAndResolved() {
        Finding f = one(DIR + "eb_compliance-change_restricted-ssh_compliant.json");
        assertThat(f.compliance().complianceType()).isEqualTo("COMPLIANT");
        assertThat(f.compliance().previousComplianceType()).isEqualTo("NON_COMPLIANT");
        assertThat(f.compliance().compliant()).isTrue();
        assertThat(f.severity().label()).isEqualTo(SeverityLabel.INFORMATIONAL);
        assertThat(f.severity().normalized()).isZero();
        assertThat(f.state().resolved()).isTrue();
        assertThat(f.resource().id()).isEqualTo("sg-0b1c2d3e4f5a6b7c8");
    }

    @Test
    void configurationItemChange() {
        Finding f = one(DIR + "eb_configuration-item-change_security-group.json");
        assertThat(f.type()).isEqualTo("ConfigurationItemChange");
        assertThat(f.nativeId()).isEqualTo("AWS::EC2::SecurityGroup/sg-0b1c2d3e4f5a6b7c8@1718043725120");
        assertThat(f.severity().label()).isEqualTo(SeverityLabel.INFORMATIONAL);
        assertThat(f.severity().nativeValue()).isEqualTo("UPDATE");
        assertThat(f.compliance()).isNull();
        assertThat(f.resource().arn()).isEqualTo("arn:aws:ec2:us-east-1:111122223333:security-group/sg-0b1c2d3e4f5a6b7c8");
        assertThat(f.resource().name()).isEqualTo("web-tier");
        assertThat(f.resource().tags()).containsEntry("Name", "web-tier");
        assertThat(f.createdAt()).isEqualTo(Instant.parse("2024-06-10T18:22:05.120Z"));
    }
}
