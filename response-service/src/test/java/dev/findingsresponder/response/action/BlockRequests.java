package dev.findingsresponder.response.action;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.findingsresponder.model.ActionRequest;
import dev.findingsresponder.model.Finding;
import dev.findingsresponder.model.Mode;

/** Action requests for the NACL and WAF block tests. */
final class BlockRequests {

    static final String ACCOUNT = "123456789012";
    static final String REGION = "us-east-1";

    private BlockRequests() {
    }

    static ActionRequest nacl(String resourceId, String address, Map<String, Object> params, Finding.Resource resource) {
        return new ActionRequest("req-" + address, "nacl-deny", params,
                new ActionRequest.Target("nacl:" + ACCOUNT + ":" + REGION, ACCOUNT, REGION, "network-acl", resourceId,
                        address),
                Mode.ENFORCE, Duration.ofHours(1), "block-attackers", "first alert", Instant.now(), finding(resource),
                null);
    }

    static ActionRequest waf(String setName, String address, Map<String, Object> params) {
        return waf(setName, address, params, REGION);
    }

    static ActionRequest waf(String setName, String address, Map<String, Object> params, String region) {
        return new ActionRequest("req-" + address, "waf-block", params,
                new ActionRequest.Target("waf:" + ACCOUNT + ":" + region + ":REGIONAL:" + setName, ACCOUNT, region,
                        "waf-ip-set", setName, address),
                Mode.ENFORCE, Duration.ofHours(1), "block-attackers", "first alert", Instant.now(), finding(null), null);
    }

    static Finding.Resource instance(String instanceId, String subnetId, String vpcId) {
        return new Finding.Resource("Instance", instanceId, null, null, REGION, instanceId, "t3.micro", null, vpcId,
                subnetId, List.of(), List.of(), List.of(), Map.of(), null, null, null, null, null);
    }

    static Finding finding(Finding.Resource resource) {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        return new Finding("guardduty:" + ACCOUNT + ":" + REGION + ":f1", "f1", null, null,
                "UnauthorizedAccess:EC2/SSHBruteForce", List.of(), "SSH brute force", null, ACCOUNT, REGION, "aws",
                now, now, now, now, 1, null, resource, List.of(), List.of(), null, null, "TARGET", List.of(), List.of(),
                null, null);
    }
}
