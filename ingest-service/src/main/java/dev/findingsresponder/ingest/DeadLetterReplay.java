package dev.findingsresponder.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.findingsresponder.ingest.messaging.DeadLetterReader;
import dev.findingsresponder.ingest.messaging.RawPublisher;
import dev.findingsresponder.model.DeadLetter;
import dev.findingsresponder.model.Topics;

/**
 * Puts dead letters back into {@code findings.raw} after the cause was fixed (a decoder that now accepts them, a
 * policy that loads): the original bytes, with headers saying where they came from and who replayed them. Only
 * letters of ingest (triage and response letters do not hold a raw event) with their bytes complete (not
 * truncated) can be replayed; the others are listed with the reason. A dry run (the default) only lists.
 * A replayed event that fails again gets a new dead letter; ingest's redelivery filter drops a version it has
 * already normalized.
 */
@ApplicationScoped
public class DeadLetterReplay {

    /** What a replay would do or did. */
    public record Report(boolean dryRun, int scanned, int matched, int replayed, List<Item> letters) {
    }

    /** One letter: where it is, why it was rejected, and whether it can be (or was) replayed. */
    public record Item(int partition, long offset, String stage, String reason, String detail, String origin,
                       Instant rejectedAt, int rawSize, String replay) {
    }

    /** Which letters: all criteria optional. */
    public record Filter(String stage, String reason, Instant since, Instant until) {
        Predicate<DeadLetter> predicate() {
            return l -> (stage == null || stage.equals(l.stage())) && (reason == null || reason.equals(l.reason()))
                    && (until == null || l.rejectedAt() == null || !l.rejectedAt().isAfter(until));
        }
    }

    /** Most records one call reads from the DLQ. */
    static final int MAX_SCAN = 100_000;
    private static final Logger LOG = Logger.getLogger(DeadLetterReplay.class);
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

    private final DeadLetterReader reader;
    private final RawPublisher publisher;

    public DeadLetterReplay(DeadLetterReader reader, RawPublisher publisher) {
        this.reader = reader;
        this.publisher = publisher;
    }

    /** The matching letters, oldest first, without replaying. */
    public Report list(Filter filter, int limit) {
        return run(filter, limit, true, null);
    }

    /** Replays the matching letters that can be (unless {@code dryRun}); {@code who} is recorded in a header. */
    public Report replay(Filter filter, int limit, boolean dryRun, String who) {
        return run(filter, limit, dryRun, who);
    }

    private Report run(Filter filter, int limit, boolean dryRun, String who) {
        DeadLetterReader.Scan scan = reader.read(filter.since(), filter.predicate(), limit, MAX_SCAN);
        List<Item> items = new ArrayList<>();
        int replayed = 0;
        for (DeadLetterReader.Located located : scan.letters()) {
            DeadLetter letter = located.letter();
            Optional<String> refusal = refusal(letter);
            String replay = refusal.orElse(dryRun ? "would replay" : "replayed");
            if (refusal.isEmpty() && !dryRun) {
                publisher.send(letter.rawSha256(), raw(letter), headers(located, who)).await().atMost(ACK_TIMEOUT);
                replayed++;
            }
            items.add(new Item(located.partition(), located.offset(), letter.stage(), letter.reason(), letter.detail(),
                    letter.origin() == null ? null : letter.origin().describe(), letter.rejectedAt(), letter.rawSize(),
                    replay));
        }
        if (!dryRun) {
            LOG.infof("%s replayed %d of %d matching dead letter(s) into %s", who, replayed, items.size(),
                    Topics.FINDINGS_RAW);
        }
        return new Report(dryRun, scan.scanned(), items.size(), replayed, items);
    }

    private static Optional<String> refusal(DeadLetter letter) {
        if (!"ingest".equals(letter.stage())) {
            return Optional.of("not replayable: a " + letter.stage() + " letter holds no raw event for findings.raw");
        }
        if (letter.rawTruncated()) {
            return Optional.of("not replayable: only the first " + DeadLetter.MAX_STORED_BYTES + " of "
                    + letter.rawSize() + " bytes were kept");
        }
        if (letter.rawText() == null && letter.rawBase64() == null) {
            return Optional.of("not replayable: the letter holds no raw bytes");
        }
        return Optional.empty();
    }

    private static byte[] raw(DeadLetter letter) {
        return letter.rawText() != null ? letter.rawText().getBytes(StandardCharsets.UTF_8)
                : Base64.getDecoder().decode(letter.rawBase64());
    }

    private static Map<String, String> headers(DeadLetterReader.Located located, String who) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("replayed-from", Topics.FINDINGS_DLQ + "/" + located.partition() + "@" + located.offset());
        headers.put("replayed-by", who);
        return headers;
    }
}
