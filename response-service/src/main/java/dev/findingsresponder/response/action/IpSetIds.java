package dev.findingsresponder.response.action;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import software.amazon.awssdk.services.wafv2.Wafv2Client;
import software.amazon.awssdk.services.wafv2.model.IPSetSummary;
import software.amazon.awssdk.services.wafv2.model.ListIpSetsResponse;
import software.amazon.awssdk.services.wafv2.model.Scope;

/**
 * IP set ids by location: WAFv2 addresses a set by name and id, a policy names it only, and ListIPSets pages
 * through every set of the scope, so the id is looked up once and cached. A set deleted and re-created under
 * the same name gets a new id: the caller {@link #forget}s the cached one when AWS says it does not exist.
 */
final class IpSetIds {

    private final Map<String, String> ids = new ConcurrentHashMap<>();

    /** The id of the set at {@code location}, cached or through every page of ListIPSets; empty when none. */
    Optional<String> id(Wafv2Client waf, BlockLocation location, AwsCallLog log) {
        String cached = ids.get(location.key());
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<String> found = find(waf, Scope.fromValue(location.scope()), location.id(), log);
        found.ifPresent(id -> ids.put(location.key(), id));
        return found;
    }

    void forget(BlockLocation location) {
        ids.remove(location.key());
    }

    private static Optional<String> find(Wafv2Client waf, Scope scope, String name, AwsCallLog log) {
        String marker = null;
        do {
            String page = marker;
            ListIpSetsResponse response = log.add(waf.listIPSets(r -> r.scope(scope).limit(100).nextMarker(page)));
            Optional<String> id = response.ipSets().stream().filter(s -> name.equals(s.name()))
                    .map(IPSetSummary::id).findFirst();
            if (id.isPresent()) {
                return id;
            }
            marker = response.ipSets().isEmpty() || Objects.equals(response.nextMarker(), page) ? null
                    : response.nextMarker();
        } while (marker != null && !marker.isEmpty());
        return Optional.empty();
    }
}
