package dev.findingsresponder.ingest;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
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
import dev.findingsresponder.model.FindingCodec;
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
                List<byte[]> json = normalized.findings().stream().map(FindingCodec::toJson).toList();
                Optional<String> oversized = oversizedFinding(normalized.findings(), json);
                if (oversized.isPresent()) {
                    yield reject(bytes, origin, OVERSIZED, oversized.get());
                }
                metrics.received(origin.kind(), EventSources.of(normalized.findings()));
                yield publishAll(normalized.findings(), json);
            }
        };
    }

    /**
     * Largest canonical finding written to {@code findings.normalized}. Triage's records embed the finding and Kafka
     * refuses records above 1 MiB by default, so an event whose finding would be larger (a hostile one: real findings
     * are a few KiB) is rejected whole, as OVERSIZED, rather than written and then refused downstream.
     */
    public static final int MAX_FINDING_BYTES = 512 * 1024;

    /** Why the event must be rejected for the size of a canonical finding, or empty when each one fits. */
    public static Optional<String> oversizedFinding(List<Finding> findings, List<byte[]> json) {
        for (int i = 0; i < json.size(); i++) {
            if (json.get(i).length > MAX_FINDING_BYTES) {
                return Optional.of("finding #" + i + " (" + findings.get(i).id() + ") normalizes to " + json.get(i).length
                        + " bytes of canonical JSON, above the limit of " + MAX_FINDING_BYTES);
            }
        }
        return Optional.empty();
    }

    private Uni<IngestOutcome> publishAll(List<Finding> findings, List<byte[]> json) {
        AtomicInteger duplicates = new AtomicInteger();
        List<Uni<Void>> writes = new ArrayList<>(findings.size());
        for (int i = 0; i < findings.size(); i++) {
            Finding finding = findings.get(i);
            String version = version(finding);
            if (!recent.claim(version)) {
                duplicates.incrementAndGet();
                metrics.duplicate(finding.source().name());
                continue;
            }
            writes.add(publisher.publish(finding, json.get(i))
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
     * The redelivery key: finding id, updated time and a fingerprint of what changes without the updated time.
     * Security Hub's BatchUpdateFindings (an analyst setting the workflow status, severity or a note) emits a new
     * "Findings - Imported" event but leaves {@code UpdatedAt} as it was, so id and time alone would drop that
     * change as a redelivery; a redelivery is the same event, so its severity, types and state are the same too.
     * A custom action re-sends a finding unchanged as a request to act on it, so its key adds the detail-type and
     * the event id: a redelivery of that event is still dropped, but neither the earlier import nor another
     * invocation of the action hides it.
     */
    static String version(Finding finding) {
        String key = finding.id() + "@" + finding.updatedAt() + "~"
                + Integer.toHexString(Objects.hash(finding.severity(), finding.types(), finding.state()));
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
