package dev.findingsresponder.response.action;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.findingsresponder.model.ActionRequest;
import dev.findingsresponder.model.ActionResult.Outcome;
import dev.findingsresponder.model.action.ActionCatalog;
import dev.findingsresponder.response.aws.AwsClients;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.wafv2.Wafv2Client;
import software.amazon.awssdk.services.wafv2.model.IPSetSummary;
import software.amazon.awssdk.services.wafv2.model.ListIpSetsResponse;
import software.amazon.awssdk.services.wafv2.model.Scope;
import software.amazon.awssdk.services.wafv2.model.WafNonexistentItemException;

/**
 * {@code waf-block}: adds the address as a host CIDR ({@code /32}, {@code /128}) to a WAFv2 IP set that a
 * blocking rule references.
 *
 * <ul>
 *   <li>Set: the target's resource id (the name triage chose for the address's IP version), else the
 *       {@code ip-set-v4} / {@code ip-set-v6} parameter; scope from {@code scope} (REGIONAL by default;
 *       CLOUDFRONT sets live in us-east-1). The id is found by ListIPSets (all pages) and cached per account,
 *       region, scope and name; a cached id that no longer exists is looked up once more.</li>
 *   <li>Write: one read-modify-write with the LockToken, retried on lock conflicts ({@link IpSetWriter});
 *       already present answers ALREADY_APPLIED.</li>
 *   <li>Limits: an address only goes into a set of its IP version (else FAILED). A set holding
 *       {@link WafSettings#maxAddresses()} addresses FAILS the request: unlike a NACL, nothing is evicted
 *       from an IP set, because its other entries may be someone else's allow or block list that we cannot
 *       tell from ours.</li>
 *   <li>Errors: throttling, 5xx and lock conflicts beyond the last attempt are thrown (the executor
 *       retries); other AWS errors are a FAILED outcome with the AWS error code.</li>
 *   <li>Undo: removes the host CIDR (REMOVED; {@code removed=false} when it was not there).</li>
 * </ul>
 */
public class WafBlockAction implements ResponseAction {

    private static final String CLOUDFRONT_REGION = "us-east-1";

    private final WafSettings settings;
    /** IP set ids by account, region, scope and name. */
    private final Map<String, String> ids = new ConcurrentHashMap<>();

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

    @Override
    public ActionOutcome execute(ActionRequest request, AwsClients clients) {
        return apply(request, clients, true);
    }

    @Override
    public ActionOutcome undo(ActionRequest request, AwsClients clients) {
        return apply(request, clients, false);
    }

    private ActionOutcome apply(ActionRequest request, AwsClients clients, boolean add) {
        AwsCallLog log = new AwsCallLog();
        ActionRequest.Target target = request.target();
        Optional<BlockAddress> parsed = BlockAddress.parse(target.address());
        if (parsed.isEmpty()) {
            return log.outcome(Outcome.FAILED, "waf-block needs one IPv4 or IPv6 address, got '" + target.address()
                    + "'", Map.of());
        }
        BlockAddress address = parsed.get();
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("cidr", address.cidr());
        String scopeText = Objects.toString(request.params().get("scope"), "REGIONAL");
        Scope scope = Scope.fromValue(scopeText);
        if (scope != Scope.REGIONAL && scope != Scope.CLOUDFRONT) {
            return log.outcome(Outcome.FAILED, "waf-block scope must be REGIONAL or CLOUDFRONT, got '" + scopeText
                    + "'", facts);
        }
        String region = scope == Scope.CLOUDFRONT ? CLOUDFRONT_REGION : target.region();
        String setName = setName(request, address);
        if (setName == null) {
            return log.outcome(Outcome.FAILED, "no IP set for " + (address.v6() ? "IPv6" : "IPv4") + " address "
                    + address + " (parameter " + (address.v6() ? "ip-set-v6" : "ip-set-v4") + ")", facts);
        }
        facts.put("ipSetName", setName);
        facts.put("scope", scope.toString());
        facts.put("region", region);
        Wafv2Client waf = clients.waf(target.account(), region);
        String key = String.join("|", target.account(), region, scope.toString(), setName);
        String doing = (add ? "waf-block of " : "waf-block undo of ") + address.cidr() + " in IP set " + setName;
        try {
            for (int lookup = 1; ; lookup++) {
                Optional<String> id = Optional.ofNullable(ids.get(key));
                if (id.isEmpty()) {
                    id = findId(waf, scope, setName, log);
                    id.ifPresent(found -> ids.put(key, found));
                }
                if (id.isEmpty()) {
                    return log.outcome(Outcome.FAILED, "IP set " + setName + " (" + scope + ") does not exist in account "
                            + target.account() + " region " + region, facts);
                }
                facts.put("ipSetId", id.get());
                IpSetWriter writer = new IpSetWriter(waf, settings, log);
                IpSetWriter.IpSetRef set = new IpSetWriter.IpSetRef(setName, id.get(), scope);
                try {
                    IpSetWriter.Result result = add ? writer.addAll(set, List.of(address))
                            : writer.removeAll(set, List.of(address));
                    return outcome(result, add, address, setName, facts, log);
                } catch (WafNonexistentItemException e) {
                    ids.remove(key); // deleted (and maybe re-created under a new id) since we cached it
                    if (lookup >= 2) {
                        throw e;
                    }
                    log.add(e);
                }
            }
        } catch (AwsServiceException e) {
            return log.failedOrThrow(e, doing, facts);
        }
    }

    private ActionOutcome outcome(IpSetWriter.Result result, boolean add, BlockAddress address, String setName,
                                  Map<String, String> facts, AwsCallLog log) {
        facts.put("addresses", String.valueOf(result.size()));
        facts.put("updateCalls", String.valueOf(result.updateCalls()));
        facts.put("lockConflicts", String.valueOf(result.lockConflicts()));
        String retried = result.lockConflicts() == 0 ? ""
                : " after " + result.lockConflicts() + " lock conflict(s) with another writer";
        return switch (result.status()) {
            case WRONG_VERSION -> log.outcome(Outcome.FAILED, "IP set " + setName + " holds " + result.version()
                    + " addresses and cannot hold " + (address.v6() ? "IPv6" : "IPv4") + " address " + address, facts);
            case FULL -> log.outcome(Outcome.FAILED, String.format("IP set %s holds %,d addresses (the most allowed);"
                    + " %s was not added and nothing was evicted", setName, result.size(), address.cidr()), facts);
            case UNCHANGED -> {
                if (add) {
                    yield log.outcome(Outcome.ALREADY_APPLIED, address.cidr() + " is already in IP set " + setName,
                            facts);
                }
                facts.put("removed", "false");
                yield log.outcome(Outcome.REMOVED, "nothing to remove: IP set " + setName + " does not hold "
                        + address.cidr(), facts);
            }
            case CHANGED -> {
                if (add) {
                    yield log.outcome(Outcome.APPLIED, "added " + address.cidr() + " to IP set " + setName + " ("
                            + result.size() + " addresses)" + retried, facts);
                }
                facts.put("removed", "true");
                yield log.outcome(Outcome.REMOVED, "removed " + String.join(", ", result.changed()) + " from IP set "
                        + setName + retried, facts);
            }
        };
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

    /** The id of the set named {@code name}, through every page of ListIPSets. */
    private static Optional<String> findId(Wafv2Client waf, Scope scope, String name, AwsCallLog log) {
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
