package dev.findingsresponder.response.action;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import dev.findingsresponder.model.ActionRequest;
import dev.findingsresponder.model.ActionResult.Outcome;
import dev.findingsresponder.model.action.ActionCatalog;
import dev.findingsresponder.response.aws.AwsClients;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.wafv2.Wafv2Client;
import software.amazon.awssdk.services.wafv2.model.GetIpSetResponse;
import software.amazon.awssdk.services.wafv2.model.Scope;
import software.amazon.awssdk.services.wafv2.model.WafNonexistentItemException;

/**
 * {@code waf-block}: adds the address as a host CIDR ({@code /32}, {@code /128}) to a WAFv2 IP set that a
 * blocking rule references.
 *
 * <ul>
 *   <li>Set: the target's resource id (the name triage chose for the address's IP version), else the
 *       {@code ip-set-v4} / {@code ip-set-v6} parameter; scope from {@code scope} (REGIONAL by default;
 *       CLOUDFRONT sets live in us-east-1). The id is found by ListIPSets and cached ({@link IpSetIds}); a
 *       cached id that no longer exists is looked up once more.</li>
 *   <li>Batch: the requests are grouped by set, and each set gets one read-modify-write for all of them
 *       ({@link IpSetWriter}: one GetIPSet and one UpdateIPSet, more only on lock conflicts with another
 *       writer). An address already present, or requested earlier in the batch, answers ALREADY_APPLIED.</li>
 *   <li>Limits: an address only goes into a set of its IP version (else FAILED). When the set reaches
 *       {@link WafSettings#maxAddresses()}, the addresses that no longer fit (in request order) FAIL: unlike a
 *       NACL, nothing is evicted from an IP set, because its other entries may be someone else's allow or block
 *       list that we cannot tell from ours.</li>
 *   <li>Facts: {@code location} ({@link BlockLocation#key()}), {@code cidr}, {@code ipSetName}, {@code ipSetId},
 *       {@code scope}, {@code region}, and of the set's write, shared by its requests: {@code addresses} (after
 *       it), {@code updateCalls}, {@code lockConflicts}.</li>
 *   <li>Errors: throttling, 5xx and lock conflicts beyond the last attempt are thrown (the executor
 *       retries); other AWS errors are a FAILED outcome with the AWS error code for every request of the set.</li>
 *   <li>Undo: removes the host CIDRs (REMOVED; {@code removed=false} when it was not there).</li>
 * </ul>
 */
public class WafBlockAction implements BlockAction {

    private final WafSettings settings;
    private final IpSetIds ids = new IpSetIds();

    /** One request that names a set, with its facts so far. */
    private record Item(int index, BlockAddress address, Map<String, String> facts) {
    }

    /** The set a request names, or why it names none. */
    private record Located(BlockLocation location, String problem) {
    }

    public WafBlockAction() {
        this(WafSettings.DEFAULTS);
    }

    public WafBlockAction(WafSettings settings) {
        this.settings = settings == null ? WafSettings.DEFAULTS : settings;
    }

    @Override
    public String name() {
        return ActionCatalog.WAF_BLOCK;
    }

    @Override
    public List<String> permissions() {
        return List.of("wafv2:ListIPSets", "wafv2:GetIPSet", "wafv2:UpdateIPSet");
    }

    @Override
    public Reversibility reversibility() {
        return Reversibility.by("remove the address from the IP set");
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
        return run(requests, clients, true);
    }

    @Override
    public List<ActionOutcome> undoAll(List<ActionRequest> requests, AwsClients clients) {
        return run(requests, clients, false);
    }

    @Override
    public BlockInventory inventory(BlockLocation location, AwsClients clients) {
        if (!BlockLocation.WAF.equals(location.kind())) {
            throw new IllegalArgumentException("waf-block keeps no blocks in " + location);
        }
        Wafv2Client waf = clients.waf(location.account(), location.region());
        AwsCallLog log = new AwsCallLog();
        for (int lookup = 1; ; lookup++) {
            Optional<String> id = ids.id(waf, location, log);
            if (id.isEmpty()) {
                return BlockInventory.missing(location);
            }
            try {
                GetIpSetResponse read = waf.getIPSet(r -> r.name(location.id()).id(id.get())
                        .scope(Scope.fromValue(location.scope())));
                List<String> hosts = read.ipSet().addresses().stream().map(BlockAddress::parse)
                        .flatMap(Optional::stream).map(BlockAddress::cidr).toList();
                return new BlockInventory(location, true, new LinkedHashSet<>(hosts), List.of(), Map.of());
            } catch (WafNonexistentItemException e) {
                ids.forget(location); // deleted, maybe re-created under a new id
                if (lookup >= 2) {
                    return BlockInventory.missing(location);
                }
            }
        }
    }

    private List<ActionOutcome> run(List<ActionRequest> requests, AwsClients clients, boolean add) {
        ActionOutcome[] outcomes = new ActionOutcome[requests.size()];
        Map<BlockLocation, List<Item>> sets = new LinkedHashMap<>();
        for (int i = 0; i < requests.size(); i++) {
            ActionRequest request = requests.get(i);
            Map<String, String> facts = new LinkedHashMap<>();
            Optional<BlockAddress> address = BlockAddress.parse(request.target().address());
            Located located = address.isEmpty()
                    ? new Located(null, "waf-block needs one IPv4 or IPv6 address, got '"
                            + request.target().address() + "'")
                    : locate(request, address.get(), facts);
            if (located.location() != null) {
                sets.computeIfAbsent(located.location(), l -> new ArrayList<>()).add(new Item(i, address.get(), facts));
            } else {
                outcomes[i] = new AwsCallLog().outcome(Outcome.FAILED, located.problem(), facts);
            }
        }
        sets.forEach((location, items) -> write(location, items, clients, add, outcomes));
        return List.of(outcomes); // every slot is filled: a null would be a bug, and fails here
    }

    /** The set the request names (its facts added), or why it names none. */
    private static Located locate(ActionRequest request, BlockAddress address, Map<String, String> facts) {
        ActionRequest.Target target = request.target();
        facts.put("cidr", address.cidr());
        String scope = Objects.toString(request.params().get("scope"), "REGIONAL");
        if (!"REGIONAL".equals(scope) && !"CLOUDFRONT".equals(scope)) {
            return new Located(null, "waf-block scope must be REGIONAL or CLOUDFRONT, got '" + scope + "'");
        }
        String setName = setName(request, address);
        if (setName == null) {
            return new Located(null, "no IP set for " + (address.v6() ? "IPv6" : "IPv4") + " address " + address
                    + " (parameter " + (address.v6() ? "ip-set-v6" : "ip-set-v4") + ")");
        }
        try {
            BlockLocation location = BlockLocation.waf(target.account(), target.region(), scope, setName);
            facts.put("ipSetName", setName);
            facts.put("scope", scope);
            facts.put("region", location.region());
            facts.put("location", location.key());
            return new Located(location, null);
        } catch (IllegalArgumentException e) {
            return new Located(null, "waf-block cannot address IP set " + setName + ": " + e.getMessage());
        }
    }

    /** One read-modify-write of one set for every item that names it. */
    private void write(BlockLocation location, List<Item> items, AwsClients clients, boolean add,
                       ActionOutcome[] outcomes) {
        AwsCallLog log = new AwsCallLog();
        Wafv2Client waf = clients.waf(location.account(), location.region());
        List<BlockAddress> addresses = items.stream().map(Item::address).toList();
        try {
            for (int lookup = 1; ; lookup++) {
                Optional<String> id = ids.id(waf, location, log);
                if (id.isEmpty()) {
                    items.forEach(item -> outcomes[item.index()] = log.outcome(Outcome.FAILED, "IP set "
                            + location.id() + " (" + location.scope() + ") does not exist in account "
                            + location.account() + " region " + location.region(), item.facts()));
                    return;
                }
                items.forEach(item -> item.facts().put("ipSetId", id.get()));
                IpSetWriter writer = new IpSetWriter(waf, settings, log);
                IpSetWriter.IpSetRef set = new IpSetWriter.IpSetRef(location.id(), id.get(),
                        Scope.fromValue(location.scope()));
                try {
                    IpSetWriter.Result result = add ? writer.addAll(set, addresses) : writer.removeAll(set, addresses);
                    Set<BlockAddress> answered = new HashSet<>();
                    for (Item item : items) {
                        outcomes[item.index()] = outcome(result, add, item, location.id(),
                                !answered.add(item.address()), log);
                    }
                    return;
                } catch (WafNonexistentItemException e) {
                    ids.forget(location); // deleted (and maybe re-created under a new id) since we cached it
                    if (lookup >= 2) {
                        throw e;
                    }
                    log.add(e);
                }
            }
        } catch (AwsServiceException e) {
            log.addOrThrow(e);
            String doing = (add ? "waf-block of " : "waf-block undo of ") + "%s in IP set " + location.id();
            items.forEach(item -> outcomes[item.index()] = log.failure(e,
                    String.format(doing, item.address().cidr()), item.facts()));
        }
    }

    /** The outcome of one item; {@code repeat}: an earlier item of the batch had the same address. */
    private static ActionOutcome outcome(IpSetWriter.Result result, boolean add, Item item, String setName,
                                         boolean repeat, AwsCallLog log) {
        Map<String, String> facts = item.facts();
        BlockAddress address = item.address();
        facts.put("addresses", String.valueOf(result.size()));
        facts.put("updateCalls", String.valueOf(result.updateCalls()));
        facts.put("lockConflicts", String.valueOf(result.lockConflicts()));
        String retried = result.lockConflicts() == 0 ? ""
                : " after " + result.lockConflicts() + " lock conflict(s) with another writer";
        String shared = result.changed().size() < 2 ? ""
                : " in one update with " + (result.changed().size() - 1) + " other address(es)";
        return switch (result.statuses().get(address)) {
            case WRONG_VERSION -> log.outcome(Outcome.FAILED, "IP set " + setName + " holds " + result.version()
                    + " addresses and cannot hold " + (address.v6() ? "IPv6" : "IPv4") + " address " + address, facts);
            case FULL -> log.outcome(Outcome.FAILED, String.format("IP set %s holds %,d addresses (the most allowed):"
                    + " it is full, so %s was not added and nothing was evicted", setName, result.size(),
                    address.cidr()), facts);
            case PRESENT -> log.outcome(Outcome.ALREADY_APPLIED, address.cidr() + " is already in IP set " + setName,
                    facts);
            case ADDED -> repeat
                    ? log.outcome(Outcome.ALREADY_APPLIED, address.cidr() + " is already in IP set " + setName
                            + " (added by an earlier request of this batch)", facts)
                    : log.outcome(Outcome.APPLIED, "added " + address.cidr() + " to IP set " + setName + " ("
                            + result.size() + " addresses)" + shared + retried, facts);
            case ABSENT -> removed(log, facts, false, "nothing to remove: IP set " + setName + " does not hold "
                    + address.cidr());
            case REMOVED -> repeat
                    ? removed(log, facts, false, "nothing to remove: " + address.cidr() + " was removed from IP set "
                            + setName + " by an earlier request of this batch")
                    : removed(log, facts, true, "removed " + address.cidr() + " from IP set " + setName + shared
                            + retried);
        };
    }

    private static ActionOutcome removed(AwsCallLog log, Map<String, String> facts, boolean removed, String detail) {
        facts.put("removed", String.valueOf(removed));
        return log.outcome(Outcome.REMOVED, detail, facts);
    }

    /** The target's resource id, else the parameter for the address's IP version; {@code null} if neither. */
    private static String setName(ActionRequest request, BlockAddress address) {
        String resourceId = request.target().resourceId();
        if (resourceId != null && !resourceId.isBlank()) {
            return resourceId;
        }
        Object param = request.params().get(address.v6() ? "ip-set-v6" : "ip-set-v4");
        return param == null || param.toString().isBlank() ? null : param.toString();
    }
}
