package dev.findingsresponder.response;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import org.jboss.logging.Logger;

import dev.findingsresponder.model.ActionRequest;
import dev.findingsresponder.model.ActionResult;
import dev.findingsresponder.model.ActionResult.Outcome;
import dev.findingsresponder.response.action.ActionOutcome;
import dev.findingsresponder.response.action.ActionRegistry;
import dev.findingsresponder.response.action.BlockAction;
import dev.findingsresponder.response.action.BlockInventory;
import dev.findingsresponder.response.action.BlockLocation;
import dev.findingsresponder.response.aws.AwsClients;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Drives AWS toward the desired state: removes expired blocks, settles interrupted writes, and compares every NACL
 * and IP set that should hold a block with what it holds (one read each).
 *
 * <ul>
 *   <li>MISSING (removed by hand): written again when {@code repair} is on, else reported.</li>
 *   <li>UNKNOWN (a deny of one host inside our NACL rule range with no desired block) and FOREIGN (any other entry
 *       in the range): reported, never deleted. Our own writes are recorded before they are made, so such an entry
 *       was put there by someone else, and deleting a deny would open traffic that person meant to stop.</li>
 *   <li>INTERRUPTED (an APPLYING intent older than the grace period: the service stopped between recording and
 *       confirming the write): the request is run again, which is idempotent: an entry that is there is adopted
 *       (ACTIVE), one that is not is made; a permanent failure drops the intent.</li>
 *   <li>GONE (the NACL or IP set was deleted): the location is dropped from the block, and reported.</li>
 * </ul>
 * Every removal and repair is an {@link ActionResult} handed to the sink ({@code actions.results}).
 *
 * <p>Writes pass the {@link WriteBackGate}: with the kill switch on or in global dry run nothing is written (expiry
 * waits, drift is only reported), and a block whose address the guardrails now refuse is never written back.
 * An operator's explicit unblock still runs.
 */
public final class Reconciler {

    private static final Logger LOG = Logger.getLogger(Reconciler.class);

    private final DesiredState state;
    private final ActionRegistry registry;
    private final AwsClients clients;
    private final TargetLocks locks;
    private final MeterRegistry meters;
    private final Clock clock;
    private final boolean repair;
    private final Duration applyingGrace;
    private final Consumer<ActionResult> sink;
    private final WriteBackGate gate;
    private volatile ReconcileReport last;

    public Reconciler(DesiredState state, ActionRegistry registry, AwsClients clients, TargetLocks locks,
            MeterRegistry meters, Clock clock, boolean repair, Duration applyingGrace, Consumer<ActionResult> sink,
            WriteBackGate gate) {
        this.state = state;
        this.registry = registry;
        this.clients = clients;
        this.locks = locks;
        this.meters = meters;
        this.clock = clock;
        this.repair = repair;
        this.applyingGrace = applyingGrace;
        this.sink = sink;
        this.gate = gate;
    }

    public Optional<ReconcileReport> lastReport() {
        return Optional.ofNullable(last);
    }

    /** Removes every block whose time is up: EXPIRED, then REMOVED per location. Returns how many went. */
    public int expireDue() {
        Optional<String> halted = gate.halted();
        if (halted.isPresent()) {
            LOG.debugf("expiry waits: %s", halted.get());
            return 0;
        }
        Instant now = clock.instant();
        List<DesiredBlock> due = state.due(now);
        return remove(due, b -> "block of " + b.cidr() + " expired at " + b.expiresAt() + " (playbook "
                + b.playbook() + ")", true);
    }

    /**
     * Removes the blocks of {@code address} now, everywhere or only for {@code targetKey}; REMOVED results say who.
     * Empty when no block of that address is desired.
     */
    public List<DesiredBlock> unblock(String cidr, Optional<String> targetKey, String who) {
        List<DesiredBlock> matching = state.all().stream()
                .filter(b -> b.cidr().equals(cidr) && targetKey.map(k -> k.equals(b.targetKey())).orElse(true))
                .toList();
        remove(matching, b -> "unblocked by " + who, false);
        return matching;
    }

    private int remove(List<DesiredBlock> blocks, java.util.function.Function<DesiredBlock, String> why,
            boolean expired) {
        int removed = 0;
        for (DesiredBlock block : blocks) {
            Optional<BlockAction> plugin = blockAction(block.action());
            if (plugin.isEmpty()) {
                continue;
            }
            removed += locks.with(block.targetKey(), () -> removeOne(block, plugin.get(), why.apply(block), expired));
        }
        return removed;
    }

    private int removeOne(DesiredBlock current, BlockAction plugin, String why, boolean expired) {
        DesiredBlock block = state.get(current.key()).orElse(null);
        if (block == null || (expired && !block.expired(clock.instant()))) {
            return 0; // removed meanwhile, or extended by a repeat since it was listed
        }
        Instant started = clock.instant();
        if (expired) {
            sink.accept(result(block, Outcome.EXPIRED, why, List.of(), Map.of(), started));
        }
        DesiredBlock remaining = block;
        for (String location : block.locations()) {
            Optional<BlockLocation> where = BlockLocation.parse(location);
            if (where.isEmpty()) {
                continue;
            }
            try {
                ActionOutcome outcome = plugin.undoAll(List.of(block.requestAt(where.get())), clients).get(0);
                if (outcome.outcome() != Outcome.REMOVED) {
                    LOG.warnf("removing %s from %s failed (tried again next time): %s", block.cidr(), location,
                            outcome.detail());
                    continue;
                }
                sink.accept(result(block, Outcome.REMOVED, why + ": " + outcome.detail(), outcome.awsRequestIds(),
                        outcome.facts(), started));
                remaining = DesiredState.without(remaining, location, clock.instant()).orElse(null);
                if (remaining == null) {
                    break;
                }
            } catch (RuntimeException e) {
                LOG.warnf("removing %s from %s failed (tried again next time): %s", block.cidr(), location,
                        RetryPolicy.describe(e));
            }
        }
        if (remaining == null || remaining.locations().isEmpty()) {
            state.write(List.of(), List.of(block.key()));
            meters.counter("response.blocks.removed", "reason", expired ? "expired" : "unblocked").increment();
            return 1;
        }
        state.write(List.of(remaining), List.of());
        return 0;
    }

    /** One pass: expiry, interrupted intents, then every location compared with AWS. */
    public synchronized ReconcileReport reconcile() {
        Instant started = clock.instant();
        int expired = expireDue();
        List<ReconcileReport.Drift> drift = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        settleInterrupted(drift, errors);
        Map<String, List<DesiredBlock>> byLocation = new LinkedHashMap<>();
        List<DesiredBlock> active = state.all().stream().filter(b -> b.status() == DesiredBlock.Status.ACTIVE).toList();
        active.forEach(b -> b.locations().forEach(l -> byLocation.computeIfAbsent(l, k -> new ArrayList<>()).add(b)));
        byLocation.forEach((location, blocks) -> {
            try {
                locks.with(blocks.get(0).targetKey(), () -> compare(location, blocks, drift));
            } catch (RuntimeException e) {
                errors.add(location + ": " + RetryPolicy.describe(e));
            }
        });
        drift.forEach(d -> meters.counter("response.reconcile.drift", "kind", d.kind()).increment());
        ReconcileReport report = new ReconcileReport(started, clock.instant(), active.size(), byLocation.size(),
                expired, List.copyOf(drift), List.copyOf(errors));
        if (!drift.isEmpty() || !errors.isEmpty()) {
            LOG.warnf("reconcile: %d drift(s) %s, %d error(s) %s", drift.size(), drift, errors.size(), errors);
        }
        last = report;
        return report;
    }

    private Void compare(String location, List<DesiredBlock> blocks, List<ReconcileReport.Drift> drift) {
        Optional<BlockLocation> where = BlockLocation.parse(location);
        Optional<BlockAction> plugin = blockAction(blocks.get(0).action());
        if (where.isEmpty() || plugin.isEmpty()) {
            return null;
        }
        BlockInventory inventory = plugin.get().inventory(where.get(), clients);
        Instant now = clock.instant();
        if (!inventory.exists()) {
            for (DesiredBlock block : blocks) {
                state.get(block.key()).ifPresent(b -> {
                    Optional<DesiredBlock> rest = DesiredState.without(b, location, now);
                    state.write(rest.map(List::of).orElse(List.of()), rest.isPresent() ? List.of() : List.of(b.key()));
                });
                drift.add(new ReconcileReport.Drift("GONE", location, block.cidr(),
                        "DROPPED: the location no longer exists, so the block is no longer desired there"));
            }
            return null;
        }
        Set<String> desired = new LinkedHashSet<>();
        for (DesiredBlock block : blocks) {
            desired.add(block.cidr());
            if (!inventory.blocked().contains(block.cidr())) {
                drift.add(new ReconcileReport.Drift("MISSING", location, block.cidr(), repair
                        ? repairOne(block, where.get(), plugin.get()) : "REPORTED: repair is off"));
            }
        }
        if ("nacl".equals(where.get().kind())) {
            inventory.blocked().stream().filter(c -> !desired.contains(c)).forEach(c -> drift.add(
                    new ReconcileReport.Drift("UNKNOWN", location, c, "REPORTED: no desired block explains it; "
                            + "left in place (a person may have added it)")));
        }
        inventory.foreign().forEach(entry -> drift.add(new ReconcileReport.Drift("FOREIGN", location, null,
                "REPORTED: " + entry + " sits inside our rule range")));
        return null;
    }

    private String repairOne(DesiredBlock block, BlockLocation location, BlockAction plugin) {
        Instant started = clock.instant();
        ActionRequest request = block.requestAt(location);
        Optional<WriteBackGate.Refusal> refusal = gate.refusal(request);
        if (refusal.isPresent()) {
            return "NOT REPAIRED (" + refusal.get().outcome() + "): " + refusal.get().why();
        }
        ActionOutcome outcome = plugin.executeAll(List.of(request), clients).get(0);
        forgetEvicted(block, outcome);
        sink.accept(result(block, outcome.outcome(), "reconciler repaired drift (" + block.cidr() + " was missing from "
                + location.key() + "): " + outcome.detail(), outcome.awsRequestIds(), outcome.facts(), started));
        return outcome.outcome() == Outcome.APPLIED || outcome.outcome() == Outcome.ALREADY_APPLIED
                ? "REPAIRED: " + outcome.detail() : "FAILED: " + outcome.detail();
    }

    private void settleInterrupted(List<ReconcileReport.Drift> drift, List<String> errors) {
        Instant cutoff = clock.instant().minus(applyingGrace);
        for (DesiredBlock intent : state.all()) {
            if (intent.status() != DesiredBlock.Status.APPLYING || intent.updatedAt().isAfter(cutoff)) {
                continue;
            }
            Optional<BlockAction> plugin = blockAction(intent.action());
            if (plugin.isEmpty() || intent.request() == null) {
                continue;
            }
            try {
                locks.with(intent.targetKey(), () -> settleOne(intent, plugin.get(), drift));
            } catch (RuntimeException e) {
                errors.add(intent.key() + ": " + RetryPolicy.describe(e));
            }
        }
    }

    private Void settleOne(DesiredBlock intent, BlockAction plugin, List<ReconcileReport.Drift> drift) {
        Optional<DesiredBlock> current = state.get(intent.key());
        if (current.isEmpty() || current.get().status() != DesiredBlock.Status.APPLYING) {
            return null;
        }
        Optional<WriteBackGate.Refusal> refusal = gate.refusal(intent.request());
        if (refusal.isPresent()) {
            drift.add(new ReconcileReport.Drift("INTERRUPTED", null, intent.cidr(), "HELD ("
                    + refusal.get().outcome() + "): " + refusal.get().why() + "; the intent stays, nothing written"));
            return null;
        }
        Instant started = clock.instant();
        ActionOutcome outcome = plugin.executeAll(List.of(intent.request()), clients).get(0);
        forgetEvicted(intent, outcome);
        boolean inPlace = outcome.outcome() == Outcome.APPLIED || outcome.outcome() == Outcome.ALREADY_APPLIED;
        if (inPlace) {
            state.write(List.of(DesiredState.active(current.get(), outcome.facts().get(BlockEnforcer.LOCATION_FACT),
                    clock.instant())), List.of());
        } else {
            state.write(List.of(), List.of(intent.key()));
        }
        String location = outcome.facts().get(BlockEnforcer.LOCATION_FACT);
        drift.add(new ReconcileReport.Drift("INTERRUPTED", location, intent.cidr(), inPlace
                ? (outcome.outcome() == Outcome.ALREADY_APPLIED ? "ADOPTED: " : "REPAIRED: ") + outcome.detail()
                : "DROPPED: " + outcome.detail()));
        sink.accept(result(intent, outcome.outcome(), "reconciler settled an interrupted write: " + outcome.detail(),
                outcome.awsRequestIds(), outcome.facts(), started));
        return null;
    }

    /**
     * Blocks a write-back evicted from a full NACL ({@code evicted} facts) leave that NACL in the desired state, as
     * evictions by requests do ({@link BlockEnforcer}): left ACTIVE there, the next pass would report them MISSING and
     * write them back in turn, evicting another block each time.
     */
    private void forgetEvicted(DesiredBlock written, ActionOutcome outcome) {
        Map<String, Optional<DesiredBlock>> evicted = new LinkedHashMap<>();
        BlockEnforcer.collectEvicted(state, written.targetKey(), outcome.facts(), Set.of(written.key()), evicted,
                clock.instant());
        if (evicted.isEmpty()) {
            return;
        }
        List<DesiredBlock> upserts = new ArrayList<>();
        List<String> removals = new ArrayList<>();
        evicted.forEach((key, block) -> block.ifPresentOrElse(upserts::add, () -> removals.add(key)));
        state.write(upserts, removals);
    }

    private Optional<BlockAction> blockAction(String name) {
        return registry.find(name).filter(BlockAction.class::isInstance).map(BlockAction.class::cast);
    }

    private ActionResult result(DesiredBlock block, Outcome outcome, String detail, List<String> awsRequestIds,
            Map<String, String> facts, Instant started) {
        ActionRequest r = block.request();
        return new ActionResult(r == null ? block.key() : r.requestId(), block.action(),
                r == null ? null : r.target(), outcome, detail, awsRequestIds, facts, block.findingId(),
                block.playbook(), started, clock.instant());
    }
}
