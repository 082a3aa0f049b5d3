package dev.findingsresponder.model.decode;

import com.fasterxml.jackson.databind.JsonNode;
import dev.findingsresponder.model.Finding;
import dev.findingsresponder.model.SeverityLabel;
import dev.findingsresponder.model.Source;
import java.util.ArrayList;
import java.util.List;

/**
 * One ASFF finding. Required: {@code Id}, {@code ProductArn}, {@code Severity} with {@code Label} or
 * {@code Normalized}, and an account and region (finding, its ARNs, resources or envelope).
 */
final class AsffDecoder {

    static final String GD_PREFIX = "aws/guardduty/service/";

    Finding decode(JsonNode f, JPath at, EventContext ctx, int index) {
        FindingDraft d = new FindingDraft(Source.SECURITY_HUB, ctx, index);
        String id = Json.requiredText(f, "Id", at);
        String productArn = Json.requiredText(f, "ProductArn", at);
        JsonNode pf = Json.obj(f, "ProductFields", at);
        String productName = Arns.firstNonBlank(Json.text(f, "ProductName"), Json.text(pf, "aws/securityhub/ProductName"));
        Source productSource = SecurityHubDecoder.productSource(productArn, productName);
        d.product = new Finding.Product(Arns.firstNonBlank(productName, Arns.after(productArn, "/")),
                Arns.firstNonBlank(Json.text(f, "CompanyName"), Json.text(pf, "aws/securityhub/CompanyName")),
                productArn, productSource);
        boolean guardDuty = productSource == Source.GUARDDUTY;
        d.nativeId = guardDuty ? Arns.firstNonBlank(Arns.after(id, "/finding/"), id) : id;
        d.severity = severity(f, pf, at, guardDuty);

        JsonNode resources = Json.arr(f, "Resources", at);
        JsonNode first = resources != null && !resources.isEmpty() ? resources.get(0) : null;
        d.account = Arns.firstNonBlank(Json.text(f, "AwsAccountId"), Arns.account(id), ctx.envelopeAccount());
        if (d.account == null) {
            throw new DecodeException(RejectReason.MISSING_FIELD, "missing required field " + at.child("AwsAccountId")
                    + " (no account in " + at.child("Id") + " or the envelope either)");
        }
        d.region = Arns.firstNonBlank(Json.text(f, "Region"), Json.text(first, "Region"), Arns.region(id),
                Arns.region(productArn), ctx.envelopeRegion());
        if (d.region == null) {
            throw Json.missing(at, "Region");
        }
        d.partition = Arns.firstNonBlank(Json.text(first, "Partition"), Arns.partition(productArn));
        d.types = Json.texts(f, "Types");
        d.type = guardDuty ? SecurityHubDecoder.guardDutyType(d.types) : (d.types.isEmpty() ? null : d.types.get(0));
        if (d.type == null) {
            d.type = Arns.firstNonBlank(Json.text(f, "GeneratorId"), "Unknown");
        }
        d.title = Json.text(f, "Title");
        d.description = Json.text(f, "Description");
        d.createdAt = Timestamps.read(f, "CreatedAt");
        d.firstSeen = Timestamps.read(f, "FirstObservedAt");
        d.lastSeen = Timestamps.read(f, "LastObservedAt");
        d.updatedAt = Timestamps.read(f, "UpdatedAt");

        if (resources != null) {
            List<Finding.Resource> more = new ArrayList<>(0);
            for (int i = 0; i < resources.size(); i++) {
                Finding.Resource r = AsffResources.extract(resources.get(i), d.region);
                if (i == 0) {
                    d.resource = r;
                } else {
                    more.add(r);
                }
            }
            d.additionalResources = more;
        }
        readState(f, pf, d, guardDuty);
        d.compliance = AsffDetails.compliance(f, pf);
        if (d.compliance != null && Boolean.TRUE.equals(d.compliance.compliant())) {
            d.resolved = true;
        }
        d.vulnerability = AsffDetails.vulnerability(f, pf);
        AsffNetwork.extract(f, pf, guardDuty, at, d.network);
        if (guardDuty) {
            readGuardDutyFields(pf, d);
        }
        return d.build();
    }

    private static Finding.Severity severity(JsonNode f, JsonNode pf, JPath at, boolean guardDuty) {
        JsonNode sev = Json.requiredObject(f, "Severity", at);
        JPath sevAt = at.field("Severity");
        String label = Arns.firstNonBlank(Json.text(sev, "Label"),
                Json.text(Json.objOrNull(Json.objOrNull(f, "FindingProviderFields"), "Severity"), "Label"),
                Json.text(pf, "aws/securityhub/SeverityLabel"));
        JsonNode normNode = sev.get("Normalized");
        Double normalized = null;
        if (normNode != null && !normNode.isNull()) {
            normalized = Json.number(normNode);
            if (normalized == null || normalized < 0 || normalized > 100) {
                throw new DecodeException(RejectReason.WRONG_TYPE, sevAt.child("Normalized")
                        + ": expected a number from 0 to 100, got " + Json.describe(normNode));
            }
        }
        String original = Json.text(sev, "Original");
        String product = Json.text(sev, "Product");
        String nativeText = Arns.firstNonBlank(original, guardDuty ? product : null, label,
                normalized == null ? null : Json.text(normNode));
        // GuardDuty puts its own 0-10 severity in Severity.Product: prefer it as the score so a GuardDuty finding
        // scores the same whether it arrives directly or through Security Hub.
        Double productScore = guardDuty ? Json.number(sev, "Product") : null;
        Double score = productScore != null && productScore >= 0 && productScore <= 10 ? productScore
                : normalized == null ? null : normalized / 10.0;
        if (label != null) {
            SeverityLabel l = Severities.label(label);
            if (l == null) {
                throw new DecodeException(RejectReason.WRONG_TYPE, sevAt.child("Label")
                        + ": expected one of INFORMATIONAL, LOW, MEDIUM, HIGH, CRITICAL, got string \"" + label + "\"");
            }
            return Severities.labelled(nativeText, l, score);
        }
        if (productScore != null && productScore >= 0 && productScore <= 10) {
            return Severities.guardDuty(nativeText, productScore);
        }
        if (normalized == null) {
            throw new DecodeException(RejectReason.MISSING_FIELD,
                    "missing required field " + sevAt.child("Label") + " (or " + sevAt.child("Normalized") + ")");
        }
        return Severities.scored(nativeText, normalized / 10.0);
    }

    private static void readState(JsonNode f, JsonNode pf, FindingDraft d, boolean guardDuty) {
        d.recordState = Json.text(f, "RecordState");
        d.archived = "ARCHIVED".equalsIgnoreCase(d.recordState);
        d.workflowStatus = Arns.firstNonBlank(Json.text(Json.objOrNull(f, "Workflow"), "Status"),
                Json.text(f, "WorkflowState"));
        d.suppressed = "SUPPRESSED".equalsIgnoreCase(d.workflowStatus);
        d.resolved = "RESOLVED".equalsIgnoreCase(d.workflowStatus);
        d.nativeStatus = Arns.firstNonBlank(Json.text(pf, "aws/inspector/FindingStatus"), d.workflowStatus);
        if ("CLOSED".equalsIgnoreCase(Json.text(pf, "aws/inspector/FindingStatus"))) {
            d.resolved = true;
        }
        d.sample = Json.isTrue(f, "Sample")
                || (guardDuty && "true".equalsIgnoreCase(gd(pf, "additionalInfo/sample")));
        d.lastUpdatedBy = Json.text(Json.objOrNull(f, "Note"), "UpdatedBy");
        d.noteUpdatedAt = Timestamps.read(Json.objOrNull(f, "Note"), "UpdatedAt");
    }

    /** GuardDuty's own fields flattened into ProductFields ("aws/guardduty/service/count" or legacy "count"). */
    private static void readGuardDutyFields(JsonNode pf, FindingDraft d) {
        Double count = Json.parseDouble(gd(pf, "count"));
        if (count != null) {
            d.count = (long) count.doubleValue();
        }
        if ("true".equalsIgnoreCase(gd(pf, "archived"))) {
            d.archived = true;
        }
        d.resourceRole = gd(pf, "resourceRole");
        String list = gd(pf, "additionalInfo/threatListName");
        String name = gd(pf, "additionalInfo/threatName");
        d.threatListNames = list == null ? List.of() : List.of(list);
        d.threatNames = name == null ? List.of() : List.of(name);
    }

    static String gd(JsonNode pf, String key) {
        if (pf == null) {
            return null;
        }
        String v = Json.text(pf, GD_PREFIX + key);
        return v != null ? v : Json.text(pf, key);
    }
}
