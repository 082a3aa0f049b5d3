package dev.findingsresponder.model.decode;

import static dev.findingsresponder.model.decode.Fixtures.bytes;
import static dev.findingsresponder.model.decode.Fixtures.one;
import static dev.findingsresponder.model.decode.Fixtures.onlyIndicator;
import static org.assertj.core.api.Assertions.assertThat;

import dev.findingsresponder.model.Finding;
import dev.findingsresponder.model.InputForm;
import dev.findingsresponder.model.SeverityLabel;
import dev.findingsresponder.model.Source;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventNormalizerTest {

    private static final String GD = "guardduty/eb_unauthorizedaccess-ec2-sshbruteforce.json";

    private static NormalizeResult normalize(String json) {
        return Fixtures.NORMALIZER.normalize(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void snsNotificationWrappingEventBridgeEvent() {
        String path = "sns/sns_eventbridge_guardduty-sshbruteforce.json";
        Finding f = one(path);
        assertThat(f.source()).isEqualTo(Source.GUARDDUTY);
        assertThat(f.type()).isEqualTo("UnauthorizedAccess:EC2/SSHBruteForce");
        assertThat(onlyIndicator(f).remoteIp()).isEqualTo("198.51.100.99");
        assertThat(f.raw().form()).isEqualTo(InputForm.SNS);
        assertThat(f.raw().eventId()).as("the inner EventBridge id wins over the SNS MessageId")
                .isEqualTo("6b3c4d5e-6f70-8192-a3b4-c5d6e7f8091a");
        assertThat(f.raw().eventSource()).isEqualTo("aws.guardduty");
        assertThat(f.raw().sha256()).as("hash of the SNS bytes as received").isEqualTo(Fixtures.sha256Hex(bytes(path)));
    }

    @Test
    void snsNotificationWrappingConfigNotification() {
        Finding f = one("sns/sns_config_compliance-change_access-keys-rotated_noncompliant.json");
        assertThat(f.source()).isEqualTo(Source.CONFIG);
        assertThat(f.type()).isEqualTo("access-keys-rotated");
        assertThat(f.compliance().complianceType()).isEqualTo("NON_COMPLIANT");
        assertThat(f.compliance().previousComplianceType()).isEqualTo("COMPLIANT");
        assertThat(f.severity().label()).isEqualTo(SeverityLabel.MEDIUM);
        assertThat(f.raw().form()).isEqualTo(InputForm.SNS);
        assertThat(f.raw().eventId()).isEqualTo("d0b9c8e7-f6a5-4b3c-8d2e-1f0a9b8c7d6e");
        assertThat(f.raw().eventTime()).isEqualTo(Instant.parse("2024-06-11T04:00:06.500Z"));
    }

    @Test
    void snsMessageThatIsNotJson() {
        NormalizeResult r = normalize("""
                {"Type":"Notification","MessageId":"m-1","TopicArn":"arn:aws:sns:us-east-1:444455556666:t","Message":"hello {"}""");
        assertThat(r).isInstanceOf(NormalizeResult.Rejected.class);
        NormalizeResult.Rejected rej = (NormalizeResult.Rejected) r;
        assertThat(rej.reason()).isEqualTo(RejectReason.NOT_JSON);
        assertThat(rej.detail()).startsWith("Message (SNS Message) is not valid JSON: Unrecognized token 'hello'");
    }

    @Test
    void allowlistAcceptsListedAccountAndRejectsOthers() {
        byte[] raw = bytes(GD);
        assertThat(new EventNormalizer(Set.of("111122223333")).normalize(raw))
                .isInstanceOf(NormalizeResult.Normalized.class);
        NormalizeResult r = new EventNormalizer(Set.of("999988887777")).normalize(raw);
        assertThat(r).isInstanceOf(NormalizeResult.Rejected.class);
        NormalizeResult.Rejected rej = (NormalizeResult.Rejected) r;
        assertThat(rej.reason()).isEqualTo(RejectReason.ACCOUNT_NOT_ALLOWED);
        assertThat(rej.detail()).contains("111122223333").contains("a1b2c3d4e5f60718293a4b5c6d7e8f90");
    }

    @Test
    void allowlistChecksTheFindingAccountNotTheEnvelopeAccount() {
        NormalizeResult r = new EventNormalizer(Set.of("444455556666")).normalize(bytes(GD));
        assertThat(r).isInstanceOf(NormalizeResult.Rejected.class);
        assertThat(((NormalizeResult.Rejected) r).reason()).isEqualTo(RejectReason.ACCOUNT_NOT_ALLOWED);
    }

    @Test
    void oversizedInputIsRejectedBeforeParsing() {
        NormalizeResult r = new EventNormalizer(Set.of(), 1000).normalize(bytes(GD));
        assertThat(r).isInstanceOf(NormalizeResult.Rejected.class);
        NormalizeResult.Rejected rej = (NormalizeResult.Rejected) r;
        assertThat(rej.reason()).isEqualTo(RejectReason.OVERSIZED);
        assertThat(rej.detail()).contains("limit is 1000");
    }

    @Test
    void emptyAndNullInput() {
        assertThat(Fixtures.NORMALIZER.normalize(null))
                .isEqualTo(new NormalizeResult.Rejected(RejectReason.NOT_JSON, "input is empty (0 bytes)"));
        assertThat(Fixtures.NORMALIZER.normalize(new byte[0])).isInstanceOf(NormalizeResult.Rejected.class);
        NormalizeResult ws = normalize("   \n ");
        assertThat(((NormalizeResult.Rejected) ws).reason()).isEqualTo(RejectReason.NOT_JSON);
    }

    @Test
    void extraUnknownFieldsAreNeverErrors() {
        String json = new String(bytes(GD), StandardCharsets.UTF_8)
                .replaceFirst("\\{", "{\"debug\": true, \"x-extra\": {\"nested\": [1, 2]},")
                .replace("\"severity\": 2,", "\"severity\": 2, \"futureField\": \"v2\",");
        NormalizeResult r = normalize(json);
        assertThat(r).isInstanceOf(NormalizeResult.Normalized.class);
    }

    @Test
    void partialEnvelopeInfersSourceFromDetailShape() {
        NormalizeResult r = normalize("""
                {"region": "eu-west-1", "account": "111122223333",
                 "detail": {"id": "c0ffee00c0ffee00c0ffee00c0ffee00", "type": "Recon:EC2/Portscan", "severity": 5,
                            "service": {"serviceName": "guardduty", "count": 2}}}""");
        Finding f = ((NormalizeResult.Normalized) r).findings().get(0);
        assertThat(f.id()).isEqualTo("guardduty:111122223333:eu-west-1:c0ffee00c0ffee00c0ffee00c0ffee00");
        assertThat(f.raw().form()).isEqualTo(InputForm.PARTIAL_ENVELOPE);
        assertThat(f.count()).isEqualTo(2);
        assertThat(f.resource()).isNull();
    }

    @Test
    void findingWithoutAnyAccountIsKeptWithAnUnknownAccountButFailsAnAllowlist() {
        String event = """
                {"region": "eu-west-1",
                 "detail": {"id": "c0ffee00", "type": "Recon:EC2/Portscan", "severity": 5, "service": {"serviceName": "guardduty"}}}""";
        Finding f = ((NormalizeResult.Normalized) normalize(event)).findings().get(0);
        assertThat(f.account()).isNull();
        assertThat(f.id()).isEqualTo("guardduty:unknown-account:eu-west-1:c0ffee00");

        NormalizeResult withAllowlist = new EventNormalizer(java.util.Set.of("111122223333"))
                .normalize(event.getBytes(StandardCharsets.UTF_8));
        assertThat(withAllowlist).isInstanceOfSatisfying(NormalizeResult.Rejected.class,
                rejected -> assertThat(rejected.reason()).isEqualTo(RejectReason.ACCOUNT_NOT_ALLOWED));
    }

    @Test
    void apiListResponseOfBareFindings() {
        String finding = new String(bytes("guardduty/bare_getfindings_cryptocurrency-ec2-bitcointool-b.json"),
                StandardCharsets.UTF_8);
        String inspector = new String(bytes("inspector2/bare_listfindings_package-vuln_ec2_closed.json"),
                StandardCharsets.UTF_8);
        NormalizeResult r = normalize("{\"findings\": [" + finding + "," + inspector + "]}");
        List<Finding> findings = ((NormalizeResult.Normalized) r).findings();
        assertThat(findings).extracting(Finding::source).containsExactly(Source.GUARDDUTY, Source.INSPECTOR);
        assertThat(findings).extracting(f -> f.raw().form()).containsOnly(InputForm.API_LIST);
        assertThat(findings).extracting(f -> f.raw().index()).containsExactly(0, 1);
    }

    @Test
    void apiListWithUnknownElement() {
        NormalizeResult r = normalize("{\"Findings\": [{\"foo\": 1}]}");
        assertThat(r).isEqualTo(new NormalizeResult.Rejected(RejectReason.UNKNOWN_SOURCE,
                "Findings[0]: expected a GuardDuty, Inspector2 or Security Hub finding, got an object with keys [foo]"));
    }

    @Test
    void unknownConfigMessageType() {
        NormalizeResult r = normalize("""
                {"messageType": "ConfigurationSnapshotDeliveryCompleted", "recordVersion": "1.1", "awsAccountId": "111122223333"}""");
        assertThat(r).isInstanceOf(NormalizeResult.Rejected.class);
        assertThat(((NormalizeResult.Rejected) r).reason()).isEqualTo(RejectReason.UNKNOWN_DETAIL_TYPE);
        assertThat(((NormalizeResult.Rejected) r).detail()).startsWith("messageType: Config \"ConfigurationSnapshotDeliveryCompleted\"");
    }

    @Test
    void acceptedDetailTypesAreWhatTheEnvelopeCheckAccepts() {
        assertThat(EventNormalizer.acceptedDetailTypes()).containsOnlyKeys(
                "aws.guardduty", "aws.inspector2", "aws.config", "aws.securityhub");
        assertThat(EventNormalizer.acceptedDetailTypes().get("aws.guardduty")).containsExactly("GuardDuty Finding");
        // an accepted pair passes the envelope check (the empty detail then fails for its own reason), any other does not
        EventNormalizer.acceptedDetailTypes().forEach((source, types) -> types.forEach(type -> {
            NormalizeResult r = normalize("{\"source\": \"" + source + "\", \"detail-type\": \"" + type + "\", \"detail\": {}}");
            assertThat(r).as(source + " / " + type).isInstanceOf(NormalizeResult.Rejected.class);
            assertThat(((NormalizeResult.Rejected) r).reason()).as(source + " / " + type)
                    .isNotEqualTo(RejectReason.UNKNOWN_DETAIL_TYPE);
        }));
        NormalizeResult other = normalize("{\"source\": \"aws.guardduty\", \"detail-type\": \"Inspector2 Finding\", \"detail\": {}}");
        assertThat(((NormalizeResult.Rejected) other).reason()).isEqualTo(RejectReason.UNKNOWN_DETAIL_TYPE);
    }

    @Test
    void envelopeFieldWithWrongType() {
        NormalizeResult r = normalize("{\"source\": 42, \"detail-type\": \"GuardDuty Finding\", \"detail\": {}}");
        assertThat(r).isEqualTo(new NormalizeResult.Rejected(RejectReason.WRONG_TYPE, "source: expected a string, got number 42"));
    }

    @Test
    void deeplyNestedInputIsRejectedNotCrashed() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        NormalizeResult r = normalize(deep);
        assertThat(r).isInstanceOf(NormalizeResult.Rejected.class);
        assertThat(((NormalizeResult.Rejected) r).reason()).isEqualTo(RejectReason.OVERSIZED);
        assertThat(((NormalizeResult.Rejected) r).detail()).contains("nesting");
    }

    @Test
    void timestampsInEveryDocumentedShape() {
        Instant t = Instant.parse("2024-09-04T16:59:44.356Z");
        assertThat(Timestamps.parse("2024-09-04T16:59:44.356Z")).isEqualTo(t);
        assertThat(Timestamps.parse("2024-09-04T18:59:44.356+02:00")).isEqualTo(t);
        assertThat(Timestamps.parse("2024-09-04 16:59:44.356000000")).isEqualTo(t);
        assertThat(Timestamps.parse("Wed Sep 04 16:59:44.356 UTC 2024")).isEqualTo(t);
        assertThat(Timestamps.parse("Dec 3, 2021, 6:02:30 PM")).isEqualTo(Instant.parse("2021-12-03T18:02:30Z"));
        assertThat(Timestamps.parse("1725469184356")).isEqualTo(t);
        assertThat(Timestamps.parse("2020-01-15T15:55:49.624441+00:00")).isEqualTo(Instant.parse("2020-01-15T15:55:49.624441Z"));
        assertThat(Timestamps.parse("2017-10-31T23:16:23Z")).isEqualTo(Instant.parse("2017-10-31T23:16:23Z"));
        assertThat(Timestamps.parse("not a time")).isNull();
        assertThat(Timestamps.parse("2024-13-45T99:99:99Z")).isNull();
    }
}
