package dev.findingsresponder.response;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import dev.findingsresponder.model.ActionRequest;
import dev.findingsresponder.response.action.BlockLocation;

/**
 * One block the response service wants in place: the value of a {@code response.state} record, keyed by
 * {@link #keyOf target key and host CIDR}. The compacted topic holds the latest value per key; a removed block is a
 * tombstone.
 *
 * <p>Written ahead: the record is {@link Status#APPLYING} before the AWS write and {@link Status#ACTIVE} after it,
 * so a crash between the two leaves an APPLYING record that the reconciler settles (it re-runs the idempotent
 * action: the block is adopted if it is there, made if it is not). No block of ours exists without a record.
 *
 * @param key       {@code <target key>|<host CIDR>}
 * @param action    the plug-in that made it ({@code nacl-deny}, {@code waf-block})
 * @param targetKey the request's enforcement target (the Kafka key; one writer per target)
 * @param cidr      the host CIDR blocked ({@code 203.0.113.7/32}, {@code 2001:db8::7/128})
 * @param status    APPLYING (intent recorded, AWS write not yet confirmed) or ACTIVE
 * @param locations where the block is in AWS ({@code BlockLocation} keys: one NACL, one IP set)
 * @param request   the latest request for it, without the embedded finding once ACTIVE (kept small); used to
 *                  rebuild repair and undo requests
 * @param findingId the finding behind the latest request
 * @param playbook  the playbook behind the latest request
 * @param reason    why it was blocked (the latest request's reason)
 * @param priority  the highest finding score seen for it: which NACL block is evicted first
 * @param blockedAt when it was first requested
 * @param expiresAt when it is removed; a repeat extends it, never shortens it
 * @param updatedAt when this record was written
 */
public record DesiredBlock(String key, String action, String targetKey, String cidr, Status status,
                           Set<String> locations, ActionRequest request, String findingId, String playbook,
                           String reason, int priority, Instant blockedAt, Instant expiresAt, Instant updatedAt) {

    public enum Status { APPLYING, ACTIVE }

    public DesiredBlock {
        locations = locations == null ? Set.of() : Set.copyOf(new LinkedHashSet<>(locations));
    }

    public static String keyOf(String targetKey, String cidr) {
        return targetKey + "|" + cidr;
    }

    public boolean expired(Instant now) {
        return !expiresAt.isAfter(now);
    }

    DesiredBlock with(Status newStatus, Set<String> newLocations, ActionRequest newRequest, Instant now) {
        return new DesiredBlock(key, action, targetKey, cidr, newStatus, newLocations, newRequest, findingId, playbook,
                reason, priority, blockedAt, expiresAt, now);
    }

    /** The block's request aimed at exactly {@code location}: the NACL by id, the IP set by name and scope. */
    public ActionRequest requestAt(BlockLocation location) {
        ActionRequest r = request;
        Map<String, Object> params = new LinkedHashMap<>(r.params());
        ActionRequest.Target t = r.target();
        if ("nacl".equals(location.kind())) {
            params.put("nacl-id", location.id());
        } else {
            params.put("scope", location.scope());
            t = new ActionRequest.Target(t.key(), t.account(), t.region(), t.resourceType(), location.id(), t.address());
        }
        return new ActionRequest(r.requestId(), r.action(), params, t, r.mode(), r.ttl(), r.playbook(), r.reason(),
                r.requestedAt(), null, r.score());
    }
}
