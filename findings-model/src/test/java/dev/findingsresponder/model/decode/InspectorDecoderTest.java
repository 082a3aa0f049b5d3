package dev.findingsresponder.model.decode;

import static dev.findingsresponder.model.decode.Fixtures.bytes;
import static dev.findingsresponder.model.decode.Fixtures.one;
import static dev.findingsresponder.model.decode.Fixtures.onlyIndicator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.findingsresponder.model.Direction;
import dev.findingsresponder.model.Finding;
import dev.findingsresponder.model.Finding.Cvss;
import dev.findingsresponder.model.Finding.NetworkIndicator;
import dev.findingsresponder.model.Finding.VulnerablePackage;
import dev.findingsresponder.model.IndicatorKind;
import dev.findingsresponder.model.InputForm;
import dev.findingsresponder.model.SeverityLabel;
import dev.findingsresponder.model.Source;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class InspectorDecoderTest {

    private static final String DIR = "inspector2/";

    @Test
    void ec2PackageVulnerabilityCriticalWithExploit() {
        String path = DIR + "eb_package-vuln_ec2_critical_exploit-available.json";
        Finding f = one(path);
        String arn = "arn:aws:inspector2:us-east-1:111122223333:finding/0a1b2c3d4e5f60718293a4b5c6d7e8f9";
        assertThat(f.id()).isEqualTo("inspector:111122223333:us-east-1:" + arn);
        assertThat(f.nativeId()).isEqualTo(arn);
        assertThat(f.source()).isEqualTo(Source.INSPECTOR);
        assertThat(f.type()).isEqualTo("PACKAGE_VULNERABILITY");
        assertThat(f.title()).isEqualTo("CVE-2021-44228 - org.apache.logging.log4j:log4j-core");
        assertThat(f.account()).isEqualTo("111122223333");
        assertThat(f.region()).isEqualTo("us-east-1");
        assertThat(f.severity().nativeValue()).isEqualTo("CRITICAL");
        assertThat(f.severity().label()).isEqualTo(SeverityLabel.CRITICAL);
        assertThat(f.severity().normalized()).isEqualTo(10.0);
        assertThat(f.firstSeen()).isEqualTo(Instant.parse("2024-05-20T07:41:18.220Z"));
        assertThat(f.updatedAt()).isEqualTo(Instant.parse("2024-06-11T06:05:33.410Z"));

        Finding.Vulnerability v = f.vulnerability();
        assertThat(v.ids()).containsExactly("CVE-2021-44228");
        assertThat(v.inspectorScore()).isEqualTo(10.0);
        assertThat(v.exploitAvailable()).isTrue();
        assertThat(v.fixAvailable()).isTrue();
        assertThat(v.epssScore()).isEqualTo(0.97565);
        assertThat(v.cvss()).extracting(Cvss::baseScore, Cvss::version, Cvss::source)
                .containsExactly(tuple(10.0, "3.1", "NVD"), tuple(9.3, "2.0", "NVD"));
        assertThat(v.maxCvss()).isEqualTo(10.0);
        assertThat(v.packages()).extracting(VulnerablePackage::name, VulnerablePackage::version,
                VulnerablePackage::fixedInVersion, VulnerablePackage::packageManager)
                .containsExactly(tuple("org.apache.logging.log4j:log4j-core", "2.14.1", "2.15.0", "JAR"));

        Finding.Resource r = f.resource();
        assertThat(r.type()).isEqualTo("AWS_EC2_INSTANCE");
        assertThat(r.instanceId()).isEqualTo("i-0a1b2c3d4e5f60718");
        assertThat(r.vpcId()).isEqualTo("vpc-0123456789abcdef0");
        assertThat(r.privateIps()).containsExactly("10.0.12.34");
        assertThat(r.publicIps()).containsExactly("54.240.197.10");
        assertThat(r.tags()).containsEntry("Name", "web-01");
        assertThat(f.state().resolved()).isFalse();
        assertThat(f.state().nativeStatus()).isEqualTo("ACTIVE");
        assertThat(f.raw().sha256()).isEqualTo(Fixtures.sha256Hex(bytes(path)));
    }

    @Test
    void ecrImageHigh() {
        Finding f = one(DIR + "eb_package-vuln_ecr_high.json");
        assertThat(f.severity().label()).isEqualTo(SeverityLabel.HIGH);
        assertThat(f.severity().normalized()).isEqualTo(7.5);
        assertThat(f.resource().type()).isEqualTo("AWS_ECR_CONTAINER_IMAGE");
        assertThat(f.resource().repository()).isEqualTo("payments/api");
        assertThat(f.resource().imageDigest())
                .isEqualTo("sha256:4f1c2e3d5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d");
        assertThat(f.resource().arn()).startsWith("arn:aws:ecr:us-east-1:111122223333:repository/payments/api/");
        assertThat(f.vulnerability().ids()).containsExactly("CVE-2023-44487");
        assertThat(f.vulnerability().exploitAvailable()).isFalse();
        assertThat(f.vulnerability().fixAvailable()).isTrue();
        assertThat(f.vulnerability().packages()).extracting(VulnerablePackage::name).containsExactly("golang.org/x/net");
    }

    @Test
    void lambdaFunction() {
        Finding f = one(DIR + "eb_package-vuln_lambda_medium.json");
        assertThat(f.region()).isEqualTo("eu-west-1");
        assertThat(f.severity().label()).isEqualTo(SeverityLabel.MEDIUM);
        assertThat(f.severity().normalized()).isEqualTo(5.6);
        Finding.Resource r = f.resource();
        assertThat(r.type()).isEqualTo("AWS_LAMBDA_FUNCTION");
        assertThat(r.functionArn()).isEqualTo("arn:aws:lambda:eu-west-1:111122223333:function:invoice-renderer:$LATEST");
        assertThat(r.name()).isEqualTo("invoice-renderer");
        assertThat(r.vpcId()).isEqualTo("vpc-0fedcba9876543210");
        assertThat(r.networkInterfaces()).singleElement()
                .satisfies(n -> assertThat(n.securityGroups()).extracting(Finding.SecurityGroup::id).containsExactly("sg-0c1d2e3f4a5b6c7d8"));
        assertThat(r.tags()).containsEntry("service", "billing");
        assertThat(f.vulnerability().packages()).extracting(VulnerablePackage::name, VulnerablePackage::fixedInVersion)
                .containsExactly(tuple("requests", "2.32.0"));
    }

    @Test
    void networkReachabilityOpenPortRange() {
        Finding f = one(DIR + "eb_network-reachability_ec2_8080-8090.json");
        assertThat(f.type()).isEqualTo("NETWORK_REACHABILITY");
        assertThat(f.vulnerability()).isNull();
        assertThat(f.severity().normalized()).as("MEDIUM without a score: the label's default").isEqualTo(4.0);
        NetworkIndicator n = onlyIndicator(f);
        assertThat(n.kind()).isEqualTo(IndicatorKind.NETWORK_REACHABILITY);
        assertThat(n.direction()).isEqualTo(Direction.INBOUND);
        assertThat(n.localPort()).isEqualTo(8080);
        assertThat(n.localPortEnd()).isEqualTo(8090);
        assertThat(n.protocol()).isEqualTo("TCP");
        assertThat(n.remoteIp()).isNull();
    }

    @Test
    void codeVulnerability() {
        Finding f = one(DIR + "eb_code-vuln_lambda_high_cwe-89.json");
        assertThat(f.type()).isEqualTo("CODE_VULNERABILITY");
        assertThat(f.severity().label()).isEqualTo(SeverityLabel.HIGH);
        assertThat(f.severity().normalized()).isEqualTo(7.0);
        assertThat(f.vulnerability().cwes()).containsExactly("CWE-89");
        assertThat(f.vulnerability().ids()).isEmpty();
        assertThat(f.resource().functionArn()).isEqualTo("arn:aws:lambda:us-east-1:111122223333:function:orders-search:$LATEST");
    }

    @Test
    void closedBareListFindingsElement() {
        Finding f = one(DIR + "bare_listfindings_package-vuln_ec2_closed.json");
        assertThat(f.raw().form()).isEqualTo(InputForm.BARE);
        assertThat(f.state().resolved()).isTrue();
        assertThat(f.state().suppressed()).isFalse();
        assertThat(f.state().nativeStatus()).isEqualTo("CLOSED");
        assertThat(f.severity().normalized()).isEqualTo(5.3);
        assertThat(f.vulnerability().ids()).containsExactly("CVE-2023-38546");
        assertThat(f.vulnerability().packages()).extracting(VulnerablePackage::name).containsExactly("curl", "libcurl");
        assertThat(f.vulnerability().maxCvss()).isEqualTo(5.3);
        assertThat(f.resource().instanceId()).isEqualTo("i-0f60718293a4b5c6d");
        assertThat(f.resource().publicIps()).isEmpty();
    }
}
