package dev.findingsresponder.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FindingCodecTest {

    static Finding sample() {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("Name", "web-01");
        tags.put("Environment", "production");
        Finding.Resource resource = new Finding.Resource("Instance", "i-0a1b2c3d4e5f60718",
                "arn:aws:ec2:us-east-1:111122223333:instance/i-0a1b2c3d4e5f60718", null, "us-east-1",
                "i-0a1b2c3d4e5f60718", "t3.medium", "ami-0c55b159cbfafe1f0", "vpc-0123456789abcdef0",
                "subnet-0aa11bb22cc33dd44",
                List.of(new Finding.NetworkInterface("eni-0f1e2d3c4b5a69788", "vpc-0123456789abcdef0",
                        "subnet-0aa11bb22cc33dd44", List.of("10.0.12.34"), List.of("54.240.197.10"),
                        List.of(new Finding.SecurityGroup("sg-0b1c2d3e4f5a6b7c8", "web-tier")))),
                List.of("54.240.197.10"), List.of("10.0.12.34"), tags, null, null, null, null, null);
        return new Finding(
                "guardduty:111122223333:us-east-1:a1b2c3d4e5f60718293a4b5c6d7e8f90",
                "a1b2c3d4e5f60718293a4b5c6d7e8f90",
                Source.GUARDDUTY,
                new Finding.Product("GuardDuty", "Amazon", null, Source.GUARDDUTY),
                "Recon:EC2/PortProbeUnprotectedPort",
                List.of("Recon:EC2/PortProbeUnprotectedPort"),
                "Unprotected port on EC2 instance i-0a1b2c3d4e5f60718 is being probed.",
                null,
                "111122223333", "us-east-1", "aws",
                Instant.parse("2024-06-10T22:10:31.004Z"), Instant.parse("2024-06-10T22:01:00Z"),
                Instant.parse("2024-06-11T08:44:10Z"), Instant.parse("2024-06-11T08:55:02.390Z"),
                3,
                new Finding.Severity("2", 2.0, SeverityLabel.LOW),
                resource,
                List.of(),
                List.of(new Finding.NetworkIndicator(IndicatorKind.PORT_PROBE, Direction.INBOUND, "2001:db8:4f2a::17", 6,
                        null, "10.0.12.34", 5432, null, null, "DE", "Germany", 64502L, "EXAMPLE-AS", "Example GmbH", null,
                        false)),
                new Finding.Vulnerability(List.of("CVE-2021-44228"), List.of(),
                        List.of(new Finding.Cvss(10.0, "3.1", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", "NVD")),
                        10.0, 0.97, true, true,
                        List.of(new Finding.VulnerablePackage("log4j-core", "2.14.1", "2.15.0", "JAR", null))),
                new Finding.Compliance("restricted-ssh", null, "EC2.19", List.of("standards/fsbp"), "NON_COMPLIANT",
                        "COMPLIANT", false, "port 22 open to 0.0.0.0/0"),
                "TARGET",
                List.of("ProofPoint"), List.of(),
                new Finding.FindingState(false, false, false, true, "NEW", "ACTIVE", null, "findings-responder",
                        Instant.parse("2024-06-11T07:00:06Z")),
                new Finding.RawRef("9b3f4e5d-6c7b-8a90-1b23-c4d5e6f7a8b9",
                        "3f79bb7b435b05321651daef713b4ea03f79bb7b435b05321651daef713b4ea0", 4821, InputForm.EVENTBRIDGE,
                        "aws.guardduty", "GuardDuty Finding", Instant.parse("2024-06-11T08:55:05Z"), "444455556666", 0));
    }

    @Test
    void roundTripPreservesEveryField() {
        Finding f = sample();
        byte[] json = FindingCodec.toJson(f);
        assertThat(FindingCodec.fromJson(json)).isEqualTo(f);
    }

    @Test
    void instantsAreIsoStringsAndNullsAreOmitted() {
        String json = new String(FindingCodec.toJson(sample()), StandardCharsets.UTF_8);
        assertThat(json).contains("\"createdAt\":\"2024-06-10T22:10:31.004Z\"");
        assertThat(json).contains("\"updatedAt\":\"2024-06-11T08:55:02.390Z\"");
        assertThat(json).doesNotContain("\"description\"").doesNotContain(":null");
        assertThat(json).contains("\"label\":\"LOW\"");
    }

    @Test
    void unknownPropertiesAreIgnoredAndMissingCollectionsAreEmpty() {
        String json = """
                {"id":"config:111122223333:us-east-1:x","nativeId":"x","source":"CONFIG","type":"restricted-ssh",
                 "account":"111122223333","region":"us-east-1","count":1,"someFutureField":{"a":1},
                 "severity":{"nativeValue":"NON_COMPLIANT","normalized":4.0,"label":"MEDIUM"},
                 "state":{"archived":false,"suppressed":false,"resolved":false,"sample":false}}""";
        Finding f = FindingCodec.fromJson(json.getBytes(StandardCharsets.UTF_8));
        assertThat(f.source()).isEqualTo(Source.CONFIG);
        assertThat(f.severity().label()).isEqualTo(SeverityLabel.MEDIUM);
        assertThat(f.network()).isEmpty();
        assertThat(f.types()).isEmpty();
        assertThat(f.resource()).isNull();
    }

    @Test
    void prettyJsonIsReadableAndEquivalent() {
        String pretty = FindingCodec.toPrettyJson(sample());
        assertThat(pretty).contains("\n  \"id\" : \"guardduty:111122223333:us-east-1:a1b2c3d4e5f60718293a4b5c6d7e8f90\"");
        assertThat(FindingCodec.fromJson(pretty.getBytes(StandardCharsets.UTF_8))).isEqualTo(sample());
    }

    @Test
    void severityLabelBands() {
        assertThat(SeverityLabel.fromScore(0.0)).isEqualTo(SeverityLabel.INFORMATIONAL);
        assertThat(SeverityLabel.fromScore(3.9)).isEqualTo(SeverityLabel.LOW);
        assertThat(SeverityLabel.fromScore(4.0)).isEqualTo(SeverityLabel.MEDIUM);
        assertThat(SeverityLabel.fromScore(7.0)).isEqualTo(SeverityLabel.HIGH);
        assertThat(SeverityLabel.fromScore(9.0)).isEqualTo(SeverityLabel.CRITICAL);
        assertThat(Finding.Vulnerability.class).isNotNull();
        assertThat(sample().vulnerability().maxCvss()).isEqualTo(10.0);
    }
}
