package dev.findingsresponder.ingest;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.findingsresponder.ingest.config.IngestConfig;
import dev.findingsresponder.model.decode.EventNormalizer;
import dev.findingsresponder.model.decode.NormalizeResult;
import dev.findingsresponder.model.decode.RejectReason;
import dev.findingsresponder.ingest.messaging.FindingPublisher;
import dev.findingsresponder.model.DeadLetter;
import dev.findingsresponder.model.Finding;
import io.smallrye.mutiny.Uni;

/**
 * One input, whatever its way in (Kafka, HTTP, SQS): normalize it, drop redelivered finding
 * versions, publish the findings, or send the input to the DLQ with its reason and origin.
 */
@ApplicationScoped
public class IngestPipeline {

    private static final Logger LOG = Logger.getLogger(IngestPipeline.class);
    static final String INTERNAL_ERROR = "INTERNAL_ERROR";
    private static final String OVERSIZED = RejectReason.OVERSIZED.name();

    private final EventNormalizer normalizer;
    private final RecentVersions recent;
    private final FindingPublisher publisher;
    private final IngestMetrics metrics;
    private final int maxEventBytes;

    public IngestPipeline(IngestConfig config, FindingPublisher publisher, IngestMetrics metrics) {
        this.normalizer = new EventNormalizer(config.accountAllowlist().orElse(java.util.Set.of()));
        this.recent = new RecentVersions(config.dedupCapacity(), config.dedupWindow(), Clock.systemUTC());
        this.publisher = publisher;
        this.metrics = metrics;
        this.maxEventBytes = config.maxEventBytes();
    }

    /** Processes one input; the Uni completes once Kafka acknowledged every write it caused. */
    public Uni<IngestOutcome> ingest(byte[] raw, DeadLetter.Origin origin) {
        byte[] bytes = raw == null ? new byte[0] : raw;
        if (bytes.length > maxEventBytes) {
            return reject(bytes, origin, OVERSIZED,
                    "event is " + bytes.length + " bytes, above the limit of " + maxEventBytes);
        }
        NormalizeResult result;
        long start = System.nanoTime();
        try {
            result = normalizer.normalize(bytes);
        } catch (RuntimeException e) {
            LOG.errorf(e, "normalizer failed on input from %s", origin.describe());
            return reject(bytes, origin, INTERNAL_ERROR, "normalizer failed: " + e);
        } finally {
            metrics.normalizeNanos(System.nanoTime() - start);
        }
        return switch (result) {
            case NormalizeResult.Rejected rejected -> reject(bytes, origin, rejected.reason().name(), rejected.detail());
            case NormalizeResult.Normalized normalized -> {
                metrics.received(origin.kind(), EventSources.of(normalized.findings()));
                yield publishAll(normalized.findings());
            }
        };
    }

    private Uni<IngestOutcome> publishAll(List<Finding> findings) {
        AtomicInteger duplicates = new AtomicInteger();
        List<Uni<Void>> writes = new ArrayList<>(findings.size());
        for (Finding finding : findings) {
            String version = version(finding);
            if (!recent.claim(version)) {
                duplicates.incrementAndGet();
                metrics.duplicate(finding.source().name());
                continue;
            }
            writes.add(publisher.publish(finding)
                    .invoke(() -> metrics.published(finding.source().name()))
                    .onFailure().invoke(() -> recent.release(version)));
        }
        int published = writes.size();
        if (writes.isEmpty()) {
            return Uni.createFrom().item(new IngestOutcome(0, duplicates.get(), null, null));
        }
        return Uni.join().all(writes).andFailFast()
                .map(ignored -> new IngestOutcome(published, duplicates.get(), null, null));
    }

    /** Security Hub's event for an analyst's custom action; it carries the finding version already imported. */
    static final String CUSTOM_ACTION = "Security Hub Findings - Custom Action";

    /**
     * The redelivery key: finding id and updated time. A custom action re-sends a finding unchanged (same updated
     * time) as a request to act on it, so its key adds the detail-type and the event id: a redelivery of that event
     * is still dropped, but neither the earlier import nor another invocation of the action hides it.
     */
    static String version(Finding finding) {
        String key = finding.id() + "@" + finding.updatedAt();
        Finding.RawRef raw = finding.raw();
        if (raw != null && CUSTOM_ACTION.equals(raw.detailType())) {
            key += "#" + raw.detailType() + "#" + raw.eventId();
        }
        return key;
    }

    private Uni<IngestOutcome> reject(byte[] raw, DeadLetter.Origin origin, String reason, String detail) {
        // an oversized input is not parsed, not even for its source
        String source = OVERSIZED.equals(reason) ? EventSources.UNKNOWN : EventSources.peek(raw);
        metrics.received(origin.kind(), source);
        metrics.rejected(reason, origin.kind(), source);
        LOG.debugf("rejected input from %s: %s: %s", origin.describe(), reason, detail);
        DeadLetter letter = DeadLetter.of("ingest", reason, detail, origin, raw);
        return publisher.deadLetter(letter).map(ignored -> IngestOutcome.rejection(reason, detail));
    }
}
