package dev.findingsresponder.response.action;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.findingsresponder.model.ActionRequest;
import dev.findingsresponder.model.ActionResult.Outcome;
import dev.findingsresponder.model.action.ActionCatalog;
import dev.findingsresponder.response.aws.AwsClients;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.NetworkAcl;

/**
 * {@code nacl-deny}: an inbound DENY of all traffic from one address ({@code /32} or {@code /128}) in a
 * network ACL, numbered in the configured range ({@link NaclSettings}) with the lowest free number.
 *
 * <ul>
 *   <li>NACL: see {@link NaclResolver} (parameter, subnet, instance, VPC default). A request with the parameter
 *       {@code nacl-id} writes that NACL and no other, so a request rebuilt from a {@link BlockLocation} hits it.</li>
 *   <li>Batch: each distinct resolution input is resolved once, and the requests are grouped by NACL; each NACL
 *       is read once (the resolution's read) and written by {@link NaclBatchWriter} as {@link NaclBatchPlan}
 *       decides, in request order. The same address twice gets one entry (the second is ALREADY_APPLIED), and a
 *       block written or confirmed by the batch is never evicted for a later request of it.</li>
 *   <li>Ownership: see {@link NaclEntries}; foreign entries are never changed, and a rule number that is
 *       taken is never written (AWS has no overwrite for CreateNetworkAclEntry: a taken number answers
 *       {@code NetworkAclEntryAlreadyExists}, after which the NACL is read again).</li>
 *   <li>Idempotent: an entry of ours for the address answers ALREADY_APPLIED with its rule number.</li>
 *   <li>Quota: AWS allows {@code maxEntriesPerDirection} inbound entries per IP version including the default
 *       deny rule (moto does not enforce it). When one more would exceed it, or the range has no free number,
 *       our block chosen by {@link NaclEntries#evictionCandidate} (ledger priority, age, rule number) is
 *       deleted first and reported in the facts {@code evicted} / {@code evictedRule}. When no block of ours
 *       can go, the request FAILS.</li>
 *   <li>Shadowing: an ALLOW numbered below the chosen number whose CIDR holds the address (of all traffic, or
 *       of some protocols/ports, e.g. tcp/22 from 0.0.0.0/0) lets that traffic past the deny, so the block would
 *       not hold: the request FAILS, naming the rule, and nothing is written.</li>
 *   <li>Facts: {@code location} ({@link BlockLocation#key()}), {@code cidr}, {@code naclId}, {@code ruleNumber},
 *       and when it happened {@code evicted} / {@code evictedRule}.</li>
 *   <li>Errors: throttling and 5xx are thrown (the executor retries the batch); other AWS errors are a FAILED
 *       outcome with the AWS error code, for the requests they concern.</li>
 *   <li>Undo: deletes our entries for the address (one read per NACL for the batch); when there are none it
 *       still answers REMOVED, with {@code removed=false} and a detail saying nothing was there.</li>
 * </ul>
 */
public class NaclDenyAction implements BlockAction {

    private final NaclSettings settings;
    private final BlockLedger ledger;

    /** The NACL one resolution input led to, how, and the calls it took; or why none. */
    private record Resolution(NaclResolver.Resolved resolved, List<String> tried, AwsServiceException error,
                              AwsCallLog log) {
    }

    /** The requests of a batch for one NACL, and the NACL as first read. */
    private record Group(Ec2Client ec2, NetworkAcl read, List<NaclBatchWriter.Item> items) {

        NaclBatchWriter writer(NaclSettings settings, BlockLedger ledger, ActionOutcome[] outcomes) {
            return new NaclBatchWriter(ec2, read.networkAclId(), settings, ledger, outcomes);
        }
    }

    public NaclDenyAction() {
        this(NaclSettings.DEFAULTS, BlockLedger.NONE);
    }

    public NaclDenyAction(NaclSettings settings, BlockLedger ledger) {
        this.settings = settings == null ? NaclSettings.DEFAULTS : settings;
        this.ledger = ledger == null ? BlockLedger.NONE : ledger;
    }

    @Override
    public String name() {
        return ActionCatalog.NACL_DENY;
    }

    @Override
    public List<String> permissions() {
        return List.of("ec2:DescribeNetworkAcls", "ec2:DescribeInstances", "ec2:CreateNetworkAclEntry",
                "ec2:DeleteNetworkAclEntry");
    }

    @Override
    public Reversibility reversibility() {
        return Reversibility.by("delete the inbound DENY entry of the address from the NACL");
    }

    /** The batch of one. */
    @Override
    public ActionOutcome execute(ActionRequest request, AwsClients clients) {
        return executeAll(List.of(request), clients).get(0);
    }

    /** The batch of one. */
    @Override
    public ActionOutcome undo(ActionRequest request, AwsClients clients) {
        return undoAll(List.of(request), clients).get(0);
    }

    @Override
    public List<ActionOutcome> executeAll(List<ActionRequest> requests, AwsClients clients) {
        ActionOutcome[] outcomes = new ActionOutcome[requests.size()];
        for (Group group : group(requests, clients, true, outcomes)) {
            group.writer(settings, ledger, outcomes).deny(group.read(), group.items());
        }
        return List.of(outcomes); // every slot is filled: a null would be a bug, and fails here
    }

    @Override
    public List<ActionOutcome> undoAll(List<ActionRequest> requests, AwsClients clients) {
        ActionOutcome[] outcomes = new ActionOutcome[requests.size()];
        for (Group group : group(requests, clients, false, outcomes)) {
            group.writer(settings, ledger, outcomes).remove(group.read(), group.items());
        }
        return List.of(outcomes); // every slot is filled: a null would be a bug, and fails here
    }

    @Override
    public BlockInventory inventory(BlockLocation location, AwsClients clients) {
        if (!BlockLocation.NACL.equals(location.kind())) {
            throw new IllegalArgumentException("nacl-deny keeps no blocks in " + location);
        }
        Ec2Client ec2 = clients.ec2(location.account(), location.region());
        List<NetworkAcl> acls = new NaclResolver(ec2, new AwsCallLog()).byId(location.id());
        return acls.isEmpty() ? BlockInventory.missing(location)
                : new NaclEntries(acls.get(0), settings).inventory(location);
    }

    /**
     * Resolves every request's NACL (once per distinct input) and groups the requests by NACL; a request that
     * cannot be carried out gets its FAILED outcome here.
     */
    private static Collection<Group> group(List<ActionRequest> requests, AwsClients clients, boolean deny,
                                     ActionOutcome[] outcomes) {
        Map<String, Resolution> resolutions = new HashMap<>();
        Map<String, Group> groups = new LinkedHashMap<>();
        for (int i = 0; i < requests.size(); i++) {
            ActionRequest request = requests.get(i);
            ActionRequest.Target target = request.target();
            Optional<BlockAddress> parsed = BlockAddress.parse(target.address());
            if (parsed.isEmpty()) {
                outcomes[i] = new AwsCallLog().outcome(Outcome.FAILED, (deny ? "nacl-deny needs one IPv4 or IPv6"
                        + " address to block, got '" : "nacl-deny undo needs one IPv4 or IPv6 address, got '")
                        + target.address() + "'", Map.of());
                continue;
            }
            BlockAddress address = parsed.get();
            Map<String, String> facts = new LinkedHashMap<>();
            facts.put("cidr", address.cidr());
            Ec2Client ec2 = clients.ec2(target.account(), target.region());
            Resolution resolution = resolutions.computeIfAbsent(NaclResolver.inputs(request),
                    k -> resolve(ec2, request));
            AwsCallLog log = new AwsCallLog();
            log.addAll(resolution.log());
            if (resolution.error() != null) {
                outcomes[i] = log.failure(resolution.error(), (deny ? "nacl-deny of " : "nacl-deny undo of ")
                        + address.cidr(), facts);
                continue;
            }
            if (resolution.resolved() == null) {
                outcomes[i] = log.outcome(Outcome.FAILED, "no network ACL to " + (deny ? "write " : "remove ")
                        + address.cidr() + (deny ? " to" : " from") + ": tried "
                        + String.join(", ", resolution.tried()), facts);
                continue;
            }
            NetworkAcl acl = resolution.resolved().acl();
            facts.put("naclId", acl.networkAclId());
            try {
                facts.put("location", BlockLocation.nacl(target.account(), target.region(), acl.networkAclId()).key());
            } catch (IllegalArgumentException e) {
                outcomes[i] = log.outcome(Outcome.FAILED, "nacl-deny cannot address " + acl.networkAclId() + ": "
                        + e.getMessage(), facts);
                continue;
            }
            groups.computeIfAbsent(facts.get("location"), k -> new Group(ec2, acl, new ArrayList<>())).items()
                    .add(new NaclBatchWriter.Item(i, address, facts, log, resolution.resolved().how()));
        }
        return groups.values();
    }

    /** One resolution; a retryable AWS fault is thrown (the whole batch is retried), a permanent one kept. */
    private static Resolution resolve(Ec2Client ec2, ActionRequest request) {
        AwsCallLog log = new AwsCallLog();
        NaclResolver resolver = new NaclResolver(ec2, log);
        try {
            Optional<NaclResolver.Resolved> resolved = resolver.resolve(request);
            return new Resolution(resolved.orElse(null), resolver.tried(), null, log);
        } catch (AwsServiceException e) {
            log.addOrThrow(e);
            return new Resolution(null, resolver.tried(), e, log);
        }
    }
}
