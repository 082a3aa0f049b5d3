package dev.findingsresponder.response.action;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import software.amazon.awssdk.services.ec2.model.NetworkAclEntry;

/**
 * Decides, from one read of a NACL, what {@code nacl-deny} does for each address of a batch, in request order:
 * the rules of a single request ({@link NaclEntries}: rule range, lowest free number, per-IP-version quota with
 * the default rule, shadowing ALLOW, eviction by {@link BlockLedger}), applied to the NACL as the earlier
 * decisions of the batch leave it. Makes no AWS call: {@link NaclBatchWriter} carries the decisions out.
 *
 * <p>No thrash: a block this batch writes, or that is already there for an address the batch asks for
 * ({@code keep}), is never evicted for another address of the same batch; when nothing else can go, that address
 * FAILS. Otherwise a burst larger than the NACL would evict its own first addresses and report them applied
 * although they are gone, or delete a block only to write it again a few requests later. The same address twice
 * gets one entry; the second is a {@link Kind#REPEAT}.
 */
final class NaclBatchPlan {

    enum Kind { PRESENT, REPEAT, CREATE, FAIL }

    /**
     * What to do for one address.
     *
     * @param kind        PRESENT (ours already there), REPEAT (an earlier address of the batch), CREATE, FAIL
     * @param ruleNumber  the entry's number (PRESENT, REPEAT, CREATE; for a REPEAT of a FAIL, 0)
     * @param evict       CREATE: our block to delete first, or null
     * @param evictReason why it is evicted ("the rule range is full")
     * @param failure     FAIL: why, for a person
     */
    record Decision(Kind kind, int ruleNumber, NetworkAclEntry evict, String evictReason, String failure) {

        static Decision fail(String failure) {
            return new Decision(Kind.FAIL, 0, null, null, failure);
        }
    }

    private final NaclEntries entries;
    private final NaclSettings settings;
    private final BlockLedger ledger;
    private final String naclId;
    /** Rule numbers this batch wrote or asks for: never evicted by it. Shared across re-reads of the NACL. */
    private final Set<Integer> keep;
    private final Set<Integer> taken;
    private final Set<Integer> evicted = new HashSet<>();
    private final int[] count = new int[2];
    private final Map<BlockAddress, Decision> decided = new HashMap<>();

    NaclBatchPlan(NaclEntries entries, String naclId, NaclSettings settings, BlockLedger ledger, Set<Integer> keep) {
        this.entries = entries;
        this.naclId = naclId;
        this.settings = settings;
        this.ledger = ledger;
        this.keep = keep;
        this.taken = entries.numbers();
        count[0] = entries.count(false);
        count[1] = entries.count(true);
    }

    /** Keeps our blocks of {@code addresses} (all the batch still asks for) from being evicted for the others. */
    void keepAll(Collection<BlockAddress> addresses) {
        addresses.forEach(a -> entries.oursFor(a).forEach(e -> keep.add(e.ruleNumber())));
    }

    /** The decision for the next address of the batch; the plan then holds the NACL as it will be after it. */
    Decision decide(BlockAddress address) {
        Decision earlier = decided.get(address);
        if (earlier != null) {
            return earlier.kind() == Kind.FAIL ? earlier
                    : new Decision(Kind.REPEAT, earlier.ruleNumber(), null, null, null);
        }
        Decision decision = decideNew(address);
        decided.put(address, decision);
        return decision;
    }

    private Decision decideNew(BlockAddress address) {
        List<NetworkAclEntry> existing = entries.oursFor(address).stream()
                .filter(e -> !evicted.contains(e.ruleNumber())).toList();
        if (!existing.isEmpty()) {
            existing.forEach(e -> keep.add(e.ruleNumber()));
            return new Decision(Kind.PRESENT, existing.get(0).ruleNumber(), null, null, null);
        }
        boolean v6 = address.v6();
        String version = v6 ? "IPv6" : "IPv4";
        boolean quotaFull = count[v6 ? 1 : 0] + 1 > settings.maxEntriesPerDirection();
        boolean rangeFull = entries.lowestFree(taken).isEmpty();
        Optional<NetworkAclEntry> evict = Optional.empty();
        String reason = quotaFull ? "the NACL holds " + settings.maxEntriesPerDirection() + " inbound " + version
                + " rules" : "the rule range is full";
        if (quotaFull || rangeFull) {
            Set<Integer> spared = new HashSet<>(keep);
            spared.addAll(evicted);
            evict = entries.evictionCandidate(quotaFull ? v6 : null, ledger, spared);
            if (evict.isEmpty()) {
                return Decision.fail(full(quotaFull, version));
            }
        }
        Set<Integer> free = new HashSet<>(taken);
        evict.ifPresent(e -> free.remove(e.ruleNumber()));
        OptionalInt lowest = entries.lowestFree(free);
        int number = lowest.getAsInt();
        // NACL rules are evaluated lowest number first: traffic an earlier ALLOW matches never meets our deny
        Optional<NetworkAclEntry> allow = entries.allowBefore(address, number);
        if (allow.isPresent()) {
            String what = "-1".equals(allow.get().protocol()) ? "allows all traffic from "
                    + NaclEntries.canonical(allow.get()) : "allows traffic from " + address.cidr() + " ("
                    + NaclEntries.describe(allow.get()) + ")";
            return Decision.fail("rule " + allow.get().ruleNumber() + " of " + naclId + " " + what + " before a deny"
                    + " at " + number + " could match, so the block would not hold: move the rule range "
                    + settings.firstRule() + "-" + settings.lastRule() + " below it");
        }
        evict.ifPresent(e -> {
            evicted.add(e.ruleNumber());
            taken.remove(e.ruleNumber());
            count[NaclEntries.isV6(e) ? 1 : 0]--;
        });
        taken.add(number);
        count[v6 ? 1 : 0]++;
        keep.add(number);
        return new Decision(Kind.CREATE, number, evict.orElse(null), evict.isPresent() ? reason : null, null);
    }

    /** Why nothing can be written: no block of ours at all, or only blocks this batch keeps. */
    private String full(boolean quotaFull, String version) {
        if (keep.isEmpty()) {
            return quotaFull
                    ? "NACL " + naclId + " is full (" + settings.maxEntriesPerDirection() + " inbound " + version
                            + " rules) and holds no block of ours to evict"
                    : "rule range " + settings.firstRule() + "-" + settings.lastRule() + " of NACL " + naclId
                            + " is full and holds no block of ours to evict";
        }
        String what = quotaFull ? settings.maxEntriesPerDirection() + " inbound " + version + " rules"
                : "no free number in rule range " + settings.firstRule() + "-" + settings.lastRule();
        return "NACL " + naclId + " is full: " + what + ", and every block of ours left in it was written or asked"
                + " for by this batch, which never evicts its own";
    }
}
