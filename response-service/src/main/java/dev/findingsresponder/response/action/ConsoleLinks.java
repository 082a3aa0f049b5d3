package dev.findingsresponder.response.action;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.findingsresponder.model.Finding;
import dev.findingsresponder.model.Source;

/**
 * AWS console links for a finding, in the finding's region, from the consoles' URL patterns as AWS and its samples
 * publish them: GuardDuty {@code #/findings?macros=current&fId=<id>}, Security Hub
 * {@code #/findings?search=Id=\operator\:EQUALS\:<id>} (double-encoded), Config rule and resource timeline pages.
 * Inspector has no stable per-finding link: the link opens All findings, and the message names the finding ARN.
 * A GuardDuty finding imported into Security Hub gets only the GuardDuty link (its ASFF Id is not kept).
 */
final class ConsoleLinks {

    private ConsoleLinks() {
    }

    /** Label to URL, most specific first; empty when the region is unknown. */
    static Map<String, String> of(Finding finding, String fallbackRegion) {
        Map<String, String> links = new LinkedHashMap<>();
        String region = finding.region() != null ? finding.region() : fallbackRegion;
        if (region == null || !region.matches("[a-z]{2}(-[a-z]+)+-\\d+")) {
            return links;
        }
        String base = base(finding.partition(), region);
        String home = "/home?region=" + region;
        if (from(finding, Source.GUARDDUTY) && finding.nativeId() != null) {
            links.put("GuardDuty", base + "/guardduty" + home + "#/findings?macros=current&fId="
                    + encode(guardDutyId(finding.nativeId())));
        }
        if (from(finding, Source.INSPECTOR)) {
            links.put("Inspector (all findings)", base + "/inspector/v2" + home + "#/findings/all");
        }
        // a GuardDuty finding's nativeId is the bare GuardDuty id, not its ASFF Id: the GuardDuty link serves it
        if (finding.source() == Source.SECURITY_HUB && finding.nativeId() != null && !from(finding, Source.GUARDDUTY)) {
            links.put("Security Hub", base + "/securityhub" + home
                    + "#/findings?search=Id%3D%255Coperator%255C%253AEQUALS%255C%253A"
                    + encode(encode(finding.nativeId())));
        }
        if (from(finding, Source.CONFIG)) {
            Finding.Compliance compliance = finding.compliance();
            if (compliance != null && compliance.ruleName() != null) {
                links.put("Config rule", base + "/config" + home + "#/rules/details?configRuleName="
                        + encode(compliance.ruleName()));
            }
            Finding.Resource resource = finding.resource();
            if (resource != null && resource.id() != null && resource.type() != null
                    && resource.type().startsWith("AWS::")) {
                links.put("Config resource timeline", base + "/config" + home + "#/resources/details?resourceId="
                        + encode(resource.id()) + "&resourceType=" + encode(resource.type()));
            }
        }
        return links;
    }

    private static boolean from(Finding finding, Source source) {
        return finding.source() == source
                || finding.product() != null && finding.product().productSource() == source;
    }

    /** Security Hub carries GuardDuty findings under their ARN; the console wants the bare id after /finding/. */
    private static String guardDutyId(String nativeId) {
        int at = nativeId.lastIndexOf("/finding/");
        return at < 0 ? nativeId : nativeId.substring(at + "/finding/".length());
    }

    private static String base(String partition, String region) {
        if ("aws-cn".equals(partition) || region.startsWith("cn-")) {
            return "https://console.amazonaws.cn";
        }
        if ("aws-us-gov".equals(partition) || region.startsWith("us-gov-")) {
            return "https://console.amazonaws-us-gov.com";
        }
        return "https://" + region + ".console.aws.amazon.com";
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
