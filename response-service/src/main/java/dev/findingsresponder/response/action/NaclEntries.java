package dev.findingsresponder.response.action;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import software.amazon.awssdk.services.ec2.model.NetworkAcl;
import software.amazon.awssdk.services.ec2.model.NetworkAclEntry;
import software.amazon.awssdk.services.ec2.model.RuleAction;

/**
 * The inbound entries of one NACL as read, and the rules of {@code nacl-deny} over them: which entries are
 * ours, which rule numbers are free, how full each IP version's quota is, and which block to evict.
 *
 * <p>Ours = inbound, numbered inside the configured range, DENY, all protocols ({@code -1}), and one host
 * address ({@code /32} or {@code /128}). Everything else is foreign and is never changed or removed.
 */
final class NaclEntries {

    static final int DEFAULT_RULE_V4 = 32767;
    static final int DEFAULT_RULE_V6 = 32768;

    private final String naclId;
    private final NaclSettings settings;
    private final List<NetworkAclEntry> inbound;
    /**
     * Each inbound entry's CIDR and canonical text, parsed once: a storm's batch decides hundreds of addresses
     * against the same entries, and parsing them again for every address was most of response-service's CPU.
     */
    private final Map<NetworkAclEntry, Optional<BlockAddress.Cidr>> cidrs = new IdentityHashMap<>();
    private final Map<NetworkAclEntry, String> canonicals = new IdentityHashMap<>();

    NaclEntries(NetworkAcl acl, NaclSettings settings) {
        this.naclId = acl.networkAclId();
        this.settings = settings;
        this.inbound = acl.entries().stream().filter(e -> !Boolean.TRUE.equals(e.egress())).toList();
        inbound.forEach(e -> {
            cidrs.put(e, cidr(e));
            canonicals.put(e, canonical(e));
        });
    }

    private Optional<BlockAddress.Cidr> parsed(NetworkAclEntry entry) {
        Optional<BlockAddress.Cidr> cidr = cidrs.get(entry);
        return cidr != null ? cidr : cidr(entry);
    }

    private String canonicalOf(NetworkAclEntry entry) {
        String canonical = canonicals.get(entry);
        return canonical != null ? canonical : canonical(entry);
    }

    static boolean isV6(NetworkAclEntry entry) {
        return entry.ipv6CidrBlock() != null;
    }

    static Optional<BlockAddress.Cidr> cidr(NetworkAclEntry entry) {
        return BlockAddress.Cidr.parse(isV6(entry) ? entry.ipv6CidrBlock() : entry.cidrBlock());
    }

    boolean ours(NetworkAclEntry entry) {
        return entry.ruleNumber() != null && settings.inRange(entry.ruleNumber())
                && entry.ruleAction() == RuleAction.DENY && "-1".equals(entry.protocol())
                && parsed(entry).map(BlockAddress.Cidr::isHost).orElse(false);
    }

    /** Our entries blocking exactly {@code address} (one, unless someone copied ours by hand). */
    List<NetworkAclEntry> oursFor(BlockAddress address) {
        return inbound.stream()
                .filter(e -> ours(e) && parsed(e).map(c -> c.isHost(address)).orElse(false))
                .sorted(Comparator.comparing(NetworkAclEntry::ruleNumber))
                .toList();
    }

    /**
     * Inbound entries of one IP version, all of them (ours and foreign). The default deny rule counts
     * against the quota on AWS; when the read did not return it (moto omits it on custom NACLs, and a NACL
     * of a VPC without IPv6 has no IPv6 one) it is counted anyway, which errs toward evicting early.
     */
    int count(boolean v6) {
        int defaultRule = v6 ? DEFAULT_RULE_V6 : DEFAULT_RULE_V4;
        long others = inbound.stream()
                .filter(e -> isV6(e) == v6 && (e.ruleNumber() == null || e.ruleNumber() != defaultRule))
                .count();
        return (int) others + 1;
    }

    /** Rule numbers of every inbound entry (of either IP version). */
    Set<Integer> numbers() {
        Set<Integer> taken = new HashSet<>();
        inbound.forEach(e -> taken.add(e.ruleNumber()));
        return taken;
    }

    /** Lowest rule number in the range that is not {@code taken}. */
    OptionalInt lowestFree(Set<Integer> taken) {
        for (int n = settings.firstRule(); n <= settings.lastRule(); n++) {
            if (!taken.contains(n)) {
                return OptionalInt.of(n);
            }
        }
        return OptionalInt.empty();
    }

    /**
     * Our block to evict: of the given IP version ({@code null}: either), rule number not in {@code keep}, lowest
     * ledger priority first, then the oldest (unknown time counts as oldest), then the lowest rule number.
     */
    Optional<NetworkAclEntry> evictionCandidate(Boolean v6, BlockLedger ledger, Set<Integer> keep) {
        Comparator<NetworkAclEntry> order = Comparator
                .<NetworkAclEntry>comparingInt(e -> ledger.priority(naclId, canonicalOf(e)))
                .thenComparing(e -> ledger.blockedAt(naclId, canonicalOf(e)).orElse(Instant.MIN))
                .thenComparing(NetworkAclEntry::ruleNumber);
        return inbound.stream().filter(e -> ours(e) && (v6 == null || isV6(e) == v6))
                .filter(e -> !keep.contains(e.ruleNumber())).min(order);
    }

    /**
     * The lowest-numbered inbound ALLOW that matches {@code address} before rule {@code number} would:
     * traffic it allows is never seen by our deny.
     */
    Optional<NetworkAclEntry> allowBefore(BlockAddress address, int number) {
        return inbound.stream()
                .filter(e -> e.ruleAction() == RuleAction.ALLOW && e.ruleNumber() != null && e.ruleNumber() < number)
                .filter(e -> parsed(e).map(c -> c.contains(address)).orElse(false))
                .min(Comparator.comparing(NetworkAclEntry::ruleNumber));
    }

    /**
     * What the NACL holds in our rule range: our blocks (CIDR and rule number) and the foreign entries that
     * take numbers there, described for a person.
     */
    BlockInventory inventory(BlockLocation location) {
        Set<String> blocked = new LinkedHashSet<>();
        Map<String, Integer> numbers = new LinkedHashMap<>();
        List<String> foreign = new ArrayList<>();
        inbound.stream().filter(e -> e.ruleNumber() != null && settings.inRange(e.ruleNumber()))
                .sorted(Comparator.comparing(NetworkAclEntry::ruleNumber))
                .forEach(e -> {
                    if (ours(e)) {
                        blocked.add(canonicalOf(e));
                        numbers.putIfAbsent(canonicalOf(e), e.ruleNumber());
                    } else {
                        foreign.add(describe(e));
                    }
                });
        return new BlockInventory(location, true, blocked, foreign, numbers);
    }

    /** "rule 85 ALLOW tcp 198.51.100.7/32 ports 22-22". */
    static String describe(NetworkAclEntry entry) {
        String ports = entry.portRange() == null || entry.portRange().from() == null ? ""
                : " ports " + entry.portRange().from() + "-" + entry.portRange().to();
        String action = String.valueOf(entry.ruleActionAsString()).toUpperCase(Locale.ROOT);
        return "rule " + entry.ruleNumber() + " " + action + " " + protocol(entry.protocol()) + " " + canonical(entry)
                + ports;
    }

    private static String protocol(String protocol) {
        return switch (protocol == null ? "" : protocol.toLowerCase(Locale.ROOT)) {
            case "-1", "all" -> "all";
            case "6", "tcp" -> "tcp";
            case "17", "udp" -> "udp";
            case "1", "icmp" -> "icmp";
            case "58", "icmpv6" -> "icmpv6";
            default -> "protocol " + protocol;
        };
    }

    /** The entry's CIDR in the form {@code nacl-deny} writes it (IPv6 in RFC 5952 form), else as AWS holds it. */
    static String canonical(NetworkAclEntry entry) {
        return cidr(entry).map(c -> c.network() + "/" + c.prefix())
                .orElse(isV6(entry) ? entry.ipv6CidrBlock() : entry.cidrBlock());
    }
}
