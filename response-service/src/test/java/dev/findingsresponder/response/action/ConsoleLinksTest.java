package dev.findingsresponder.response.action;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.findingsresponder.model.Finding;

class ConsoleLinksTest {

    @Test
    void guardDutyFindingLinksToTheFindingInItsRegion() {
        Finding finding = TestRequests.finding(TestRequests.SSH_BRUTE_FORCE);

        assertThat(ConsoleLinks.of(finding, null)).containsExactly(Map.entry("GuardDuty",
                "https://us-east-1.console.aws.amazon.com/guardduty/home?region=us-east-1"
                        + "#/findings?macros=current&fId=a1b2c3d4e5f60718293a4b5c6d7e8f90"));
    }

    @Test
    void securityHubFindingsLinkToTheirProductsConsole() {
        Finding guardDuty = TestRequests.finding("securityhub/eb_imported_guardduty_productfields.json");
        String region = guardDuty.region();
        assertThat(ConsoleLinks.of(guardDuty, null)).containsOnlyKeys("GuardDuty");
        assertThat(ConsoleLinks.of(guardDuty, null).get("GuardDuty")).isEqualTo("https://" + region
                + ".console.aws.amazon.com/guardduty/home?region=" + region + "#/findings?macros=current&fId="
                + guardDuty.nativeId());

        Finding inspector = TestRequests.finding("securityhub/eb_imported_inspector.json");
        assertThat(inspector.nativeId()).startsWith("arn:aws:inspector2:");
        assertThat(ConsoleLinks.of(inspector, null)).containsKey("Inspector (all findings)");
        assertThat(ConsoleLinks.of(inspector, null).get("Security Hub")).isEqualTo("https://" + inspector.region()
                + ".console.aws.amazon.com/securityhub/home?region=" + inspector.region()
                + "#/findings?search=Id%3D%255Coperator%255C%253AEQUALS%255C%253A"
                + inspector.nativeId().replace(":", "%253A").replace("/", "%252F"));
    }

    @Test
    void configFindingLinksToTheRuleAndTheResourceTimeline() {
        Map<String, String> links = ConsoleLinks.of(TestRequests.finding(TestRequests.CONFIG_UNUSED_CREDENTIALS), null);

        assertThat(links).containsEntry("Config rule", "https://us-east-1.console.aws.amazon.com/config/home"
                + "?region=us-east-1#/rules/details?configRuleName=iam-user-unused-credentials-check");
        assertThat(links).containsEntry("Config resource timeline", "https://us-east-1.console.aws.amazon.com/config/home"
                + "?region=us-east-1#/resources/details?resourceId=AIDAEXAMPLEUSER00001&resourceType=AWS%3A%3AIAM%3A%3AUser");
    }

    @Test
    void inspectorAndOtherPartitions() {
        Finding inspector = TestRequests.finding("inspector2/eb_package-vuln_ec2_critical_exploit-available.json");
        assertThat(ConsoleLinks.of(inspector, null)).containsKey("Inspector (all findings)");

        Finding china = TestRequests.finding(TestRequests.SSH_BRUTE_FORCE, d -> d.put("region", "cn-north-1")
                .put("partition", "aws-cn"));
        assertThat(ConsoleLinks.of(china, null).get("GuardDuty"))
                .startsWith("https://console.amazonaws.cn/guardduty/home?region=cn-north-1#");
    }
}
