package dev.findingsresponder.model.drill;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.findingsresponder.model.Hashes;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Generates realistic EventBridge "GuardDuty Finding" events marked as samples, like GuardDuty's own
 * CreateSampleFindings, but of chosen types, accounts, attacker addresses and numbers, so a team can drill its
 * playbooks in any environment. Events are made lazily (a 100,000-event drill never sits in memory) and read the
 * clock when each finding is made. Thread-safe: each call starts an independent run.
 *
 * <p>Ids: every finding of a run has its own finding id (a run prefix plus a bijective mix of the finding's index,
 * so they cannot collide within a run); repeats keep their finding's id. Every event has its own envelope id.
 */
public final class DrillGenerator {

    private final Clock clock;

    /** A generator on the system clock (UTC). */
    public DrillGenerator() {
        this(Clock.systemUTC());
    }

    /** A generator on {@code clock}; a fixed clock and a seed make the output reproducible byte for byte. */
    public DrillGenerator(Clock clock) {
        this.clock = clock;
    }

    /** The drill's {@link DrillSpec#events()} events, lazily: each finding's first report followed by its repeats. */
    public Iterator<DrillEvent> iterator(DrillSpec spec) {
        return new Run(spec, clock);
    }

    /** {@link #iterator(DrillSpec)} as an ordered stream. */
    public Stream<DrillEvent> events(DrillSpec spec) {
        return StreamSupport.stream(Spliterators.spliterator(iterator(spec), spec.events(),
                Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.SIZED), false);
    }

    /** Every event of the drill in a list (for small drills and tests). */
    public List<DrillEvent> generate(DrillSpec spec) {
        List<DrillEvent> events = new ArrayList<>(spec.events());
        iterator(spec).forEachRemaining(events::add);
        return events;
    }

    /** One drill: walks findings (round-robin over accounts and instances) and each finding's repeats. */
    private static final class Run implements Iterator<DrillEvent> {

        private static final HexFormat HEX = HexFormat.of();

        private final DrillSpec spec;
        private final Clock clock;
        private final SplittableRandom random;
        private final AddressPool pool;
        private final long findingPrefix;
        private final long findingSalt;
        private int finding;
        private int repeat;
        private DrillFindings.Facts facts;
        private ObjectNode first;

        Run(DrillSpec spec, Clock clock) {
            this.spec = spec;
            this.clock = clock;
            this.random = spec.seed() == null ? new SplittableRandom() : new SplittableRandom(spec.seed());
            this.pool = AddressPool.parse(spec.addresses());
            this.findingPrefix = random.nextLong();
            this.findingSalt = random.nextLong();
        }

        @Override
        public boolean hasNext() {
            return finding < spec.count();
        }

        @Override
        public DrillEvent next() {
            if (!hasNext()) {
                throw new NoSuchElementException("the drill's " + spec.events() + " events were all generated");
            }
            String eventId = uuid();
            ObjectNode event;
            if (repeat == 0) {
                facts = facts();
                first = DrillFindings.first(facts, eventId, random);
                event = first;
            } else {
                event = DrillFindings.repeat(first, facts, repeat, eventId);
            }
            DrillEvent result = new DrillEvent(eventId, facts.findingId(), facts.account(), facts.attacker(), repeat,
                    event);
            if (++repeat == spec.repeat()) {
                repeat = 0;
                finding++;
            }
            return result;
        }

        private DrillFindings.Facts facts() {
            String account = spec.accounts().get(finding % spec.accounts().size());
            String instanceId = spec.instanceIds().isEmpty()
                    ? "i-" + DrillInstance.hex(random, 17)
                    : spec.instanceIds().get(finding % spec.instanceIds().size());
            String attacker = pool.draw(random);
            // the last repeat is reported now; the first one (repeat - 1) steps earlier
            Instant createdAt = clock.instant().truncatedTo(ChronoUnit.MILLIS)
                    .minus(DrillFindings.REPEAT_STEP.multipliedBy(spec.repeat() - 1L));
            Instant firstSeen = createdAt.minus(Duration.ofMillis(60_000 + random.nextLong(540_000)));
            return new DrillFindings.Facts(spec.type(), findingId(), account, spec.region(), spec.partition(),
                    detectorId(account), DrillInstance.of(instanceId), attacker, createdAt, firstSeen);
        }

        /** 32 hex digits like GuardDuty's; unique within the run because {@link #mix} is a bijection. */
        private String findingId() {
            return HEX.toHexDigits(findingPrefix) + HEX.toHexDigits(mix(finding + findingSalt));
        }

        /** A detector id stable per account and region, as a real detector's is. */
        private String detectorId(String account) {
            return Hashes.sha256Hex(("drill-detector:" + account + ":" + spec.region())
                    .getBytes(StandardCharsets.UTF_8)).substring(0, 32);
        }

        private String uuid() {
            long high = random.nextLong() & ~0xF000L | 0x4000L;
            long low = random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL | 0x8000_0000_0000_0000L;
            return new UUID(high, low).toString();
        }

        /** SplitMix64's finalizer: a bijection on 64-bit values that scatters consecutive inputs. */
        private static long mix(long z) {
            z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
            z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
            return z ^ (z >>> 31);
        }
    }
}
