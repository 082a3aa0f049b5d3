package dev.findingsresponder.triage;

import java.util.Map;
import java.util.Optional;

import dev.findingsresponder.model.ActionRequest.Target;
import dev.findingsresponder.model.Finding;

/**
 * Where each action applies, and its Kafka key. Keys are chosen so one writer owns each AWS resource
 * that requests contend for: all network ACLs of an account and region, one WAF IP set, one instance.
 */
final class ActionTargets {

    private ActionTargets() {
    }

    /** The target of {@code action} for {@code finding} (and {@code address} for blocks), or why there is none. */
    static Optional<Target> of(String action, Map<String, Object> params, Finding finding, String address) {
        Finding.Resource resource = finding.resource();
        String account = finding.account();
        String region = finding.region();
        return switch (action) {
            case "nacl-deny" -> Optional.of(new Target("nacl:" + account + ":" + region, account, region, "network-acl",
                    firstNonNull(text(params, "nacl-id"), resource == null ? null : resource.subnetId(),
                            resource == null ? null : resource.vpcId()), address));
            case "waf-block" -> wafTarget(params, account, region, address);
            case "sns-notify" -> {
                String topic = text(params, "topic-arn");
                String[] arn = topic.split(":");
                yield Optional.of(new Target("sns:" + topic, arn[4], arn[3], "sns-topic", topic, null));
            }
            case "ssm-remediate" -> {
                String resourceId = resource == null ? finding.nativeId() : firstNonNull(resource.id(), resource.arn());
                yield Optional.of(new Target("ssm:" + account + ":" + region + ":" + resourceId, account, region,
                        "ssm-automation", resourceId, null));
            }
            case "isolate-instance" -> resource == null || resource.instanceId() == null ? Optional.empty()
                    : Optional.of(new Target("ec2:" + account + ":" + region + ":" + resource.instanceId(), account, region,
                    "ec2-instance", resource.instanceId(), null));
            default -> Optional.empty();
        };
    }

    private static Optional<Target> wafTarget(Map<String, Object> params, String account, String region, String address) {
        boolean v6 = address.indexOf(':') >= 0;
        String set = text(params, v6 ? "ip-set-v6" : "ip-set-v4");
        if (set == null) {
            return Optional.empty();
        }
        String scope = firstNonNull(text(params, "scope"), "REGIONAL");
        // CloudFront IP sets live in us-east-1 whatever region the finding is in
        String wafRegion = scope.equals("CLOUDFRONT") ? "us-east-1" : region;
        return Optional.of(new Target("waf:" + account + ":" + wafRegion + ":" + scope + ":" + set, account, wafRegion,
                "waf-ip-set", set, address));
    }

    private static String text(Map<String, Object> params, String key) {
        Object value = params.get(key);
        return value == null ? null : value.toString();
    }

    private static String firstNonNull(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }
}
