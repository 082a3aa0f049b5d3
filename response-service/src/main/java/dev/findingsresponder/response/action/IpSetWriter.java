package dev.findingsresponder.response.action;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;

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
 * {@code WAFOptimisticLockException}: the set is read again and the write retried after a jittered
 * exponential backoff ({@link WafSettings}); after the last attempt the exception propagates.
 *
 * <p>Entries are compared by value ({@link BlockAddress}): only an entry that is exactly the host CIDR of
 * an address counts as its block and is removed by undo; wider ranges that happen to contain it are
 * someone else's and stay. Entries of other writers are written back exactly as read.
 */
final class IpSetWriter {

    enum Status { CHANGED, UNCHANGED, FULL, WRONG_VERSION }

    /** Where an IP set is. */
    record IpSetRef(String name, String id, Scope scope) {
    }

    /**
     * What a write did.
     *
     * @param status        CHANGED; UNCHANGED (all present / all absent already); FULL (adding would pass the cap,
     *                      nothing written); WRONG_VERSION (an address of the other IP version, nothing written)
     * @param changed       host CIDRs added or removed
     * @param size          addresses in the set after the write (as read when nothing was written)
     * @param version       the set's IP version
     * @param updateCalls   UpdateIPSet calls made
     * @param lockConflicts how many of them lost to another writer
     */
    record Result(Status status, List<String> changed, int size, IPAddressVersion version, int updateCalls,
                  int lockConflicts) {
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
            if (addresses.stream().anyMatch(a -> a.v6() != (version == IPAddressVersion.IPV6))) {
                return new Result(Status.WRONG_VERSION, List.of(), current.size(), version, updates, conflicts);
            }
            List<String> next = new ArrayList<>(current);
            List<String> changed = new ArrayList<>();
            if (add) {
                for (BlockAddress address : addresses) {
                    if (current.stream().noneMatch(entry -> isHostOf(entry, address))) {
                        next.add(address.cidr());
                        changed.add(address.cidr());
                    }
                }
                if (!changed.isEmpty() && next.size() > settings.maxAddresses()) {
                    return new Result(Status.FULL, List.of(), current.size(), version, updates, conflicts);
                }
            } else {
                for (String entry : current) {
                    if (addresses.stream().anyMatch(address -> isHostOf(entry, address))) {
                        next.remove(entry);
                        changed.add(entry);
                    }
                }
            }
            if (changed.isEmpty()) {
                return new Result(Status.UNCHANGED, List.of(), current.size(), version, updates, conflicts);
            }
            updates++;
            try {
                log.add(waf.updateIPSet(r -> r.name(set.name()).id(set.id()).scope(set.scope())
                        .description(ipSet.description()).addresses(next).lockToken(read.lockToken())));
                return new Result(Status.CHANGED, changed, next.size(), version, updates, conflicts);
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

    private static boolean isHostOf(String entry, BlockAddress address) {
        return BlockAddress.Cidr.parse(entry).map(c -> c.isHost(address)).orElse(false);
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
