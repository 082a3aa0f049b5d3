package dev.findingsresponder.model.decode;

import com.fasterxml.jackson.databind.JsonNode;
import dev.findingsresponder.model.Finding;
import dev.findingsresponder.model.Source;
import java.util.ArrayList;
import java.util.List;

/**
 * Security Hub: EventBridge {@code aws.securityhub} events whose {@code detail.findings[]} holds ASFF findings
 * ("Security Hub Findings - Imported", "Security Hub Findings - Custom Action") or OCSF findings
 * ("Findings Imported V2", Security Hub v2), one canonical finding per element; also bare ASFF/OCSF findings.
 */
final class SecurityHubDecoder implements SourceDecoder {

    static final String IMPORTED = "Security Hub Findings - Imported";
    static final String CUSTOM_ACTION = "Security Hub Findings - Custom Action";
    static final String IMPORTED_V2 = "Findings Imported V2";

    private final AsffDecoder asff = new AsffDecoder();
    private final OcsfDecoder ocsf = new OcsfDecoder();

    private static final List<String> DETAIL_TYPES = List.of(IMPORTED, CUSTOM_ACTION, IMPORTED_V2);

    @Override
    public Source source() {
        return Source.SECURITY_HUB;
    }

    @Override
    public String eventSource() {
        return "aws.securityhub";
    }

    @Override
    public List<String> detailTypes() {
        return DETAIL_TYPES;
    }

    /** One ASFF finding ({@code SchemaVersion} + {@code ProductArn}) or one OCSF finding ({@code finding_info}). */
    @Override
    public boolean recognizes(JsonNode node) {
        return (node.has("SchemaVersion") && node.has("ProductArn"))
                || (node.has("finding_info") && node.has("metadata"));
    }

    @Override
    public List<Finding> decodeDetail(JsonNode detail, JPath at, EventContext ctx) {
        JsonNode findings = Json.requiredArray(detail, "findings", at);
        if (findings.isEmpty()) {
            throw new DecodeException(RejectReason.NO_FINDINGS, at.child("findings") + " is empty: the event holds no finding");
        }
        JPath listAt = at.field("findings");
        List<Finding> out = new ArrayList<>(findings.size());
        for (int i = 0; i < findings.size(); i++) {
            JsonNode f = findings.get(i);
            JPath fAt = listAt.index(i);
            if (!f.isObject()) {
                throw new DecodeException(RejectReason.WRONG_TYPE, fAt + ": expected an object, got " + Json.describe(f));
            }
            out.add(decodeOne(f, fAt, ctx, i));
        }
        return out;
    }

    @Override
    public List<Finding> decodeBare(JsonNode node, JPath at, EventContext ctx, int index) {
        return List.of(decodeOne(node, at, ctx, index));
    }

    private Finding decodeOne(JsonNode f, JPath at, EventContext ctx, int index) {
        return f.has("finding_info") ? ocsf.decode(f, at, ctx, index) : asff.decode(f, at, ctx, index);
    }

    /** The AWS service behind a Security Hub product ARN / OCSF product uid, {@code null} for partners. */
    static Source productSource(String productArn, String productName) {
        if (productArn != null) {
            if (productArn.endsWith("/aws/guardduty")) {
                return Source.GUARDDUTY;
            }
            if (productArn.endsWith("/aws/inspector")) {
                return Source.INSPECTOR;
            }
            if (productArn.endsWith("/aws/config")) {
                return Source.CONFIG;
            }
            if (productArn.endsWith("/aws/securityhub")) {
                return Source.SECURITY_HUB;
            }
        }
        if (productName != null) {
            return switch (productName) {
                case "GuardDuty", "Amazon GuardDuty" -> Source.GUARDDUTY;
                case "Inspector", "Amazon Inspector" -> Source.INSPECTOR;
                case "Config", "AWS Config" -> Source.CONFIG;
                case "Security Hub", "AWS Security Hub" -> Source.SECURITY_HUB;
                default -> null;
            };
        }
        return null;
    }

    /**
     * GuardDuty finding type from an ASFF/OCSF type list: ASFF writes {@code TTPs/Initial Access/
     * UnauthorizedAccess:EC2-SSHBruteForce}; the GuardDuty type is the last segment with the first '-' after
     * the ':' turned back into '/'. Falls back to the first type.
     */
    static String guardDutyType(List<String> types) {
        for (String t : types) {
            String seg = t.substring(t.lastIndexOf('/') + 1);
            int colon = seg.indexOf(':');
            if (colon > 0) {
                int dash = seg.indexOf('-', colon);
                return dash > 0 ? seg.substring(0, dash) + '/' + seg.substring(dash + 1) : seg;
            }
            if (t.indexOf(':') > 0 && t.indexOf('/') > t.indexOf(':')) {
                return t;
            }
        }
        return types.isEmpty() ? null : types.get(0);
    }
}
