package dev.findingsresponder.model.decode;

import com.fasterxml.jackson.databind.JsonNode;
import dev.findingsresponder.model.Direction;
import dev.findingsresponder.model.Finding;
import dev.findingsresponder.model.IndicatorKind;
import dev.findingsresponder.model.SeverityLabel;
import dev.findingsresponder.model.Source;
import java.util.ArrayList;
import java.util.List;

/**
 * Inspector2: EventBridge {@code aws.inspector2} "Inspector2 Finding" and bare ListFindings elements.
 * Required: {@code findingArn}, {@code severity} (a label), {@code type}, and an account (finding, ARN or envelope).
 */
final class InspectorDecoder implements SourceDecoder {

    static final String DETAIL_TYPE = "Inspector2 Finding";
    private static final Finding.Product PRODUCT = new Finding.Product("Inspector", "Amazon", null, Source.INSPECTOR);

    private static final List<String> DETAIL_TYPES = List.of(DETAIL_TYPE);

    @Override
    public Source source() {
        return Source.INSPECTOR;
    }

    @Override
    public String eventSource() {
        return "aws.inspector2";
    }

    @Override
    public List<String> detailTypes() {
        return DETAIL_TYPES;
    }

    @Override
    public boolean recognizes(JsonNode node) {
        return node.has("findingArn") && (node.has("awsAccountId") || node.has("resources"));
    }

    @Override
    public List<Finding> decodeDetail(JsonNode detail, JPath at, EventContext ctx) {
        return List.of(decode(detail, at, ctx, 0));
    }

    @Override
    public List<Finding> decodeBare(JsonNode node, JPath at, EventContext ctx, int index) {
        return List.of(decode(node, at, ctx, index));
    }

    private Finding decode(JsonNode f, JPath at, EventContext ctx, int index) {
        FindingDraft d = new FindingDraft(Source.INSPECTOR, ctx, index);
        String arn = Json.requiredText(f, "findingArn", at);
        d.nativeId = arn;
        d.type = Json.requiredText(f, "type", at);
        String label = Json.requiredText(f, "severity", at);
        Double inspectorScore = Json.number(f, "inspectorScore");
        d.severity = severity(label, inspectorScore, at);
        d.account = Arns.firstNonBlank(Json.text(f, "awsAccountId"), Arns.account(arn), ctx.envelopeAccount());
        if (d.account == null) {
            throw Json.missing(at, "awsAccountId");
        }
        JsonNode resources = Json.arr(f, "resources", at);
        JsonNode first = resources != null && !resources.isEmpty() ? resources.get(0) : null;
        d.region = Arns.firstNonBlank(Arns.region(arn), region(first), ctx.envelopeRegion());
        if (d.region == null) {
            throw new DecodeException(RejectReason.MISSING_FIELD, "no region in " + at.child("findingArn")
                    + ", " + at.child("resources") + " or the envelope");
        }
        d.partition = Arns.firstNonBlank(Arns.partition(arn), partition(first));
        d.product = PRODUCT;
        d.title = Json.text(f, "title");
        d.description = Json.text(f, "description");
        d.firstSeen = Timestamps.read(f, "firstObservedAt");
        d.lastSeen = Timestamps.read(f, "lastObservedAt");
        d.createdAt = d.firstSeen;
        d.updatedAt = Timestamps.read(f, "updatedAt");
        String status = Json.text(f, "status");
        d.nativeStatus = status;
        d.suppressed = "SUPPRESSED".equalsIgnoreCase(status);
        d.resolved = "CLOSED".equalsIgnoreCase(status);

        if (resources != null) {
            List<Finding.Resource> more = new ArrayList<>(0);
            for (int i = 0; i < resources.size(); i++) {
                Finding.Resource r = InspectorResources.extract(resources.get(i), d.region);
                if (i == 0) {
                    d.resource = r;
                } else {
                    more.add(r);
                }
            }
            d.additionalResources = more;
        }
        d.vulnerability = vulnerability(f, inspectorScore);
        JsonNode reach = Json.objOrNull(f, "networkReachabilityDetails");
        if (reach != null) {
            JsonNode range = Json.objOrNull(reach, "openPortRange");
            Integer begin = Json.port(range, "begin");
            Integer end = Json.port(range, "end");
            d.network.add(new Finding.NetworkIndicator(IndicatorKind.NETWORK_REACHABILITY, Direction.INBOUND, null,
                    null, null, null, begin, end, Json.text(reach, "protocol"), null, null, null, null, null, null,
                    null));
        }
        return d.build();
    }

    /**
     * The label is authoritative; the score is {@code inspectorScore} when it lies in the label's band, else the
     * label's default. UNTRIAGED (not yet rated) takes its label from the score if there is one, else MEDIUM.
     */
    private static Finding.Severity severity(String label, Double score, JPath at) {
        SeverityLabel l = Severities.label(label);
        if (l == null && "UNTRIAGED".equalsIgnoreCase(label)) {
            return score != null ? Severities.scored(label, score) : Severities.labelled(label, SeverityLabel.MEDIUM, null);
        }
        if (l == null) {
            throw new DecodeException(RejectReason.WRONG_TYPE, at.child("severity")
                    + ": expected one of INFORMATIONAL, LOW, MEDIUM, HIGH, CRITICAL, UNTRIAGED, got string \"" + label
                    + "\"");
        }
        return Severities.labelled(label, l, score);
    }

    private static Finding.Vulnerability vulnerability(JsonNode f, Double inspectorScore) {
        JsonNode pkg = Json.objOrNull(f, "packageVulnerabilityDetails");
        JsonNode code = Json.objOrNull(f, "codeVulnerabilityDetails");
        if (pkg == null && code == null) {
            return null;
        }
        List<String> ids = new ArrayList<>(1);
        List<Finding.Cvss> cvss = new ArrayList<>(2);
        List<Finding.VulnerablePackage> packages = new ArrayList<>(1);
        if (pkg != null) {
            GuardDutyResources.addUnique(ids, Json.text(pkg, "vulnerabilityId"));
            JsonNode scores = Json.arrOrNull(pkg, "cvss");
            if (scores != null) {
                for (JsonNode c : scores) {
                    cvss.add(new Finding.Cvss(Json.number(c, "baseScore"), Json.text(c, "version"),
                            Json.text(c, "scoringVector"), Json.text(c, "source")));
                }
            }
            JsonNode pkgs = Json.arrOrNull(pkg, "vulnerablePackages");
            if (pkgs != null) {
                for (JsonNode p : pkgs) {
                    packages.add(new Finding.VulnerablePackage(Json.text(p, "name"), Json.text(p, "version"),
                            Json.text(p, "fixedInVersion"), Json.text(p, "packageManager"), Json.text(p, "filePath")));
                }
            }
        }
        List<String> cwes = code == null ? List.of() : Json.texts(code, "cwes");
        return new Finding.Vulnerability(ids, cwes, cvss, inspectorScore, Json.number(Json.objOrNull(f, "epss"), "score"),
                yesNo(Json.text(f, "exploitAvailable")), yesNo(Json.text(f, "fixAvailable")), packages);
    }

    /** YES (and PARTIAL) to true, NO to false, anything else to {@code null}. */
    static Boolean yesNo(String s) {
        if (s == null) {
            return null;
        }
        if (s.equalsIgnoreCase("YES") || s.equalsIgnoreCase("PARTIAL") || s.equalsIgnoreCase("true")) {
            return Boolean.TRUE;
        }
        return s.equalsIgnoreCase("NO") || s.equalsIgnoreCase("false") ? Boolean.FALSE : null;
    }

    private static String region(JsonNode resource) {
        String r = Json.text(resource, "region");
        return r == null || r.equals("N/A") ? null : r;
    }

    private static String partition(JsonNode resource) {
        String p = Json.text(resource, "partition");
        return p == null || p.equals("N/A") ? null : p;
    }
}
