package dev.findingsresponder.model.decode;

import com.fasterxml.jackson.databind.JsonNode;
import dev.findingsresponder.model.Finding;
import dev.findingsresponder.model.Source;
import java.util.ArrayList;
import java.util.List;

/**
 * GuardDuty: EventBridge {@code aws.guardduty} "GuardDuty Finding" (the detail is one finding) and bare
 * GetFindings elements. Required: {@code id}, {@code type}, {@code severity} (number 0-10), and an account
 * and region (from the finding, its ARN, or the envelope).
 */
final class GuardDutyDecoder implements SourceDecoder {

    static final String DETAIL_TYPE = "GuardDuty Finding";
    private static final Finding.Product PRODUCT = new Finding.Product("GuardDuty", "Amazon", null, Source.GUARDDUTY);

    private static final List<String> DETAIL_TYPES = List.of(DETAIL_TYPE);

    @Override
    public Source source() {
        return Source.GUARDDUTY;
    }

    @Override
    public String eventSource() {
        return "aws.guardduty";
    }

    @Override
    public List<String> detailTypes() {
        return DETAIL_TYPES;
    }

    /** A GuardDuty finding has a {@code type} and a {@code service} object (GuardDuty's own section). */
    @Override
    public boolean recognizes(JsonNode node) {
        JsonNode service = node.get("service");
        return node.has("type") && service != null && service.isObject()
                && (node.has("severity") || node.has("schemaVersion") || service.has("serviceName"));
    }

    @Override
    public List<Finding> decodeDetail(JsonNode detail, JPath at, EventContext ctx) {
        return List.of(decode(detail, at, ctx, 0));
    }

    @Override
    public List<Finding> decodeBare(JsonNode node, JPath at, EventContext ctx, int index) {
        return List.of(decode(node, at, ctx, index));
    }

    Finding decode(JsonNode f, JPath at, EventContext ctx, int index) {
        FindingDraft d = new FindingDraft(Source.GUARDDUTY, ctx, index);
        d.nativeId = Json.requiredText(f, "id", at);
        d.type = Json.requiredText(f, "type", at);
        double sev = Json.requiredNumber(f, "severity", at);
        if (sev < 0.0 || sev > 10.0) {
            throw new DecodeException(RejectReason.WRONG_TYPE,
                    at.child("severity") + ": expected a number from 0 to 10, got " + Json.describe(f.get("severity")));
        }
        d.severity = Severities.guardDuty(Json.text(f, "severity"), sev);
        String arn = Json.text(f, "arn");
        // null only for hand-made test events that name no account anywhere; see FindingDraft.canonicalId
        d.account = Arns.firstNonBlank(Json.text(f, "accountId"), Arns.account(arn), ctx.envelopeAccount());
        d.region = Arns.firstNonBlank(Json.text(f, "region"), Arns.region(arn), ctx.envelopeRegion());
        if (d.region == null) {
            throw new DecodeException(RejectReason.MISSING_FIELD, "missing required field " + at.child("region")
                    + " (no region in " + at.child("arn") + " or the envelope either)");
        }
        d.partition = Arns.firstNonBlank(Json.text(f, "partition"), Arns.partition(arn));
        d.product = PRODUCT;
        d.title = Json.text(f, "title");
        d.description = Json.text(f, "description");
        d.createdAt = Timestamps.read(f, "createdAt");
        d.updatedAt = Timestamps.read(f, "updatedAt");

        JsonNode resource = Json.obj(f, "resource", at);
        if (resource != null) {
            d.resource = GuardDutyResources.extract(resource, d.account, d.region, d.partition);
        }
        JsonNode service = Json.obj(f, "service", at);
        if (service != null) {
            readService(service, at.field("service"), d);
        }
        return d.build();
    }

    private static void readService(JsonNode service, JPath at, FindingDraft d) {
        d.firstSeen = Timestamps.read(service, "eventFirstSeen");
        d.lastSeen = Timestamps.read(service, "eventLastSeen");
        Double count = Json.number(service, "count");
        d.count = count == null ? 1 : (long) count.doubleValue();
        d.archived = Json.isTrue(service, "archived");
        d.resourceRole = Json.text(service, "resourceRole");
        JsonNode info = Json.objOrNull(service, "additionalInfo");
        d.sample = Json.isTrue(info, "sample");
        NetworkActions.extract(Json.obj(service, "action", at), ActionKeys.CAMEL, at.field("action"), d.network);
        AttackSequences.extract(service, d.network);
        readThreatIntel(service, info, d);
    }

    /** Threat list names and threat names from {@code evidence.threatIntelligenceDetails} and {@code additionalInfo}. */
    private static void readThreatIntel(JsonNode service, JsonNode info, FindingDraft d) {
        List<String> lists = new ArrayList<>(1);
        List<String> names = new ArrayList<>(1);
        JsonNode details = Json.arrOrNull(Json.objOrNull(service, "evidence"), "threatIntelligenceDetails");
        if (details != null) {
            for (JsonNode t : details) {
                addOnce(lists, Json.text(t, "threatListName"));
                for (String n : Json.texts(t, "threatNames")) {
                    addOnce(names, n);
                }
            }
        }
        addOnce(lists, Json.text(info, "threatListName"));
        addOnce(names, Json.text(info, "threatName"));
        d.threatListNames = lists;
        d.threatNames = names;
    }

    private static void addOnce(List<String> list, String value) {
        if (value != null && !list.contains(value)) {
            list.add(value);
        }
    }
}
