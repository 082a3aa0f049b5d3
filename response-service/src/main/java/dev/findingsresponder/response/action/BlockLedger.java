package dev.findingsresponder.response.action;

import java.time.Instant;
import java.util.Optional;

/**
 * What the response service knows about the blocks in a NACL, for choosing which block to evict when the
 * NACL is full: AWS keeps no timestamp or owner on a NACL entry, so age and importance have to come from
 * our own records (the desired-state table).
 *
 * <p>Eviction takes our block with the lowest {@link #priority}, then the oldest {@link #blockedAt}
 * (a block the ledger has no time for counts as oldest: it is one we no longer track), then the lowest
 * rule number. {@link #NONE} knows nothing, so it evicts our block with the lowest rule number.
 */
public interface BlockLedger {

    /** Knows no block: every priority is 0 and no time is known. */
    BlockLedger NONE = new BlockLedger() {
        @Override
        public Optional<Instant> blockedAt(String naclId, String cidr) {
            return Optional.empty();
        }

        @Override
        public int priority(String naclId, String cidr) {
            return 0;
        }
    };

    /** When the block of {@code cidr} in {@code naclId} was made, if known. */
    Optional<Instant> blockedAt(String naclId, String cidr);

    /** How much the block is worth keeping (e.g. the finding's score); higher is kept longer. */
    int priority(String naclId, String cidr);
}
