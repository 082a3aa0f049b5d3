package dev.findingsresponder.response;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.findingsresponder.model.ActionRequest;
import dev.findingsresponder.response.action.BlockLedger;

/**
 * The blocks the service wants in place, with their expiry: an in-memory view of {@code response.state} that every
 * change is written through ({@link StateLog}) before it counts. Rebuilt from the log on start ({@link #load});
 * nothing may be enforced before that ({@link #awaitLoaded}), or a restart would forget the blocks to expire.
 *
 * <p>Also the {@link BlockLedger} of nacl-deny: eviction takes the lowest priority (score), then the oldest block.
 */
public final class DesiredState implements BlockLedger {

    private final StateLog log;
    private final Duration defaultTtl;
    private final Duration maxTtl;
    private final Map<String, DesiredBlock> blocks = new ConcurrentHashMap<>();
    private final CountDownLatch loaded = new CountDownLatch(1);

    /**
     * @param defaultTtl a block's lifetime when its request carries none
     * @param maxTtl     the longest lifetime any request may ask for
     */
    public DesiredState(StateLog log, Duration defaultTtl, Duration maxTtl) {
        this.log = log;
        this.defaultTtl = defaultTtl;
        this.maxTtl = maxTtl;
    }

    /** Reads every recorded block; until it returns, {@link #awaitLoaded} waits. */
    public void load() {
        for (DesiredBlock block : log.readAll()) {
            blocks.put(block.key(), block);
        }
        loaded.countDown();
    }

    public boolean isLoaded() {
        return loaded.getCount() == 0;
    }

    /** Waits for {@link #load}; throws when it did not finish in time (the caller's record is then redelivered). */
    public void awaitLoaded(Duration timeout) {
        try {
            if (!loaded.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("desired state not loaded from response.state within " + timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the desired state", e);
        }
    }

    public Optional<DesiredBlock> get(String key) {
        return Optional.ofNullable(blocks.get(key));
    }

    /** All blocks, soonest expiry first. */
    public List<DesiredBlock> all() {
        List<DesiredBlock> all = new ArrayList<>(blocks.values());
        all.sort(Comparator.comparing(DesiredBlock::expiresAt).thenComparing(DesiredBlock::key));
        return all;
    }

    /** Blocks whose expiry has come. */
    public List<DesiredBlock> due(Instant now) {
        return all().stream().filter(b -> b.expired(now)).toList();
    }

    /** Active and applying blocks per target key, for the gauge. */
    public long countFor(String targetKey) {
        return blocks.values().stream().filter(b -> b.targetKey().equals(targetKey)).count();
    }

    public Set<String> targetKeys() {
        Set<String> keys = new LinkedHashSet<>();
        blocks.values().forEach(b -> keys.add(b.targetKey()));
        return keys;
    }

    /**
     * The intent for {@code request} (not yet written): a new APPLYING block, or the existing one with its expiry
     * extended (never shortened), its priority raised and the latest request's reason.
     */
    public DesiredBlock intent(ActionRequest request, String cidr, Instant now) {
        String key = DesiredBlock.keyOf(request.target().key(), cidr);
        Duration ttl = request.ttl() == null || request.ttl().isNegative() || request.ttl().isZero()
                ? defaultTtl : request.ttl();
        if (ttl.compareTo(maxTtl) > 0) {
            ttl = maxTtl;
        }
        Instant expiresAt = now.plus(ttl);
        int priority = request.score() == null ? 0 : request.score().value();
        String findingId = request.finding() == null ? null : request.finding().id();
        DesiredBlock existing = blocks.get(key);
        if (existing == null) {
            return new DesiredBlock(key, request.action(), request.target().key(), cidr, DesiredBlock.Status.APPLYING,
                    Set.of(), request, findingId, request.playbook(), request.reason(), priority, now, expiresAt, now);
        }
        Instant later = expiresAt.isAfter(existing.expiresAt()) ? expiresAt : existing.expiresAt();
        DesiredBlock.Status status = existing.status();
        return new DesiredBlock(key, existing.action(), existing.targetKey(), cidr, status, existing.locations(),
                request, findingId == null ? existing.findingId() : findingId, request.playbook(), request.reason(),
                Math.max(priority, existing.priority()), existing.blockedAt(), later, now);
    }

    /** Writes the blocks and tombstones the keys, durably, then updates the view. */
    public void write(Collection<DesiredBlock> upserts, Collection<String> removedKeys) {
        if (upserts.isEmpty() && removedKeys.isEmpty()) {
            return;
        }
        log.write(upserts, removedKeys);
        upserts.forEach(b -> blocks.put(b.key(), b));
        removedKeys.forEach(blocks::remove);
    }

    /** {@code block} ACTIVE at {@code location}, without the embedded finding. */
    public static DesiredBlock active(DesiredBlock block, String location, Instant now) {
        Set<String> locations = new LinkedHashSet<>(block.locations());
        if (location != null) {
            locations.add(location);
        }
        return block.with(DesiredBlock.Status.ACTIVE, locations, slim(block.request()), now);
    }

    /** {@code block} without {@code location}; empty when it was its last one. */
    public static Optional<DesiredBlock> without(DesiredBlock block, String location, Instant now) {
        Set<String> locations = new LinkedHashSet<>(block.locations());
        locations.remove(location);
        return locations.isEmpty() ? Optional.empty()
                : Optional.of(block.with(block.status(), locations, block.request(), now));
    }

    static ActionRequest slim(ActionRequest r) {
        return r == null || r.finding() == null ? r : new ActionRequest(r.requestId(), r.action(), r.params(),
                r.target(), r.mode(), r.ttl(), r.playbook(), r.reason(), r.requestedAt(), null, r.score());
    }

    @Override
    public Optional<Instant> blockedAt(String naclId, String cidr) {
        return atNacl(naclId, cidr).map(DesiredBlock::blockedAt);
    }

    @Override
    public int priority(String naclId, String cidr) {
        return atNacl(naclId, cidr).map(DesiredBlock::priority).orElse(0);
    }

    private Optional<DesiredBlock> atNacl(String naclId, String cidr) {
        String suffix = ":" + naclId;
        return blocks.values().stream()
                .filter(b -> b.cidr().equals(cidr) && b.locations().stream().anyMatch(l -> l.endsWith(suffix)))
                .findFirst();
    }
}
