package dev.findingsresponder.model.decode;

import com.fasterxml.jackson.databind.JsonNode;
import dev.findingsresponder.model.Finding;
import dev.findingsresponder.model.InputForm;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.StringJoiner;

/**
 * Recognizes the form of a parsed input and hands the finding part to the right decoder:
 * <ol>
 *   <li>SNS notification: {@code Type} + {@code Message} (+ {@code MessageId}/{@code TopicArn}); the Message (a
 *       JSON string, or an object as AWS docs print it) is read once more as one of the forms below;</li>
 *   <li>EventBridge envelope: any of {@code source}, {@code detail-type}, {@code detail}; without {@code source}
 *       the decoder is chosen by detail-type, else by the detail's shape (partial envelope);</li>
 *   <li>bare finding / Config notification, recognized by each decoder's shape test;</li>
 *   <li>API list response {@code {"findings": [...]}} / {@code {"Findings": [...]}}.</li>
 * </ol>
 */
final class InputReader {

    private final DecoderRegistry registry;

    InputReader(DecoderRegistry registry) {
        this.registry = registry;
    }

    List<Finding> read(JsonNode root, String sha256, int size) {
        if (!root.isObject()) {
            throw new DecodeException(RejectReason.NOT_AN_EVENT,
                    "expected a JSON object at the root, got " + Json.describe(root));
        }
        EventContext base = new EventContext(null, null, null, null, null, null, InputForm.BARE, sha256, size);
        return readObject(root, JPath.ROOT, base, false);
    }

    private List<Finding> readObject(JsonNode node, JPath at, EventContext base, boolean inSns) {
        if (node.has("Message") && node.has("Type") && (node.has("MessageId") || node.has("TopicArn"))) {
            if (inSns) {
                throw new DecodeException(RejectReason.NOT_AN_EVENT, at + ": nested SNS notification is not supported");
            }
            return sns(node, at, base);
        }
        if (node.has("detail") || node.has("detail-type") || node.has("source")) {
            return envelope(node, at, base, inSns);
        }
        SourceDecoder bare = registry.recognizing(node);
        if (bare != null) {
            return bare.decodeBare(node, at, inSns ? base : base.withForm(InputForm.BARE), 0);
        }
        JsonNode list = node.has("findings") ? node.get("findings") : node.get("Findings");
        if (list != null && list.isArray()) {
            return apiList(list, at.field(node.has("findings") ? "findings" : "Findings"), base, inSns);
        }
        throw new DecodeException(RejectReason.NOT_AN_EVENT, (at.isRoot() ? "" : at + ": ")
                + "not an EventBridge event (no source, detail-type or detail), SNS notification or known finding;"
                + " top-level keys: " + keys(node));
    }

    private List<Finding> sns(JsonNode node, JPath at, EventContext base) {
        String type = Json.text(node, "Type");
        if (!"Notification".equals(type)) {
            throw new DecodeException(RejectReason.NOT_AN_EVENT, at.child("Type") + ": SNS message of type \"" + type
                    + "\" carries no finding (expected \"Notification\")");
        }
        JPath msgAt = at.field("Message");
        JsonNode message = node.get("Message");
        JsonNode inner;
        if (message.isTextual()) {
            inner = JsonInput.parse(message.textValue(), msgAt + " (SNS Message)");
        } else if (message.isObject()) {
            inner = message;
        } else {
            throw Json.wrongType(at, "Message", "a JSON string or object", message);
        }
        if (!inner.isObject()) {
            throw new DecodeException(RejectReason.NOT_AN_EVENT,
                    msgAt + ": expected a JSON object inside the SNS Message, got " + Json.describe(inner));
        }
        EventContext ctx = new EventContext(Json.text(node, "MessageId"), null, null,
                Timestamps.read(node, "Timestamp"), null, null, InputForm.SNS, base.sha256(), base.sizeBytes());
        return readObject(inner, msgAt, ctx, true);
    }

    private List<Finding> envelope(JsonNode node, JPath at, EventContext base, boolean inSns) {
        String source = envelopeText(node, "source", at);
        String detailType = envelopeText(node, "detail-type", at);
        String id = envelopeText(node, "id", at);
        String account = envelopeText(node, "account", at);
        String region = envelopeText(node, "region", at);
        SourceDecoder decoder;
        if (source != null) {
            decoder = registry.bySource(source);
            if (decoder == null) {
                throw new DecodeException(RejectReason.UNKNOWN_SOURCE, at.child("source") + ": \"" + source
                        + "\" is not a supported source (supported: " + registry.supportedSources() + ")");
            }
            if (detailType == null) {
                throw Json.missing(at, "detail-type");
            }
            if (!decoder.acceptsDetailType(detailType)) {
                throw new DecodeException(RejectReason.UNKNOWN_DETAIL_TYPE, at.child("detail-type") + ": \""
                        + detailType + "\" from " + source + " carries no finding (accepted: "
                        + String.join(", ", decoder.detailTypes()) + ")");
            }
        } else {
            decoder = detailType != null ? registry.byDetailType(detailType) : null;
        }
        JsonNode detail = Json.requiredObject(node, "detail", at);
        if (decoder == null) {
            decoder = registry.recognizing(detail);
            if (decoder == null) {
                throw new DecodeException(RejectReason.UNKNOWN_SOURCE, "event has no " + at.child("source")
                        + (detailType == null ? "" : " and an unknown detail-type \"" + detailType + "\"")
                        + ", and " + at.child("detail") + " matches no known finding shape");
            }
        }
        InputForm form = inSns ? InputForm.SNS : (source == null ? InputForm.PARTIAL_ENVELOPE : InputForm.EVENTBRIDGE);
        EventContext ctx = new EventContext(id != null ? id : base.eventId(), source, detailType,
                orElse(Timestamps.read(node, "time"), base.eventTime()), account, region, form, base.sha256(),
                base.sizeBytes());
        return decoder.decodeDetail(detail, at.field("detail"), ctx);
    }

    private List<Finding> apiList(JsonNode list, JPath at, EventContext base, boolean inSns) {
        if (list.isEmpty()) {
            throw new DecodeException(RejectReason.NO_FINDINGS, at + " is empty: the list holds no finding");
        }
        EventContext ctx = inSns ? base : base.withForm(InputForm.API_LIST);
        List<Finding> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            JsonNode e = list.get(i);
            JPath eAt = at.index(i);
            SourceDecoder d = registry.recognizing(e);
            if (d == null) {
                throw new DecodeException(e.isObject() ? RejectReason.UNKNOWN_SOURCE : RejectReason.WRONG_TYPE,
                        eAt + ": expected a GuardDuty, Inspector2 or Security Hub finding, got "
                                + (e.isObject() ? "an object with keys " + keys(e) : Json.describe(e)));
            }
            out.addAll(d.decodeBare(e, eAt, ctx, i));
        }
        return out;
    }

    private static String envelopeText(JsonNode node, String name, JPath at) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw Json.wrongType(at, name, "a string", v);
        }
        return v.textValue().isBlank() ? null : v.textValue();
    }

    private static <T> T orElse(T value, T fallback) {
        return value != null ? value : fallback;
    }

    private static String keys(JsonNode node) {
        StringJoiner j = new StringJoiner(", ", "[", "]");
        Iterator<String> it = node.fieldNames();
        int n = 0;
        while (it.hasNext() && n < 8) {
            j.add(it.next());
            n++;
        }
        if (it.hasNext()) {
            j.add("...");
        }
        return j.toString();
    }
}
