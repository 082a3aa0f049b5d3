package dev.findingsresponder.e2e;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import com.fasterxml.jackson.databind.JsonNode;

import dev.findingsresponder.model.ActionResult;
import dev.findingsresponder.model.FindingCodec;
import dev.findingsresponder.model.Hashes;
import dev.findingsresponder.model.Score;
import dev.findingsresponder.model.Topics;
import dev.findingsresponder.model.TriagedFinding;

/**
 * What happened to each demo event, read back from the topics: the finding's score and why, triage's decision, each
 * action with its outcome; or the dead letter that rejected it. Then the resulting AWS state.
 */
final class PipelineReport {

    private final List<TriagedFinding> triaged = new ArrayList<>();
    private final List<ActionResult> results = new ArrayList<>();
    private final List<JsonNode> deadLetters = new ArrayList<>();

    PipelineReport(List<ConsumerRecord<String, byte[]>> records) {
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                switch (record.topic()) {
                    case Topics.FINDINGS_TRIAGED -> triaged.add(FindingCodec.mapper().readValue(record.value(),
                            TriagedFinding.class));
                    case Topics.ACTIONS_RESULTS -> results.add(FindingCodec.mapper().readValue(record.value(),
                            ActionResult.class));
                    case Topics.FINDINGS_DLQ -> deadLetters.add(FindingCodec.mapper().readTree(record.value()));
                    default -> { }
                }
            } catch (IOException e) {
                // a record of another shape on the same topic is not ours to report
            }
        }
    }

    /** The triage record of the event with envelope id {@code eventId}. */
    Optional<TriagedFinding> triagedFor(String eventId) {
        return triaged.stream().filter(t -> t.finding().raw() != null && eventId.equals(t.finding().raw().eventId()))
                .reduce((first, second) -> second);
    }

    Optional<JsonNode> deadLetterFor(byte[] body) {
        String sha = Hashes.sha256Hex(body);
        return deadLetters.stream().filter(d -> sha.equals(d.path("rawSha256").asText())).findFirst();
    }

    List<ActionResult> resultsFor(String findingId) {
        return results.stream().filter(r -> findingId.equals(r.findingId())).toList();
    }

    /** True once every case has its decision (or dead letter) and every requested action a final result. */
    boolean complete(List<DemoCase> cases) {
        for (DemoCase c : cases) {
            Optional<TriagedFinding> t = triagedFor(c.eventId());
            if (t.isEmpty()) {
                if (deadLetterFor(c.body()).isEmpty()) {
                    return false;
                }
                continue;
            }
            long finished = resultsFor(t.get().finding().id()).stream()
                    .filter(r -> r.outcome() != ActionResult.Outcome.PENDING).count();
            if (finished < t.get().actionRequestIds().size()) {
                return false;
            }
        }
        return true;
    }

    void print(List<DemoCase> cases, PrintStream out) {
        int n = 0;
        for (DemoCase c : cases) {
            n++;
            out.printf("%n%d. %s%n   expected: %s%n", n, c.label(), c.expected());
            Optional<TriagedFinding> t = triagedFor(c.eventId());
            if (t.isEmpty()) {
                out.println(deadLetterFor(c.body()).map(d -> "   rejected to findings.dlq: " + d.path("reason").asText()
                        + ": " + d.path("detail").asText()).orElse("   (no decision seen yet)"));
                continue;
            }
            TriagedFinding f = t.get();
            Score score = f.score();
            out.printf("   finding %s  %s%n", f.finding().type(), f.finding().id());
            out.printf("   score %d %s:", score.value(), score.label());
            for (Score.Factor factor : score.factors()) {
                out.printf(" %s %+d;", factor.name(), factor.points());
            }
            out.println();
            out.printf("   decision %s%s%n", f.decision(), f.playbooks().isEmpty() ? ""
                    : " by playbook " + String.join(", ", f.playbooks()));
            if (f.decisionDetail() != null && !f.decisionDetail().isBlank()) {
                out.printf("     %s%n", f.decisionDetail());
            }
            for (ActionResult r : resultsFor(f.finding().id())) {
                out.printf("   - %-16s %-17s %s%n", r.action(), r.outcome(), shorten(r.detail(), 140));
            }
        }
    }

    static void printAws(AwsState state, PrintStream out) {
        out.println("\nAWS state afterwards (moto):");
        out.println("  network ACL inbound denies:");
        state.naclDenies().forEach((nacl, entries) -> out.printf("    %-32s %s%n", nacl,
                entries.isEmpty() ? "(none)" : String.join(", ", entries)));
        out.println("  WAF IP sets:");
        state.ipSets().forEach((set, addresses) -> out.printf("    %-32s %s%n", set,
                addresses.isEmpty() ? "(empty)" : String.join(", ", addresses)));
        out.println("  SNS notifications received (through the SQS subscriptions):");
        List<AwsState.Notification> notes = state.drainNotifications();
        if (notes.isEmpty()) {
            out.println("    (none)");
        }
        for (AwsState.Notification note : notes) {
            Map<String, String> a = note.attributes();
            out.printf("    [%s] %s  (severity=%s source=%s)%n", note.topicArn().substring(
                    note.topicArn().lastIndexOf(':') + 1), note.subject(), a.get("severity"), a.get("source"));
        }
        out.println("  instances:");
        state.instances().forEach(i -> out.printf("    %-22s groups %s%s%n", i.instanceId(), i.securityGroups(),
                i.tags().keySet().stream().anyMatch(k -> k.startsWith("findings-responder"))
                        ? "  tags " + i.tags() : ""));
    }

    private static String shorten(String text, int max) {
        String flat = text == null ? "" : text.replace('\n', ' ');
        return flat.length() <= max ? flat : flat.substring(0, max - 1) + "…";
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
