package dev.findingsresponder.model.decode;

import com.fasterxml.jackson.databind.JsonNode;
import dev.findingsresponder.model.Finding;
import dev.findingsresponder.model.SeverityLabel;
import dev.findingsresponder.model.Source;
import java.util.List;
import java.util.Map;

/**
 * AWS Config: EventBridge {@code aws.config} "Config Rules Compliance Change" and "Config Configuration Item
 * Change", and the same notifications delivered through SNS ({@code messageType} ComplianceChangeNotification /
 * ConfigurationItemChangeNotification).
 *
 * <p>Config gives no severity. NON_COMPLIANT is MEDIUM (4.0): the severity Security Hub itself assigns to Config
 * rule findings (Label MEDIUM, Normalized 40), so the same evaluation scores alike on both channels.
 * COMPLIANT / NOT_APPLICABLE are INFORMATIONAL and resolved; INSUFFICIENT_DATA and configuration item
 * changes are INFORMATIONAL.
 */
final class ConfigDecoder implements SourceDecoder {

    static final String COMPLIANCE_CHANGE = "Config Rules Compliance Change";
    static final String ITEM_CHANGE = "Config Configuration Item Change";
    static final String COMPLIANCE_MESSAGE = "ComplianceChangeNotification";
    static final String ITEM_MESSAGE = "ConfigurationItemChangeNotification";
    private static final Finding.Product PRODUCT = new Finding.Product("Config", "AWS", null, Source.CONFIG);

    private static final List<String> DETAIL_TYPES = List.of(COMPLIANCE_CHANGE, ITEM_CHANGE);

    @Override
    public Source source() {
        return Source.CONFIG;
    }

    @Override
    public String eventSource() {
        return "aws.config";
    }

    @Override
    public List<String> detailTypes() {
        return DETAIL_TYPES;
    }

    /** A Config notification: has {@code messageType} + {@code recordVersion}, a rule evaluation, or a CI. */
    @Override
    public boolean recognizes(JsonNode node) {
        return (node.has("messageType") && node.has("recordVersion"))
                || (node.has("configRuleName") && node.has("newEvaluationResult"))
                || node.has("configurationItem");
    }

    @Override
    public List<Finding> decodeDetail(JsonNode detail, JPath at, EventContext ctx) {
        return decodeBare(detail, at, ctx, 0);
    }

    @Override
    public List<Finding> decodeBare(JsonNode node, JPath at, EventContext ctx, int index) {
        String messageType = Json.text(node, "messageType");
        boolean itemChange = ITEM_MESSAGE.equals(messageType) || ITEM_CHANGE.equals(ctx.detailType())
                || (messageType == null && node.has("configurationItem"));
        if (itemChange) {
            return List.of(itemChange(node, at, ctx, index));
        }
        if (messageType != null && !COMPLIANCE_MESSAGE.equals(messageType)) {
            throw new DecodeException(RejectReason.UNKNOWN_DETAIL_TYPE, at.child("messageType") + ": Config \""
                    + messageType + "\" carries no finding (accepted: " + COMPLIANCE_MESSAGE + ", " + ITEM_MESSAGE + ")");
        }
        return List.of(complianceChange(node, at, ctx, index));
    }

    private Finding complianceChange(JsonNode n, JPath at, EventContext ctx, int index) {
        FindingDraft d = new FindingDraft(Source.CONFIG, ctx, index);
        String rule = Json.requiredText(n, "configRuleName", at);
        String resourceType = Json.requiredText(n, "resourceType", at);
        String resourceId = Json.requiredText(n, "resourceId", at);
        JsonNode result = Json.requiredObject(n, "newEvaluationResult", at);
        String complianceType = Json.requiredText(result, "complianceType", at.field("newEvaluationResult"));
        JsonNode old = Json.obj(n, "oldEvaluationResult", at);
        account(d, n, at, ctx);
        d.nativeId = rule + '/' + resourceType + '/' + resourceId;
        d.product = PRODUCT;
        d.type = rule;
        d.title = resourceType + ' ' + resourceId + " is " + complianceType + " with Config rule " + rule;
        String annotation = Json.text(result, "annotation");
        d.description = annotation;
        d.createdAt = Timestamps.read(result, "resultRecordedTime");
        d.firstSeen = Timestamps.read(Json.objOrNull(result, "evaluationResultIdentifier"), "orderingTimestamp");
        d.lastSeen = d.firstSeen;
        d.updatedAt = Timestamps.read(n, "notificationCreationTime");
        if (d.updatedAt == null) {
            d.updatedAt = d.createdAt != null ? d.createdAt : ctx.eventTime();
        }
        boolean nonCompliant = "NON_COMPLIANT".equals(complianceType);
        boolean compliant = "COMPLIANT".equals(complianceType);
        d.severity = nonCompliant ? Severities.labelled(complianceType, SeverityLabel.MEDIUM, null)
                : Severities.labelled(complianceType, SeverityLabel.INFORMATIONAL, null);
        d.resolved = compliant || "NOT_APPLICABLE".equals(complianceType);
        d.nativeStatus = complianceType;
        d.compliance = new Finding.Compliance(rule, Json.text(n, "configRuleARN"), null, List.of(), complianceType,
                Json.text(old, "complianceType"), nonCompliant ? Boolean.FALSE : compliant ? Boolean.TRUE : null,
                annotation);
        ResourceDraft r = new ResourceDraft();
        r.type = resourceType;
        r.id = resourceId;
        r.region = d.region;
        configResourceIds(r, resourceType, resourceId);
        d.resource = r.build();
        return d.build();
    }

    private Finding itemChange(JsonNode n, JPath at, EventContext ctx, int index) {
        FindingDraft d = new FindingDraft(Source.CONFIG, ctx, index);
        JPath ciAt = at.field("configurationItem");
        JsonNode ci = Json.requiredObject(n, "configurationItem", at);
        String resourceType = Json.requiredText(ci, "resourceType", ciAt);
        String resourceId = Json.requiredText(ci, "resourceId", ciAt);
        String stateId = Json.text(ci, "configurationStateId");
        String capture = Json.text(ci, "configurationItemCaptureTime");
        account(d, ci, ciAt, ctx);
        String change = Json.text(Json.objOrNull(n, "configurationItemDiff"), "changeType");
        d.nativeId = resourceType + '/' + resourceId + '@' + Arns.firstNonBlank(stateId, capture, "unknown");
        d.product = PRODUCT;
        d.type = "ConfigurationItemChange";
        d.title = resourceType + ' ' + resourceId + ' ' + (change == null ? "changed" : change)
                + " (" + Arns.firstNonBlank(Json.text(ci, "configurationItemStatus"), "OK") + ")";
        d.createdAt = Timestamps.read(ci, "configurationItemCaptureTime");
        d.firstSeen = d.createdAt;
        d.lastSeen = d.createdAt;
        d.updatedAt = Timestamps.read(n, "notificationCreationTime");
        d.severity = Severities.labelled(Arns.firstNonBlank(change, "CHANGE"), SeverityLabel.INFORMATIONAL, null);
        d.nativeStatus = Json.text(ci, "configurationItemStatus");
        ResourceDraft r = new ResourceDraft();
        r.type = resourceType;
        r.id = resourceId;
        r.arn = Json.text(ci, "ARN");
        r.name = Json.text(ci, "resourceName");
        r.region = d.region;
        configResourceIds(r, resourceType, resourceId);
        JsonNode tags = Json.objOrNull(ci, "tags");
        if (tags != null) {
            for (Map.Entry<String, JsonNode> e : tags.properties()) {
                r.tag(e.getKey(), Json.text(e.getValue()));
            }
        }
        JsonNode conf = Json.objOrNull(ci, "configuration");
        if ("AWS::EC2::Instance".equals(resourceType) && conf != null) {
            r.instanceType = Json.text(conf, "instanceType");
            r.imageId = Json.text(conf, "imageId");
            r.vpcId = Json.text(conf, "vpcId");
            r.subnetId = Json.text(conf, "subnetId");
            IpAddresses.classify(Json.text(conf, "privateIpAddress"), r.publicIps, r.privateIps);
            IpAddresses.classify(Json.text(conf, "publicIpAddress"), r.publicIps, r.privateIps);
        }
        d.resource = r.build();
        return d.build();
    }

    /** Account and region: notification fields, then the envelope. */
    private static void account(FindingDraft d, JsonNode n, JPath at, EventContext ctx) {
        d.account = Arns.firstNonBlank(Json.text(n, "awsAccountId"), ctx.envelopeAccount());
        if (d.account == null) {
            throw Json.missing(at, "awsAccountId");
        }
        d.region = Arns.firstNonBlank(Json.text(n, "awsRegion"), ctx.envelopeRegion(),
                Arns.region(Json.text(n, "configRuleARN")));
        if (d.region == null) {
            throw Json.missing(at, "awsRegion");
        }
    }

    private static void configResourceIds(ResourceDraft r, String type, String id) {
        switch (type) {
            case "AWS::EC2::Instance" -> r.instanceId = id;
            case "AWS::IAM::User" -> r.principal = id;
            case "AWS::S3::Bucket" -> r.name = r.name == null ? id : r.name;
            case "AWS::Lambda::Function" -> r.name = r.name == null ? id : r.name;
            case "AWS::EC2::VPC" -> r.vpcId = id;
            case "AWS::EC2::Subnet" -> r.subnetId = id;
            default -> {
                // resourceId is all we know
            }
        }
    }
}
