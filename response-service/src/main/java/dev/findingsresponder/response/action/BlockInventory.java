package dev.findingsresponder.response.action;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one {@link BlockLocation} holds now, as read from AWS in one call, for a reconciler to compare with
 * the blocks that should be there.
 *
 * @param location    where it was read
 * @param exists      false when the NACL or IP set does not exist (any more); everything else is then empty
 * @param blocked     host CIDRs of our blocks present, in the form the plug-in writes them ({@code a.b.c.d/32},
 *                    RFC 5952 {@code /128}): for a NACL the entries {@code nacl-deny} counts as its own; for an IP
 *                    set every host CIDR in it, since the owner of an entry in a set cannot be told
 * @param foreign     NACL only: inbound entries numbered inside our rule range that are not ours, readably
 *                    ("rule 85 ALLOW tcp 198.51.100.7/32 ports 22-22"); they take numbers and quota, and may
 *                    shadow our denies. Empty for an IP set
 * @param ruleNumbers NACL only: rule number of each blocked CIDR (the lowest when it is there twice); empty for
 *                    an IP set
 */
public record BlockInventory(BlockLocation location, boolean exists, Set<String> blocked, List<String> foreign,
                             Map<String, Integer> ruleNumbers) {

    public BlockInventory {
        blocked = blocked == null ? Set.of() : Collections.unmodifiableSet(new LinkedHashSet<>(blocked));
        foreign = foreign == null ? List.of() : List.copyOf(foreign);
        ruleNumbers = ruleNumbers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(ruleNumbers));
    }

    /** The NACL or IP set is gone. */
    public static BlockInventory missing(BlockLocation location) {
        return new BlockInventory(location, false, Set.of(), List.of(), Map.of());
    }
}
