package dev.findingsresponder.response.action;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.findingsresponder.model.ActionRequest;
import dev.findingsresponder.model.ActionResult;
import dev.findingsresponder.model.ActionResult.Outcome;
import dev.findingsresponder.model.Finding;
import dev.findingsresponder.model.Hashes;
import dev.findingsresponder.model.SeverityLabel;
import dev.findingsresponder.model.action.ActionCatalog;
import dev.findingsresponder.response.aws.AwsClients;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishRequest;
import software.amazon.awssdk.services.sns.model.PublishResponse;
import software.amazon.awssdk.services.sns.model.SnsException;

/**
 * {@code sns-notify}: publishes a finding for people: what, where, the score with each factor, what was done,
 * console links, then the canonical finding JSON. The subject is {@code <subject-prefix> [LABEL] <title>}
 * where LABEL is the triage score's label (the finding's severity label when unscored).
 *
 * <p>String message attributes for subscription filter policies: {@code severity} (same label), {@code source}
 * ({@code guardduty}, {@code inspector}, {@code config}, {@code securityhub}), {@code type}, {@code account},
 * {@code region}, {@code priority} ({@code normal} / {@code high}).
 *
 * <p>Idempotency: standard topics have no deduplication, so the executor must not run a request id twice; a FIFO
 * topic ({@code .fifo}) also gets {@code MessageDeduplicationId} = request id and {@code MessageGroupId} = finding
 * id (each hashed when longer than SNS's 128 characters or not printable ASCII), so SNS drops a redelivery.
 *
 * <p>Not reversible: {@link #undo} changes nothing and answers {@code ALREADY_APPLIED}, the same as an undo that
 * has already happened, because the undone state (nothing left on AWS to remove) already holds.
 */
public class SnsNotifyAction implements ResponseAction {

    @Override
    public String name() {
        return ActionCatalog.SNS_NOTIFY;
    }

    @Override
    public List<String> permissions() {
        return List.of("sns:Publish");
    }

    @Override
    public Reversibility reversibility() {
        return Reversibility.not("a sent notification cannot be recalled");
    }

    @Override
    public ActionOutcome execute(ActionRequest request, AwsClients clients) {
        Map<String, Object> params = schema().withDefaults(request.params());
        String topicArn = String.valueOf(params.get("topic-arn"));
        String priority = String.valueOf(params.get("priority"));
        Finding finding = request.finding();
        String label = label(request);
        String subject = NotificationText.subject(params.get("subject-prefix") instanceof String p ? p : null, label,
                finding == null ? null : finding.title());

        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("severity", label);
        attributes.put("source", finding == null || finding.source() == null ? null : finding.source().idPrefix());
        attributes.put("type", finding == null ? null : finding.type());
        attributes.put("account", finding != null && finding.account() != null ? finding.account() : request.target().account());
        attributes.put("region", finding != null && finding.region() != null ? finding.region() : request.target().region());
        attributes.put("priority", priority);

        String readable = NotificationText.findingSections(request);
        Message message = new Message(topicArn, subject, attributes);
        SnsMessageBudget.Fitted body = SnsMessageBudget.fit(readable, finding, message.overheadBytes());
        return publish(clients, request.target().account(), request.target().region(),
                message.withBody(body.text()), body.trimmed(), request.requestId(),
                finding == null ? request.requestId() : finding.id());
    }

    /**
     * Tells a topic the outcome of a blocking or other action, success or failure, for playbooks that set
     * {@code notify-topic-arn}. Published with the credentials of the topic's account and region (from its ARN).
     * Attributes: {@code outcome}, {@code action}, {@code account}, {@code region}, and {@code priority}
     * ({@code high} for FAILED). A FIFO topic deduplicates by request id and outcome.
     */
    public ActionOutcome notifyOutcome(ActionResult result, String topicArn, AwsClients clients) {
        String[] arn = topicArn.split(":");
        if (arn.length < 6 || !arn[2].equals("sns")) {
            return new ActionOutcome(Outcome.FAILED, "not an SNS topic ARN: " + topicArn, List.of(), Map.of());
        }
        ActionRequest.Target target = result.target();
        String outcome = String.valueOf(result.outcome());
        String about = target == null ? null : target.address() != null ? target.address() : target.resourceId();
        String subject = NotificationText.subject(null, outcome, result.action() + (about == null ? "" : " " + about)
                + (result.playbook() == null ? "" : " (playbook " + result.playbook() + ")"));
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("outcome", outcome);
        attributes.put("action", result.action());
        attributes.put("account", target == null ? null : target.account());
        attributes.put("region", target == null ? null : target.region());
        attributes.put("priority", result.outcome() == Outcome.FAILED ? "high" : "normal");
        Message message = new Message(topicArn, subject, attributes);
        SnsMessageBudget.Fitted body = SnsMessageBudget.cut(NotificationText.outcomeBody(result),
                SnsMessageBudget.MAX_BYTES - message.overheadBytes(), List.of());
        return publish(clients, arn[4], arn[3], message.withBody(body.text()), body.trimmed(),
                result.requestId() + ":" + outcome, result.findingId() == null ? result.requestId() : result.findingId());
    }

    /** Undoing a notification changes nothing: see the class comment for why the outcome is ALREADY_APPLIED. */
    @Override
    public ActionOutcome undo(ActionRequest request, AwsClients clients) {
        return new ActionOutcome(Outcome.ALREADY_APPLIED,
                "nothing to undo: a sent notification cannot be recalled", List.of(), Map.of("reversible", "false"));
    }

    private ActionOutcome publish(AwsClients clients, String account, String region, Message message,
            List<String> trimmed, String dedupId, String groupId) {
        PublishRequest.Builder publish = PublishRequest.builder()
                .topicArn(message.topicArn())
                .subject(message.subject())
                .message(message.body())
                .messageAttributes(message.sdkAttributes());
        if (message.topicArn().endsWith(".fifo")) {
            publish.messageDeduplicationId(fifoId(dedupId)).messageGroupId(fifoId(groupId));
        }
        AwsCallLog calls = new AwsCallLog();
        try {
            PublishResponse response = calls.add(clients.sns(account, region).publish(publish.build()));
            Map<String, String> facts = new LinkedHashMap<>();
            facts.put("topicArn", message.topicArn());
            facts.put("messageId", String.valueOf(response.messageId()));
            facts.put("bytes", String.valueOf(message.overheadBytes() + SnsMessageBudget.bytes(message.body())));
            if (!trimmed.isEmpty()) {
                facts.put("trimmed", String.join("; ", trimmed));
            }
            return calls.outcome(Outcome.APPLIED, "published \"" + message.subject() + "\" to "
                    + message.topicArn() + (trimmed.isEmpty() ? "" : " (trimmed to fit 256 KiB)"), facts);
        } catch (SnsException e) {
            return calls.failedOrThrow(e, "sns:Publish to " + message.topicArn(), Map.of("topicArn", message.topicArn()));
        }
    }

    private static String label(ActionRequest request) {
        if (request.score() != null && request.score().label() != null) {
            return request.score().label().name();
        }
        Finding f = request.finding();
        return f != null && f.severity() != null && f.severity().label() != null
                ? f.severity().label().name() : SeverityLabel.INFORMATIONAL.name();
    }

    /** FIFO ids: at most 128 printable ASCII characters; anything else is replaced by its SHA-256. */
    static String fifoId(String id) {
        return id.length() <= 128 && id.matches("[\\x21-\\x7E]+")
                ? id : Hashes.sha256Hex(id.getBytes(StandardCharsets.UTF_8));
    }

    /** One SNS message; attributes without a value are left out (SNS refuses empty ones). */
    private record Message(String topicArn, String subject, Map<String, String> attributes, String body) {

        Message(String topicArn, String subject, Map<String, String> attributes) {
            this(topicArn, subject, withValues(attributes), "");
        }

        Message withBody(String text) {
            return new Message(topicArn, subject, attributes, text);
        }

        private static Map<String, String> withValues(Map<String, String> attributes) {
            Map<String, String> kept = new LinkedHashMap<>();
            attributes.forEach((k, v) -> {
                if (v != null && !v.isBlank()) {
                    kept.put(k, v);
                }
            });
            return kept;
        }

        /** Bytes SNS counts besides the body: subject, and each attribute's name, type and value. */
        int overheadBytes() {
            int total = SnsMessageBudget.bytes(subject);
            for (Map.Entry<String, String> e : attributes.entrySet()) {
                total += SnsMessageBudget.bytes(e.getKey()) + "String".length() + SnsMessageBudget.bytes(e.getValue());
            }
            return total;
        }

        Map<String, MessageAttributeValue> sdkAttributes() {
            Map<String, MessageAttributeValue> sdk = new LinkedHashMap<>();
            attributes.forEach((k, v) -> sdk.put(k, MessageAttributeValue.builder().dataType("String").stringValue(v).build()));
            return sdk;
        }
    }
}
