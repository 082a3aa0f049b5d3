package dev.findingsresponder.model.decode;

import com.fasterxml.jackson.databind.JsonNode;
import dev.findingsresponder.model.Finding;
import dev.findingsresponder.model.SeverityLabel;
import dev.findingsresponder.model.Source;
import java.util.ArrayList;
import java.util.List;

/**
 * One OCSF finding as delivered by Security Hub v2 ("Findings Imported V2"). Required:
 * {@code finding_info.uid}, {@code severity_id} (or a {@code severity} label), and an account and region.
 * Network evidence ({@code evidences[]}) is not read yet.
 */
final class OcsfDecoder {

    Finding decode(JsonNode f, JPath at, EventContext ctx, int index) {
        FindingDraft d = new FindingDraft(Source.SECURITY_HUB, ctx, index);
        JPath infoAt = at.field("finding_info");
        JsonNode info = Json.requiredObject(f, "finding_info", at);
        String uid = Json.requiredText(info, "uid", infoAt);
        JsonNode product = Json.at(f, "metadata", "product");
        String productUid = Json.text(product, "uid");
        String productName = Json.text(product, "name");
        Source productSource = SecurityHubDecoder.productSource(productUid, productName);
        d.product = new Finding.Product(productName, Json.text(product, "vendor_name"), productUid, productSource);
        boolean guardDuty = productSource == Source.GUARDDUTY;
        d.nativeId = guardDuty ? Arns.firstNonBlank(Arns.after(uid, "/finding/"), uid) : uid;
        d.severity = severity(f, at);

        JsonNode cloud = Json.objOrNull(f, "cloud");
        d.account = Arns.firstNonBlank(Json.text(Json.objOrNull(cloud, "account"), "uid"), Arns.account(uid),
                ctx.envelopeAccount());
        if (d.account == null) {
            throw new DecodeException(RejectReason.MISSING_FIELD, "missing required field " + at.child("cloud") + ".account.uid");
        }
        JsonNode resources = Json.arr(f, "resources", at);
        JsonNode first = resources != null && !resources.isEmpty() ? resources.get(0) : null;
        d.region = Arns.firstNonBlank(Json.text(cloud, "region"), Json.text(first, "region"), Arns.region(uid),
                ctx.envelopeRegion());
        if (d.region == null) {
            throw new DecodeException(RejectReason.MISSING_FIELD, "missing required field " + at.child("cloud") + ".region");
        }
        d.partition = Arns.partition(uid);
        d.types = Json.texts(info, "types");
        d.type = guardDuty ? SecurityHubDecoder.guardDutyType(d.types) : (d.types.isEmpty() ? null : d.types.get(0));
        if (d.type == null) {
            d.type = Arns.firstNonBlank(Json.text(f, "type_name"), Json.text(f, "class_name"), "Unknown");
        }
        d.title = Json.text(info, "title");
        d.description = Json.text(info, "desc");
        d.createdAt = time(info, "created_time");
        d.updatedAt = time(info, "modified_time");
        d.firstSeen = time(info, "first_seen_time");
        d.lastSeen = time(info, "last_seen_time");
        String status = Json.text(f, "status");
        d.workflowStatus = status;
        d.nativeStatus = status;
        d.suppressed = "Suppressed".equalsIgnoreCase(status);
        d.resolved = "Resolved".equalsIgnoreCase(status);
        d.archived = "Archived".equalsIgnoreCase(status);
        if (resources != null) {
            List<Finding.Resource> more = new ArrayList<>(0);
            for (int i = 0; i < resources.size(); i++) {
                Finding.Resource r = resource(resources.get(i), d.region);
                if (i == 0) {
                    d.resource = r;
                } else {
                    more.add(r);
                }
            }
            d.additionalResources = more;
        }
        return d.build();
    }

    private static Finding.Severity severity(JsonNode f, JPath at) {
        JsonNode idNode = f.get("severity_id");
        String text = Json.text(f, "severity");
        SeverityLabel label = null;
        if (idNode != null && !idNode.isNull()) {
            Double id = Json.number(idNode);
            if (id == null) {
                throw Json.wrongType(at, "severity_id", "an integer", idNode);
            }
            label = Severities.ocsf((int) id.doubleValue());
        }
        if (label == null) {
            label = Severities.label(text);
        }
        if (label == null && "Fatal".equalsIgnoreCase(text)) {
            label = SeverityLabel.CRITICAL;
        }
        if (label == null) {
            if (idNode == null && text == null) {
                throw Json.missing(at, "severity_id");
            }
            throw new DecodeException(RejectReason.WRONG_TYPE, at.child("severity_id")
                    + ": expected 1-6 (Informational..Fatal), got " + Json.describe(idNode) + " / severity " + text);
        }
        return Severities.labelled(Arns.firstNonBlank(text, Json.text(idNode)), label, null);
    }

    /** OCSF gives {@code <name>} as epoch milliseconds and {@code <name>_dt} as ISO text. */
    private static java.time.Instant time(JsonNode info, String name) {
        java.time.Instant t = Timestamps.read(info, name + "_dt");
        return t != null ? t : Timestamps.read(info, name);
    }

    private static Finding.Resource resource(JsonNode res, String findingRegion) {
        ResourceDraft r = new ResourceDraft();
        r.type = Json.text(res, "type");
        r.id = Json.text(res, "uid");
        r.name = Json.text(res, "name");
        r.region = Arns.firstNonBlank(Json.text(res, "region"), findingRegion);
        if (r.id != null && r.id.startsWith("arn:")) {
            r.arn = r.id;
        }
        JsonNode data = Json.objOrNull(res, "data");
        r.instanceId = Arns.firstNonBlank(Json.text(data, "instance_id"),
                "AwsEc2Instance".equals(r.type) ? Arns.after(r.id, "instance/") : null);
        GuardDutyResources.readTagList(Json.arrOrNull(res, "tags"), "name", "value", r);
        return r.build();
    }
}
