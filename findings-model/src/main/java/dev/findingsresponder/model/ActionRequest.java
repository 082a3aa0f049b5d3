package dev.findingsresponder.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * One request for one response action, on {@code actions.requested}, keyed by {@code target.key()}
 * so each enforcement target has exactly one writer.
 *
 * @param requestId   deterministic: the same finding version, playbook, action and address always give the
 *                    same id, so a redelivered finding produces the same request (the response side dedupes)
 * @param action      action name, e.g. {@code nacl-deny}
 * @param params      the playbook's parameters for the action, validated against the action's schema
 * @param target      where the action applies
 * @param mode        observe, approve or enforce (from the playbook)
 * @param ttl         how long a block lasts; {@code null} for actions that are not blocks
 * @param playbook    name of the playbook that requested it
 * @param reason      why now: {@code first alert}, or the escalation that caused it
 * @param requestedAt when triage made the request
 * @param finding     the finding (full canonical form, for notifications and audit)
 * @param score       the finding's score and its explanation
 */
public record ActionRequest(
        String requestId,
        String action,
        Map<String, Object> params,
        Target target,
        Mode mode,
        Duration ttl,
        String playbook,
        String reason,
        Instant requestedAt,
        Finding finding,
        Score score) {

    public ActionRequest {
        params = params == null ? Map.of() : params;
    }

    /**
     * The enforcement target of a request.
     *
     * @param key          Kafka key: one writer per key (e.g. {@code nacl:111122223333:us-east-1})
     * @param account      account the action runs in
     * @param region       region the action runs in
     * @param resourceType what is acted on: {@code network-acl}, {@code waf-ip-set}, {@code sns-topic},
     *                     {@code ssm-automation}, {@code ec2-instance}
     * @param resourceId   the resource when known at triage (VPC / NACL id, IP set name, topic ARN, instance id)
     * @param address      the remote address to block (IPv4 or IPv6), for blocking actions
     */
    public record Target(String key, String account, String region, String resourceType, String resourceId,
                         String address) {
    }
}
