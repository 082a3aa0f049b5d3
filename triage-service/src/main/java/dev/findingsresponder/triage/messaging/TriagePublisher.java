package dev.findingsresponder.triage.messaging;

import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import com.fasterxml.jackson.core.JsonProcessingException;

import dev.findingsresponder.model.ActionRequest;
import dev.findingsresponder.model.DeadLetter;
import dev.findingsresponder.model.FindingCodec;
import dev.findingsresponder.model.TriagedFinding;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/** Writes triage results; each Uni completes on the broker's acknowledgement. */
@ApplicationScoped
public class TriagePublisher {

    private final MutinyEmitter<byte[]> triaged;
    private final MutinyEmitter<byte[]> requests;
    private final MutinyEmitter<byte[]> dlq;

    public TriagePublisher(
            @Channel("findings-triaged") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 8192)
            MutinyEmitter<byte[]> triaged,
            @Channel("actions-requested") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 8192)
            MutinyEmitter<byte[]> requests,
            @Channel("triage-dlq") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 1024)
            MutinyEmitter<byte[]> dlq) {
        this.triaged = triaged;
        this.requests = requests;
        this.dlq = dlq;
    }

    /** findings.triaged, keyed by finding id; {@code json} is the record's value ({@code TriageRecords}). */
    public Uni<Void> triaged(TriagedFinding finding, byte[] json) {
        return triaged.sendMessage(keyed(json, finding.finding().id(), null));
    }

    /** actions.requested, keyed by enforcement target; {@code json} is the request's value ({@code TriageRecords}). */
    public Uni<Void> request(ActionRequest request, byte[] json) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("request-id", request.requestId().getBytes(StandardCharsets.UTF_8));
        headers.add("action", request.action().getBytes(StandardCharsets.UTF_8));
        return requests.sendMessage(keyed(json, request.target().key(), headers));
    }

    public Uni<Void> deadLetter(DeadLetter letter) {
        RecordHeaders headers = new RecordHeaders();
        letter.kafkaHeaders().forEach(headers::add);
        return dlq.sendMessage(keyed(json(letter), letter.rawSha256(), headers));
    }

    private static Message<byte[]> keyed(byte[] value, String key, RecordHeaders headers) {
        OutgoingKafkaRecordMetadata.OutgoingKafkaRecordMetadataBuilder<String> metadata =
                OutgoingKafkaRecordMetadata.<String>builder().withKey(key);
        if (headers != null) {
            metadata.withHeaders(headers);
        }
        return Message.of(value).addMetadata(metadata.build());
    }

    private static byte[] json(Object value) {
        try {
            return FindingCodec.mapper().writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }
}
