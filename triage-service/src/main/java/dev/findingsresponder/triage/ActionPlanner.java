package dev.findingsresponder.triage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.findingsresponder.model.ActionRequest;
import dev.findingsresponder.model.Finding;
import dev.findingsresponder.model.Score;
import dev.findingsresponder.model.action.ActionCatalog;
import dev.findingsresponder.model.action.ActionSchema;
import dev.findingsresponder.triage.policy.ActionStep;
import dev.findingsresponder.triage.policy.Playbook;
import dev.findingsresponder.triage.score.IpLists;
import dev.findingsresponder.triage.score.IpLiteral;

/**
 * Turns a matched playbook into action requests: one per remote address for blocking actions (only IP literals,
 * never a trusted address, none at all while a trusted list is not loaded: fail closed, and at most
 * {@code maxAddresses} per finding and action), one per finding otherwise. An escalation only repeats the
 * notifications.
 */
public class ActionPlanner {

    /** The requests of one playbook and notes on what was not requested and why. */
    public record Plan(List<ActionRequest> requests, List<String> notes) {
    }

    /** The default of {@code triage.max-block-addresses-per-finding}. */
    public static final int DEFAULT_MAX_ADDRESSES = 25;

    private final IpLists lists;
    private final int maxAddresses;

    public ActionPlanner(IpLists lists) {
        this(lists, DEFAULT_MAX_ADDRESSES);
    }

    /** @param maxAddresses most addresses of one finding a blocking action is requested for */
    public ActionPlanner(IpLists lists, int maxAddresses) {
        this.lists = lists;
        this.maxAddresses = Math.max(1, maxAddresses);
    }

    public Plan plan(Finding finding, Score score, Playbook playbook, long escalation, String reason, Instant now) {
        List<ActionRequest> requests = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (int step = 0; step < playbook.actions().size(); step++) {
            ActionStep action = playbook.actions().get(step);
            if (escalation > 0 && !action.action().equals(ActionCatalog.SNS_NOTIFY)) {
                continue;
            }
            ActionSchema schema = ActionCatalog.find(action.action()).orElseThrow();
            Map<String, Object> params = schema.withDefaults(action.params());
            if (schema.blocking()) {
                planBlocks(finding, score, playbook, step, action, params, escalation, reason, now, requests, notes);
                continue;
            }
            Optional<ActionRequest.Target> target = ActionTargets.of(action.action(), params, finding, null);
            if (target.isEmpty()) {
                notes.add(action.action() + ": the finding names no " + (action.action().equals(ActionCatalog.ISOLATE_INSTANCE)
                        ? "EC2 instance" : "target"));
                continue;
            }
            requests.add(request(finding, score, playbook, step, action, params, target.get(), escalation, reason, now));
        }
        return new Plan(requests, notes);
    }

    private void planBlocks(Finding finding, Score score, Playbook playbook, int step, ActionStep action,
                            Map<String, Object> params, long escalation, String reason, Instant now,
                            List<ActionRequest> requests, List<String> notes) {
        Set<String> addresses = remoteAddresses(finding);
        for (String unparsable : unparsableAddresses(finding)) {
            notes.add(action.action() + ": '" + unparsable + "' is not an IP address, not blocked");
        }
        if (addresses.isEmpty()) {
            notes.add(action.action() + ": no remote address to block");
            return;
        }
        if (!lists.trustedListsHealthy()) {
            notes.add(action.action() + ": a trusted list is not loaded, so no block is requested (fail closed)");
            return;
        }
        int planned = 0;
        int seen = 0;
        for (String address : addresses) {
            if (planned == maxAddresses) {
                notes.add(action.action() + ": the last " + (addresses.size() - seen) + " of the finding's "
                        + addresses.size() + " remote addresses not blocked: at most " + maxAddresses
                        + " per finding (triage.max-block-addresses-per-finding)");
                return;
            }
            seen++;
            Optional<IpLists.ListMatch> trusted = lists.trusted(address);
            if (trusted.isPresent()) {
                notes.add(action.action() + ": " + address + " not blocked, on trusted list '" + trusted.get().listName()
                        + "' (" + trusted.get().entry() + ")");
                continue;
            }
            Optional<ActionRequest.Target> target = ActionTargets.of(action.action(), params, finding, address);
            if (target.isEmpty()) {
                notes.add(action.action() + ": no IP set configured for " + address + " (IPv6 needs ip-set-v6)");
                continue;
            }
            requests.add(request(finding, score, playbook, step, action, params, target.get(), escalation, reason, now));
            planned++;
        }
    }

    private static ActionRequest request(Finding finding, Score score, Playbook playbook, int step, ActionStep action,
                                         Map<String, Object> params, ActionRequest.Target target, long escalation,
                                         String reason, Instant now) {
        String id = RequestIds.of(finding.id(), finding.updatedAt(), playbook.name(), step, action.action(),
                target.address(), escalation);
        return new ActionRequest(id, action.action(), params, target, playbook.mode(), action.ttl(), playbook.name(),
                reason, now, finding, score);
    }

    /**
     * The remote addresses that are IP literals, in the finding's order, each address once whatever its spelling: an
     * IPv4-mapped IPv6 address ({@code ::ffff:203.0.113.5}) is the IPv4 address it maps (an IPv4 IP set and NACL entry
     * block it), and other IPv6 spellings of one address keep the first one given.
     */
    private static Set<String> remoteAddresses(Finding finding) {
        Map<IpLiteral, String> addresses = new LinkedHashMap<>();
        for (String address : givenAddresses(finding)) {
            IpLiteral ip = IpLiteral.parseOrNull(address);
            if (ip != null) {
                addresses.putIfAbsent(ip, ip.v4() ? ip.toString() : address);
            }
        }
        return new LinkedHashSet<>(addresses.values());
    }

    /** Remote "addresses" that are not IP literals: nothing a NACL or WAF could take, so never requested. */
    private static Set<String> unparsableAddresses(Finding finding) {
        Set<String> unparsable = new LinkedHashSet<>();
        for (String address : givenAddresses(finding)) {
            if (IpLiteral.parseOrNull(address) == null) {
                unparsable.add(address);
            }
        }
        return unparsable;
    }

    private static Set<String> givenAddresses(Finding finding) {
        Set<String> addresses = new LinkedHashSet<>();
        for (Finding.NetworkIndicator indicator : finding.network()) {
            if (indicator.remoteIp() != null && !indicator.remoteIp().isBlank()) {
                addresses.add(indicator.remoteIp().trim());
            }
        }
        return addresses;
    }
}
