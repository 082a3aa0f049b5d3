package dev.findingsresponder.response.action;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import software.amazon.awssdk.services.wafv2.Wafv2Client;
import software.amazon.awssdk.services.wafv2.model.GetIpSetResponse;
import software.amazon.awssdk.services.wafv2.model.IPAddressVersion;
import software.amazon.awssdk.services.wafv2.model.IPSet;
import software.amazon.awssdk.services.wafv2.model.Scope;
import software.amazon.awssdk.services.wafv2.model.WafOptimisticLockException;

/**
 * Adds or removes any number of host addresses in one WAFv2 IP set with one read-modify-write:
 * GetIPSet (addresses + LockToken), UpdateIPSet with the complete list (and the set's description, which
 * UpdateIPSet would otherwise clear). When another writer changed the set in between, AWS answers
 * {@code WAFOptimisticLockException}: the set is read again, every address decided again from that read, and
 * the write retried after a jittered exponential backoff ({@link WafSettings}); after the last attempt the
 * exception propagates.
 *
 * <p>Each address is decided on its own, so one bad address does not hold back a batch: one of the set's other
 * IP version is refused, and when the set reaches {@link WafSettings#maxAddresses()} the addresses that do not
 * fit (in the order given) are refused while the ones before them are written.
 *
 * <p>Entries are compared by value ({@link BlockAddress}): only an entry that is exactly the host CIDR of
 * an address counts as its block and is removed by undo; wider ranges that happen to contain it are
 * someone else's and stay. Entries of other writers are written back exactly as read.
 */
final class IpSetWriter {

    /** What became of one address. */
    enum Status { ADDED, PRESENT, FULL, WRONG_VERSION, REMOVED, ABSENT }

    /** Where an IP set is. */
    record IpSetRef(String name, String id, Scope scope) {
    }

    /**
     * What a write did.
     *
     * @param statuses      each distinct address given, in order, and what became of it
     * @param changed       entries added or removed (removed ones as the set held them)
     * @param size          addresses in the set after the write (as read when nothing was written)
     * @param version       the set's IP version
     * @param updateCalls   UpdateIPSet calls made (0 when nothing changed)
     * @param lockConflicts how many of them lost to another writer
     */
    record Result(Map<BlockAddress, Status> statuses, List<String> changed, int size, IPAddressVersion version,
                  int updateCalls, int lockConflicts) {
    }

    private final Wafv2Client waf;
    private final WafSettings settings;
    private final AwsCallLog log;

    IpSetWriter(Wafv2Client waf, WafSettings settings, AwsCallLog log) {
        this.waf = waf;
        this.settings = settings;
        this.log = log;
    }

    Result addAll(IpSetRef set, Collection<BlockAddress> addresses) {
        return write(set, new LinkedHashSet<>(addresses), true);
    }

    Result removeAll(IpSetRef set, Collection<BlockAddress> addresses) {
        return write(set, new LinkedHashSet<>(addresses), false);
    }

    private Result write(IpSetRef set, Collection<BlockAddress> addresses, boolean add) {
        int updates = 0;
        int conflicts = 0;
        for (int attempt = 1; ; attempt++) {
            GetIpSetResponse read = log.add(waf.getIPSet(r -> r.name(set.name()).id(set.id()).scope(set.scope())));
            IPSet ipSet = read.ipSet();
            IPAddressVersion version = ipSet.ipAddressVersion();
            List<String> current = ipSet.addresses();
            Map<BlockAddress, Status> statuses = new LinkedHashMap<>();
            List<String> next = new ArrayList<>(current);
            List<String> changed = new ArrayList<>();
            if (add) {
                Set<BlockAddress> present = new HashSet<>();
                current.forEach(entry -> host(entry).ifPresent(present::add));
                for (BlockAddress address : addresses) {
                    Status status = address.v6() != (version == IPAddressVersion.IPV6) ? Status.WRONG_VERSION
                            : present.contains(address) ? Status.PRESENT
                            : next.size() >= settings.maxAddresses() ? Status.FULL : Status.ADDED;
                    statuses.put(address, status);
                    if (status == Status.ADDED) {
                        next.add(address.cidr());
                        changed.add(address.cidr());
                    }
                }
            } else {
                Set<BlockAddress> found = new HashSet<>();
                next.clear();
                for (String entry : current) {
                    Optional<BlockAddress> match = host(entry).filter(addresses::contains);
                    match.ifPresentOrElse(found::add, () -> next.add(entry));
                    match.ifPresent(m -> changed.add(entry));
                }
                for (BlockAddress address : addresses) {
                    statuses.put(address, address.v6() != (version == IPAddressVersion.IPV6) ? Status.WRONG_VERSION
                            : found.contains(address) ? Status.REMOVED : Status.ABSENT);
                }
            }
            if (changed.isEmpty()) {
                return new Result(statuses, List.of(), current.size(), version, updates, conflicts);
            }
            updates++;
            try {
                log.add(waf.updateIPSet(r -> r.name(set.name()).id(set.id()).scope(set.scope())
                        .description(ipSet.description()).addresses(next).lockToken(read.lockToken())));
                return new Result(statuses, changed, next.size(), version, updates, conflicts);
            } catch (WafOptimisticLockException e) {
                conflicts++;
                if (attempt >= settings.maxAttempts()) {
                    throw e; // the caller records it
                }
                log.add(e);
                sleep(settings.backoff(attempt));
            }
        }
    }

    /** The host address an entry blocks exactly; empty for a wider range or an unreadable entry. */
    private static Optional<BlockAddress> host(String entry) {
        return BlockAddress.Cidr.parse(entry).filter(BlockAddress.Cidr::isHost).map(BlockAddress.Cidr::network);
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while backing off from a WAF lock conflict", e);
        }
    }
}
