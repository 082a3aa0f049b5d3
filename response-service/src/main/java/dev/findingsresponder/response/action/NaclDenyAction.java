package dev.findingsresponder.response.action;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import dev.findingsresponder.model.ActionRequest;
import dev.findingsresponder.model.ActionResult.Outcome;
import dev.findingsresponder.model.action.ActionCatalog;
import dev.findingsresponder.response.aws.AwsClients;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.NetworkAclEntry;
import software.amazon.awssdk.services.ec2.model.RuleAction;

/**
 * {@code nacl-deny}: an inbound DENY of all traffic from one address ({@code /32} or {@code /128}) in a
 * network ACL, numbered in the configured range ({@link NaclSettings}) with the lowest free number.
 *
 * <ul>
 *   <li>NACL: see {@link NaclResolver} (parameter, subnet, instance, VPC default).</li>
 *   <li>Ownership: see {@link NaclEntries}; foreign entries are never changed, and a rule number that is
 *       taken is never written (AWS has no overwrite for CreateNetworkAclEntry: a taken number answers
 *       {@code NetworkAclEntryAlreadyExists}, after which the NACL is read again).</li>
 *   <li>Idempotent: an entry of ours for the address answers ALREADY_APPLIED with its rule number.</li>
 *   <li>Quota: AWS allows {@code maxEntriesPerDirection} inbound entries per IP version including the default
 *       deny rule (moto does not enforce it). When one more would exceed it, or the range has no free number,
 *       our block chosen by {@link NaclEntries#evictionCandidate} (ledger priority, age, rule number) is
 *       deleted first and reported in the facts {@code evicted} / {@code evictedRule}. When no block of ours
 *       can go, the request FAILS.</li>
 *   <li>Shadowing: an ALLOW of all traffic numbered below the chosen number that matches the address would
 *       make the deny useless, so the request FAILS; an ALLOW of some protocols/ports only is reported in the
 *       detail and the fact {@code shadowedBy} (the deny still cuts everything else).</li>
 *   <li>Errors: throttling and 5xx are thrown (the executor retries); other AWS errors are a FAILED outcome
 *       with the AWS error code.</li>
 *   <li>Undo: deletes our entries for the address; when there are none it still answers REMOVED, with
 *       {@code removed=false} and a detail saying nothing was there.</li>
 * </ul>
 */
public class NaclDenyAction implements ResponseAction {

    private static final int MAX_WRITE_ATTEMPTS = 3;

    private final NaclSettings settings;
    private final BlockLedger ledger;

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

    @Override
    public ActionOutcome execute(ActionRequest request, AwsClients clients) {
        AwsCallLog log = new AwsCallLog();
        Optional<BlockAddress> parsed = BlockAddress.parse(request.target().address());
        if (parsed.isEmpty()) {
            return log.outcome(Outcome.FAILED, "nacl-deny needs one IPv4 or IPv6 address to block, got '"
                    + request.target().address() + "'", Map.of());
        }
        BlockAddress address = parsed.get();
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("cidr", address.cidr());
        Ec2Client ec2 = clients.ec2(request.target().account(), request.target().region());
        String evictionNote = "";
        try {
            for (int attempt = 1; ; attempt++) {
                NaclResolver resolver = new NaclResolver(ec2, log);
                Optional<NaclResolver.Resolved> resolved = resolver.resolve(request);
                if (resolved.isEmpty()) {
                    return log.outcome(Outcome.FAILED, "no network ACL to write " + address.cidr() + " to: tried "
                            + String.join(", ", resolver.tried()), facts);
                }
                String naclId = resolved.get().acl().networkAclId();
                facts.put("naclId", naclId);
                NaclEntries entries = new NaclEntries(resolved.get().acl(), settings);
                List<NetworkAclEntry> existing = entries.oursFor(address);
                if (!existing.isEmpty()) {
                    facts.put("ruleNumber", String.valueOf(existing.get(0).ruleNumber()));
                    return log.outcome(evictionNote.isEmpty() ? Outcome.ALREADY_APPLIED : Outcome.APPLIED,
                            address.cidr() + " is already denied inbound in " + naclId + " as rule "
                                    + existing.get(0).ruleNumber() + evictionNote, facts);
                }
                String version = address.v6() ? "IPv6" : "IPv4";
                boolean quotaFull = entries.count(address.v6()) + 1 > settings.maxEntriesPerDirection();
                boolean rangeFull = entries.lowestFree(null).isEmpty();
                Optional<NetworkAclEntry> evict = Optional.empty();
                if (quotaFull || rangeFull) {
                    evict = entries.evictionCandidate(quotaFull ? address.v6() : null, ledger);
                    if (evict.isEmpty()) {
                        return log.outcome(Outcome.FAILED, quotaFull
                                ? "NACL " + naclId + " is full (" + settings.maxEntriesPerDirection() + " inbound "
                                        + version + " rules) and holds no block of ours to evict"
                                : "rule range " + settings.firstRule() + "-" + settings.lastRule() + " of NACL "
                                        + naclId + " is full and holds no block of ours to evict", facts);
                    }
                }
                OptionalInt free = entries.lowestFree(evict.map(NetworkAclEntry::ruleNumber).orElse(null));
                int number = free.getAsInt();
                Optional<NetworkAclEntry> allow = entries.allowBefore(address, number);
                String shadow = "";
                if (allow.isPresent()) {
                    if ("-1".equals(allow.get().protocol())) {
                        return log.outcome(Outcome.FAILED, "rule " + allow.get().ruleNumber() + " of " + naclId
                                + " allows all traffic from " + NaclEntries.canonical(allow.get())
                                + " before a deny at " + number + " could match: move the rule range "
                                + settings.firstRule() + "-" + settings.lastRule() + " below it", facts);
                    }
                    facts.put("shadowedBy", String.valueOf(allow.get().ruleNumber()));
                    shadow = "; note: rule " + allow.get().ruleNumber() + " still allows protocol "
                            + allow.get().protocol() + " from " + NaclEntries.canonical(allow.get());
                }
                if (evict.isPresent()) {
                    NetworkAclEntry victim = evict.get();
                    log.add(ec2.deleteNetworkAclEntry(r -> r.networkAclId(naclId).ruleNumber(victim.ruleNumber())
                            .egress(false)));
                    facts.put("evicted", NaclEntries.canonical(victim));
                    facts.put("evictedRule", String.valueOf(victim.ruleNumber()));
                    evictionNote = "; evicted " + NaclEntries.canonical(victim) + " (rule " + victim.ruleNumber()
                            + ") because " + (quotaFull ? "the NACL holds " + settings.maxEntriesPerDirection()
                            + " inbound " + version + " rules" : "the rule range is full");
                }
                try {
                    log.add(ec2.createNetworkAclEntry(r -> {
                        r.networkAclId(naclId).ruleNumber(number).egress(false).protocol("-1")
                                .ruleAction(RuleAction.DENY);
                        if (address.v6()) {
                            r.ipv6CidrBlock(address.cidr());
                        } else {
                            r.cidrBlock(address.cidr());
                        }
                    }));
                } catch (AwsServiceException e) {
                    if ("NetworkAclEntryAlreadyExists".equals(AwsCallLog.code(e)) && attempt < MAX_WRITE_ATTEMPTS) {
                        log.add(e); // someone took the number since we read the NACL: read again
                        continue;
                    }
                    throw e;
                }
                facts.put("ruleNumber", String.valueOf(number));
                return log.outcome(Outcome.APPLIED, "denied " + address.cidr() + " inbound in " + naclId + " ("
                        + resolved.get().how() + ") as rule " + number + evictionNote + shadow, facts);
            }
        } catch (AwsServiceException e) {
            return log.failedOrThrow(e, "nacl-deny of " + address.cidr(), facts);
        }
    }

    @Override
    public ActionOutcome undo(ActionRequest request, AwsClients clients) {
        AwsCallLog log = new AwsCallLog();
        Optional<BlockAddress> parsed = BlockAddress.parse(request.target().address());
        if (parsed.isEmpty()) {
            return log.outcome(Outcome.FAILED, "nacl-deny undo needs one IPv4 or IPv6 address, got '"
                    + request.target().address() + "'", Map.of());
        }
        BlockAddress address = parsed.get();
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("cidr", address.cidr());
        Ec2Client ec2 = clients.ec2(request.target().account(), request.target().region());
        try {
            NaclResolver resolver = new NaclResolver(ec2, log);
            Optional<NaclResolver.Resolved> resolved = resolver.resolve(request);
            if (resolved.isEmpty()) {
                return log.outcome(Outcome.FAILED, "no network ACL to remove " + address.cidr() + " from: tried "
                        + String.join(", ", resolver.tried()), facts);
            }
            String naclId = resolved.get().acl().networkAclId();
            facts.put("naclId", naclId);
            List<NetworkAclEntry> ours = new NaclEntries(resolved.get().acl(), settings).oursFor(address);
            if (ours.isEmpty()) {
                facts.put("removed", "false");
                return log.outcome(Outcome.REMOVED, "nothing to remove: " + naclId + " holds no block of ours for "
                        + address.cidr(), facts);
            }
            for (NetworkAclEntry entry : ours) {
                log.add(ec2.deleteNetworkAclEntry(r -> r.networkAclId(naclId).ruleNumber(entry.ruleNumber())
                        .egress(false)));
            }
            String rules = String.join(",", ours.stream().map(e -> String.valueOf(e.ruleNumber())).toList());
            facts.put("ruleNumber", rules);
            facts.put("removed", "true");
            return log.outcome(Outcome.REMOVED, "removed the inbound deny of " + address.cidr() + " from " + naclId
                    + " (rule " + rules + ")", facts);
        } catch (AwsServiceException e) {
            return log.failedOrThrow(e, "nacl-deny undo of " + address.cidr(), facts);
        }
    }
}
