package dev.findingsresponder.response.action;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.findingsresponder.model.ActionResult.Outcome;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.NetworkAcl;
import software.amazon.awssdk.services.ec2.model.NetworkAclEntry;
import software.amazon.awssdk.services.ec2.model.RuleAction;

/**
 * Writes the requests of one batch that go to one NACL, from one read of it: {@link NaclBatchPlan} decides every
 * address, then each new address costs one CreateNetworkAclEntry (EC2 has no batch call for entries), preceded by
 * the DeleteNetworkAclEntry of the block it evicts, if any.
 *
 * <p>When a write fails the plan may no longer match the NACL (someone took the number: AWS answers
 * {@code NetworkAclEntryAlreadyExists}, as it has no overwrite; or the delete went through and the create did not),
 * so the NACL is read again and the requests not yet answered are decided again from that read, with the blocks
 * the batch already wrote kept. A taken number is retried {@value #MAX_WRITE_ATTEMPTS} times in all, like a single
 * request; another permanent error FAILS its request only. Throttling and 5xx are thrown for the caller to retry
 * the batch.
 */
final class NaclBatchWriter {

    static final int MAX_WRITE_ATTEMPTS = 3;
    private static final String TAKEN = "NetworkAclEntryAlreadyExists";

    /**
     * One request of the batch for this NACL.
     *
     * @param index   where its outcome goes
     * @param facts   its facts so far (cidr, naclId, location)
     * @param log     the AWS calls made for it (its NACL's resolution, re-reads, its own writes)
     * @param how     how the NACL was found, for the detail ("NACL of subnet subnet-1")
     */
    record Item(int index, BlockAddress address, Map<String, String> facts, AwsCallLog log, String how) {
    }

    private final Ec2Client ec2;
    private final String naclId;
    private final NaclSettings settings;
    private final BlockLedger ledger;
    private final ActionOutcome[] outcomes;
    /** Eviction notes by request index: an eviction stays reported when its request is decided again. */
    private final Map<Integer, String> evictions = new HashMap<>();

    NaclBatchWriter(Ec2Client ec2, String naclId, NaclSettings settings, BlockLedger ledger, ActionOutcome[] outcomes) {
        this.ec2 = ec2;
        this.naclId = naclId;
        this.settings = settings;
        this.ledger = ledger;
        this.outcomes = outcomes;
    }

    /** Denies every item's address, starting from {@code read} (the NACL as its resolution read it). */
    void deny(NetworkAcl read, List<Item> items) {
        Set<Integer> keep = new HashSet<>();
        List<Item> pending = new ArrayList<>(items);
        int conflicts = 0;
        NetworkAcl acl = read;
        while (acl != null) {
            NaclBatchPlan plan = new NaclBatchPlan(new NaclEntries(acl, settings), naclId, settings, ledger, keep);
            plan.keepAll(pending.stream().map(Item::address).toList());
            for (Iterator<Item> it = pending.iterator(); it.hasNext(); ) {
                Item item = it.next();
                NaclBatchPlan.Decision decision = plan.decide(item.address());
                if (decision.kind() != NaclBatchPlan.Kind.CREATE) {
                    outcomes[item.index()] = answer(item, decision);
                    it.remove();
                    continue;
                }
                AwsServiceException error = write(item, decision);
                if (error == null) {
                    it.remove();
                    continue;
                }
                if (!TAKEN.equals(AwsCallLog.code(error)) || ++conflicts >= MAX_WRITE_ATTEMPTS) {
                    outcomes[item.index()] = item.log().failure(error, "nacl-deny of " + item.address().cidr(),
                            item.facts());
                    it.remove();
                }
                break; // the NACL is not as planned any more: read it again
            }
            acl = pending.isEmpty() ? null : reread(pending);
        }
    }

    /** Removes our entries for every item's address, from one read of the NACL. */
    void remove(NetworkAcl read, List<Item> items) {
        NaclEntries entries = new NaclEntries(read, settings);
        Set<BlockAddress> removed = new HashSet<>();
        for (Item item : items) {
            Map<String, String> facts = item.facts();
            String cidr = item.address().cidr();
            List<NetworkAclEntry> ours = entries.oursFor(item.address());
            if (removed.contains(item.address()) || ours.isEmpty()) {
                facts.put("removed", "false");
                outcomes[item.index()] = item.log().outcome(Outcome.REMOVED, removed.contains(item.address())
                        ? "nothing to remove: " + cidr + " was removed from " + naclId + " by an earlier request of"
                                + " this batch"
                        : "nothing to remove: " + naclId + " holds no block of ours for " + cidr, facts);
                continue;
            }
            try {
                for (NetworkAclEntry entry : ours) {
                    item.log().add(ec2.deleteNetworkAclEntry(r -> r.networkAclId(naclId)
                            .ruleNumber(entry.ruleNumber()).egress(false)));
                }
            } catch (AwsServiceException e) {
                item.log().add(e);
                if (AwsCallLog.retryable(e)) {
                    throw e;
                }
                outcomes[item.index()] = item.log().failure(e, "nacl-deny undo of " + cidr, facts);
                continue;
            }
            removed.add(item.address());
            String rules = String.join(",", ours.stream().map(e -> String.valueOf(e.ruleNumber())).toList());
            facts.put("ruleNumber", rules);
            facts.put("removed", "true");
            outcomes[item.index()] = item.log().outcome(Outcome.REMOVED, "removed the inbound deny of " + cidr
                    + " from " + naclId + " (rule " + rules + ")", facts);
        }
    }

    /** The outcome of a decision that writes nothing. */
    private ActionOutcome answer(Item item, NaclBatchPlan.Decision decision) {
        String evicted = evictions.getOrDefault(item.index(), "");
        if (decision.kind() == NaclBatchPlan.Kind.FAIL) {
            return item.log().outcome(Outcome.FAILED, decision.failure(), item.facts());
        }
        item.facts().put("ruleNumber", String.valueOf(decision.ruleNumber()));
        String earlier = decision.kind() == NaclBatchPlan.Kind.REPEAT ? " (by an earlier request of this batch)" : "";
        return item.log().outcome(evicted.isEmpty() ? Outcome.ALREADY_APPLIED : Outcome.APPLIED,
                item.address().cidr() + " is already denied inbound in " + naclId + " as rule "
                        + decision.ruleNumber() + earlier + evicted, item.facts());
    }

    /** Evicts (if decided) and creates the entry; the permanent AWS error that stopped it, else null. */
    private AwsServiceException write(Item item, NaclBatchPlan.Decision decision) {
        BlockAddress address = item.address();
        Map<String, String> facts = item.facts();
        int number = decision.ruleNumber();
        try {
            NetworkAclEntry victim = decision.evict();
            if (victim != null) {
                item.log().add(ec2.deleteNetworkAclEntry(r -> r.networkAclId(naclId).ruleNumber(victim.ruleNumber())
                        .egress(false)));
                facts.merge("evicted", NaclEntries.canonical(victim), (a, b) -> a + "," + b);
                facts.merge("evictedRule", String.valueOf(victim.ruleNumber()), (a, b) -> a + "," + b);
                evictions.merge(item.index(), "; evicted " + NaclEntries.canonical(victim) + " (rule "
                        + victim.ruleNumber() + ") because " + decision.evictReason(), String::concat);
            }
            item.log().add(ec2.createNetworkAclEntry(r -> {
                r.networkAclId(naclId).ruleNumber(number).egress(false).protocol("-1").ruleAction(RuleAction.DENY);
                if (address.v6()) {
                    r.ipv6CidrBlock(address.cidr());
                } else {
                    r.cidrBlock(address.cidr());
                }
            }));
        } catch (AwsServiceException e) {
            item.log().add(e);
            if (AwsCallLog.retryable(e)) {
                throw e;
            }
            return e;
        }
        facts.put("ruleNumber", String.valueOf(number));
        outcomes[item.index()] = item.log().outcome(Outcome.APPLIED, "denied " + address.cidr() + " inbound in "
                + naclId + " (" + item.how() + ") as rule " + number + evictions.getOrDefault(item.index(), ""), facts);
        return null;
    }

    /** The NACL read again, the call recorded for every pending item; null (their outcomes set) when it is gone. */
    private NetworkAcl reread(List<Item> pending) {
        AwsCallLog read = new AwsCallLog();
        try {
            List<NetworkAcl> acls = new NaclResolver(ec2, read).byId(naclId);
            pending.forEach(item -> item.log().addAll(read));
            if (!acls.isEmpty()) {
                return acls.get(0);
            }
            pending.forEach(item -> outcomes[item.index()] = item.log().outcome(Outcome.FAILED, "NACL " + naclId
                    + " was deleted while " + item.address().cidr() + " was being denied in it", item.facts()));
        } catch (AwsServiceException e) {
            read.add(e);
            pending.forEach(item -> item.log().addAll(read));
            if (AwsCallLog.retryable(e)) {
                throw e;
            }
            pending.forEach(item -> outcomes[item.index()] = item.log().failure(e, "nacl-deny of "
                    + item.address().cidr() + " (reading " + naclId + " again)", item.facts()));
        }
        return null;
    }
}
