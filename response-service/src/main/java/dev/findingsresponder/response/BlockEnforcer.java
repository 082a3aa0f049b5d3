package dev.findingsresponder.response;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.findingsresponder.model.ActionRequest;
import dev.findingsresponder.model.ActionResult.Outcome;
import dev.findingsresponder.response.action.ActionOutcome;
import dev.findingsresponder.response.action.BlockAction;
import dev.findingsresponder.response.action.HostCidr;
import dev.findingsresponder.response.aws.AwsClients;

/**
 * Applies a batch of block requests for one target through the desired state: the intents are written (APPLYING)
 * before the plug-in's one batched AWS pass, and settled after it: ACTIVE where the block is in place, the previous
 * value (or nothing) where it failed. A fault that escapes the plug-in leaves the intents APPLYING on purpose: the
 * write may have happened, so the reconciler (or the retry topic) settles them rather than guessing.
 */
final class BlockEnforcer {

    /** The plug-in fact naming where a block was applied (a {@code BlockLocation} key). */
    static final String LOCATION_FACT = "location";

    private final DesiredState state;
    private final AwsClients clients;
    private final Clock clock;

    BlockEnforcer(DesiredState state, AwsClients clients, Clock clock) {
        this.state = state;
        this.clients = clients;
        this.clock = clock;
    }

    /** Writes the intents of {@code requests}; call once per batch, before {@link #apply}. */
    Map<String, Intent> intend(List<ActionRequest> requests) {
        Instant now = clock.instant();
        Map<String, Intent> intents = new LinkedHashMap<>();
        for (ActionRequest request : requests) {
            Optional<String> cidr = HostCidr.of(request.target().address());
            if (cidr.isEmpty()) {
                continue; // the plug-in answers FAILED for it; nothing to record
            }
            String key = DesiredBlock.keyOf(request.target().key(), cidr.get());
            Intent earlier = intents.get(key);
            Optional<DesiredBlock> before = earlier != null ? earlier.before() : state.get(key);
            intents.put(key, new Intent(before, state.intent(request, cidr.get(), now)));
        }
        state.write(intents.values().stream().map(Intent::block).toList(), List.of());
        return intents;
    }

    /** One batched execution (may throw a retryable AWS fault: the intents then stay as written). */
    List<ActionOutcome> apply(BlockAction plugin, List<ActionRequest> requests) {
        return plugin.executeAll(requests, clients);
    }

    /** Records ACTIVE where a request's block is in place, restores the previous value where none is. */
    void settle(Map<String, Intent> intents, List<ActionRequest> requests, List<ActionOutcome> outcomes) {
        Instant now = clock.instant();
        Map<String, Set<String>> placed = new LinkedHashMap<>();
        for (int i = 0; i < requests.size(); i++) {
            ActionOutcome outcome = outcomes.get(i);
            boolean inPlace = outcome.outcome() == Outcome.APPLIED || outcome.outcome() == Outcome.ALREADY_APPLIED;
            Optional<String> cidr = HostCidr.of(requests.get(i).target().address());
            if (inPlace && cidr.isPresent()) {
                placed.computeIfAbsent(DesiredBlock.keyOf(requests.get(i).target().key(), cidr.get()),
                        k -> new LinkedHashSet<>()).add(outcome.facts().get(LOCATION_FACT));
            }
        }
        Map<String, Optional<DesiredBlock>> evicted = evicted(intents, requests, outcomes, now);
        List<DesiredBlock> upserts = new ArrayList<>();
        List<String> removals = new ArrayList<>();
        evicted.forEach((key, block) -> block.ifPresentOrElse(upserts::add, () -> removals.add(key)));
        intents.forEach((key, intent) -> {
            Set<String> locations = placed.get(key);
            if (locations != null) {
                DesiredBlock block = intent.block();
                for (String location : locations) {
                    block = DesiredState.active(block, location, now);
                }
                upserts.add(block);
            } else if (intent.before().isPresent()) {
                upserts.add(intent.before().get());
            } else {
                removals.add(key);
            }
        });
        state.write(upserts, removals);
    }

    /**
     * The blocks this batch evicted from a full NACL ({@code evicted} facts), without that NACL: an evicted block left
     * ACTIVE there would be reported MISSING and written back by the reconciler, evicting another block in turn.
     * Empty value: the block had no other location and leaves the state. The batch never evicts its own blocks.
     */
    private Map<String, Optional<DesiredBlock>> evicted(Map<String, Intent> intents, List<ActionRequest> requests,
            List<ActionOutcome> outcomes, Instant now) {
        Map<String, Optional<DesiredBlock>> evicted = new LinkedHashMap<>();
        for (int i = 0; i < requests.size(); i++) {
            collectEvicted(state, requests.get(i).target().key(), outcomes.get(i).facts(), intents.keySet(), evicted,
                    now);
        }
        return evicted;
    }

    /**
     * Adds to {@code into} each block one write evicted from a full NACL ({@code evicted} facts: CIDRs,
     * comma-separated), without the write's location; an empty value when that was its last (it leaves the state).
     * Keys in {@code spared} and blocks not in the state are skipped; a block already in {@code into} is taken from
     * there, so a batch collects all its writes in one map. Used for request batches and reconciler write-backs.
     */
    static void collectEvicted(DesiredState state, String targetKey, Map<String, String> facts, Set<String> spared,
            Map<String, Optional<DesiredBlock>> into, Instant now) {
        String victims = facts == null ? null : facts.get("evicted");
        String location = facts == null ? null : facts.get(LOCATION_FACT);
        if (victims == null || victims.isBlank() || location == null) {
            return;
        }
        for (String cidr : victims.split(",")) {
            String key = DesiredBlock.keyOf(targetKey, cidr.trim());
            Optional<DesiredBlock> current = into.containsKey(key) ? into.get(key) : state.get(key);
            if (!spared.contains(key) && current.isPresent()) {
                into.put(key, DesiredState.without(current.get(), location, now));
            }
        }
    }

    /** A block's value before this batch (empty: it did not exist) and the intent written for it. */
    record Intent(Optional<DesiredBlock> before, DesiredBlock block) {
    }
}
