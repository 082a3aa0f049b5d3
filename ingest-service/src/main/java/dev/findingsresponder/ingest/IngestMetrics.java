package dev.findingsresponder.ingest;

import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** The ingest service's own metrics; Prometheus names end in {@code _total} / {@code _seconds}. */
@ApplicationScoped
public class IngestMetrics {

    private final MeterRegistry registry;
    private final Timer normalizeTimer;

    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.normalizeTimer = Timer.builder("ingest.normalize")
                .description("Time to decode and normalize one input")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
    }

    /**
     * ingest_events_received_total{origin,source}: inputs read from Kafka, HTTP or SQS, by EventBridge source
     * ({@code aws.guardduty}, ..., {@code other}, or {@code unknown} when it cannot be read).
     */
    public void received(String origin, String source) {
        registry.counter("ingest.events.received", "origin", origin, "source", source).increment();
    }

    /** ingest_findings_published_total{source}: canonical findings written to findings.normalized. */
    public void published(String source) {
        registry.counter("ingest.findings.published", "source", source).increment();
    }

    /** ingest_findings_duplicate_total{source}: redelivered finding versions not published again. */
    public void duplicate(String source) {
        registry.counter("ingest.findings.duplicate", "source", source).increment();
    }

    /** ingest_events_rejected_total{reason,origin,source}: inputs sent to findings.dlq (source as for received). */
    public void rejected(String reason, String origin, String source) {
        registry.counter("ingest.events.rejected", "reason", reason, "origin", origin, "source", source).increment();
    }

    /** ingest_drill_events_total{type}: drill events acknowledged on findings.raw (POST /drills). */
    public void drillEvent(String type) {
        registry.counter("ingest.drill.events", "type", type).increment();
    }

    /** ingest_sqs_delete_failures_total{code}: SQS messages stored in Kafka whose delete SQS refused (redelivered). */
    public void sqsDeleteFailed(String code) {
        registry.counter("ingest.sqs.delete.failures", "code", code == null ? "unknown" : code).increment();
    }

    public void normalizeNanos(long nanos) {
        normalizeTimer.record(nanos, TimeUnit.NANOSECONDS);
    }
}
