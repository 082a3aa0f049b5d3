package dev.findingsresponder.model.decode;

import com.fasterxml.jackson.databind.JsonNode;
import dev.findingsresponder.model.Finding;
import java.util.ArrayList;
import java.util.List;

/** ASFF {@code Compliance} (plus Config / control ProductFields) and {@code Vulnerabilities}. */
final class AsffDetails {

    private AsffDetails() {
    }

    static Finding.Compliance compliance(JsonNode f, JsonNode pf) {
        JsonNode c = Json.objOrNull(f, "Compliance");
        String configType = Json.text(pf, "aws/config/ConfigComplianceType");
        if (c == null && configType == null) {
            return null;
        }
        String status = Json.text(c, "Status");
        String type = Arns.firstNonBlank(configType, status);
        String ruleName = Arns.firstNonBlank(Json.text(pf, "aws/config/ConfigRuleName"),
                Json.text(pf, "RelatedAWSResources:0/name"));
        String controlId = Arns.firstNonBlank(Json.text(c, "SecurityControlId"), Json.text(pf, "ControlId"),
                Json.text(pf, "RuleId"));
        List<String> standards = new ArrayList<>(1);
        JsonNode assoc = Json.arrOrNull(c, "AssociatedStandards");
        if (assoc != null) {
            for (JsonNode s : assoc) {
                GuardDutyResources.addUnique(standards, Json.text(s, "StandardsId"));
            }
        }
        if (standards.isEmpty()) {
            GuardDutyResources.addUnique(standards,
                    Arns.firstNonBlank(Json.text(pf, "StandardsArn"), Json.text(pf, "StandardsGuideArn")));
        }
        Boolean compliant = null;
        if ("PASSED".equals(status) || "COMPLIANT".equals(configType)) {
            compliant = Boolean.TRUE;
        } else if ("FAILED".equals(status) || "NON_COMPLIANT".equals(configType)) {
            compliant = Boolean.FALSE;
        }
        return new Finding.Compliance(ruleName, Json.text(pf, "aws/config/ConfigRuleArn"), controlId, standards, type,
                null, compliant, Json.text(pf, "aws/securityhub/annotation"));
    }

    static Finding.Vulnerability vulnerability(JsonNode f, JsonNode pf) {
        JsonNode vulns = Json.arrOrNull(f, "Vulnerabilities");
        if (vulns == null || vulns.isEmpty()) {
            return null;
        }
        List<String> ids = new ArrayList<>(vulns.size());
        List<Finding.Cvss> cvss = new ArrayList<>(2);
        List<Finding.VulnerablePackage> packages = new ArrayList<>(2);
        Boolean exploit = null;
        Boolean fix = null;
        Double epss = Json.number(f, "EpssScore");
        for (JsonNode v : vulns) {
            GuardDutyResources.addUnique(ids, Json.text(v, "Id"));
            JsonNode scores = Json.arrOrNull(v, "Cvss");
            if (scores != null) {
                for (JsonNode c : scores) {
                    cvss.add(new Finding.Cvss(Json.number(c, "BaseScore"), Json.text(c, "Version"),
                            Json.text(c, "BaseVector"), Json.text(c, "Source")));
                }
            }
            JsonNode pkgs = Json.arrOrNull(v, "VulnerablePackages");
            if (pkgs != null) {
                for (JsonNode p : pkgs) {
                    packages.add(new Finding.VulnerablePackage(Json.text(p, "Name"), Json.text(p, "Version"),
                            Json.text(p, "FixedInVersion"), Json.text(p, "PackageManager"), Json.text(p, "FilePath")));
                }
            }
            exploit = any(exploit, InspectorDecoder.yesNo(Json.text(v, "ExploitAvailable")));
            fix = any(fix, InspectorDecoder.yesNo(Json.text(v, "FixAvailable")));
            if (epss == null) {
                epss = Json.number(Json.objOrNull(v, "EpssScore"), "Score");
            }
        }
        return new Finding.Vulnerability(ids, List.of(), cvss, Json.number(pf, "aws/inspector/inspectorScore"), epss,
                exploit, fix, packages);
    }

    private static Boolean any(Boolean acc, Boolean next) {
        if (next == null) {
            return acc;
        }
        return acc == null ? next : acc || next;
    }
}
