package dev.findingsresponder.triage;

import dev.findingsresponder.model.Direction;
import dev.findingsresponder.model.Finding;
import dev.findingsresponder.model.IndicatorKind;
import dev.findingsresponder.model.Score;
import dev.findingsresponder.model.SeverityLabel;
import dev.findingsresponder.model.Source;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Canonical findings for tests, built directly: {@code TestFindings.guardDuty("Recon:EC2/PortProbeUnprotectedPort")
 * .severity(5.0).instance("i-0abc").remoteIp("198.51.100.7").build()}.
 */
public final class TestFindings {

    public static final String ACCOUNT = "111122223333";
    public static final String REGION = "us-east-1";
    private static final Instant NOW = Instant.parse("2024-06-11T09:00:00Z");

    private TestFindings() {
    }

    public static Builder guardDuty(String type) {
        return new Builder(Source.GUARDDUTY, "GuardDuty", type).severity(5.0);
    }

    public static Builder inspector(String type) {
        return new Builder(Source.INSPECTOR, "Inspector", type).severity(5.0);
    }

    /** A Config rule evaluation of a resource: NON_COMPLIANT (MEDIUM, 4.0) unless changed. */
    public static Builder config(String ruleName, String resourceType, String resourceId) {
        return new Builder(Source.CONFIG, "Config", ruleName).severity(4.0)
                .resource(resourceType, resourceId)
                .compliance(ruleName, "NON_COMPLIANT");
    }

    /** A finding delivered through Security Hub, produced by {@code producer} ({@code null} for a partner). */
    public static Builder securityHub(Source producer, String type) {
        Builder b = new Builder(Source.SECURITY_HUB, producer == null ? "Partner" : "Security Hub", type);
        b.productSource = producer;
        return b.severity(5.0);
    }

    /** A score of {@code value} with its label and one base factor. */
    public static Score score(int value) {
        return new Score(value, Score.labelOf(value), List.of(new Score.Factor("base-severity", value, "test")), false);
    }

    public static final class Builder {
        private final Source source;
        private final String productName;
        private Source productSource;
        private final String type;
        private String account = ACCOUNT;
        private String region = REGION;
        private double severity;
        private SeverityLabel label;
        private Finding.Resource resource;
        private final List<Finding.NetworkIndicator> network = new ArrayList<>();
        private Finding.Vulnerability vulnerability;
        private Finding.Compliance compliance;
        private String resourceRole;
        private boolean sample;
        private boolean suppressed;
        private String nativeStatus;
        private long count = 1;
        private String noteBy;
        private Instant noteAt;

        private Builder(Source source, String productName, String type) {
            this.source = source;
            this.productName = productName;
            this.productSource = source;
            this.type = type;
        }

        public Builder account(String value) {
            this.account = value;
            return this;
        }

        public Builder region(String value) {
            this.region = value;
            return this;
        }

        /** Normalized 0-10 severity; the label follows the standard bands. */
        public Builder severity(double normalized) {
            this.severity = normalized;
            this.label = SeverityLabel.fromScore(normalized);
            return this;
        }

        public Builder resource(String resourceType, String id) {
            return resource(resourceType, id, null, Map.of());
        }

        public Builder resource(String resourceType, String id, String name, Map<String, String> tags) {
            this.resource = new Finding.Resource(resourceType, id, null, name, region, null, null, null, null, null,
                    null, null, null, new LinkedHashMap<>(tags), null, null, null, null, null);
            return this;
        }

        /** An EC2 instance (GuardDuty {@code Instance}) in a VPC subnet, with tags. */
        public Builder instance(String instanceId, Map<String, String> tags) {
            this.resource = new Finding.Resource("Instance", instanceId,
                    "arn:aws:ec2:" + region + ":" + account + ":instance/" + instanceId, null, region, instanceId,
                    "t3.micro", null, "vpc-0123456789abcdef0", "subnet-0aa11bb22cc33dd44", null, null,
                    List.of("10.0.1.15"), new LinkedHashMap<>(tags), null, null, null, null, null);
            return this;
        }

        public Builder instance(String instanceId) {
            return instance(instanceId, Map.of());
        }

        /** An IAM access key used by {@code principal}. */
        public Builder accessKey(String accessKeyId, String principal) {
            this.resource = new Finding.Resource("AccessKey", accessKeyId, null, principal, region, null, null, null,
                    null, null, null, null, null, null, null, null, null, accessKeyId, principal);
            return this;
        }

        /** An inbound remote party (network connection) with this address. */
        public Builder remoteIp(String address) {
            network.add(new Finding.NetworkIndicator(IndicatorKind.NETWORK_CONNECTION, Direction.INBOUND, address,
                    address.contains(":") ? 6 : 4, 40_000, "10.0.1.15", 22, null, "TCP", "NL", "Netherlands",
                    64500L, "Example AS", "Example Org", null, false));
            return this;
        }

        /** A DNS indicator: a domain, no address. */
        public Builder domain(String domain) {
            network.add(new Finding.NetworkIndicator(IndicatorKind.DNS_REQUEST, Direction.OUTBOUND, null, null, null,
                    null, null, null, null, null, null, null, null, null, domain, null));
            return this;
        }

        public Builder vulnerability(String cve, double inspectorScore, Boolean exploitAvailable) {
            this.vulnerability = new Finding.Vulnerability(List.of(cve), null,
                    List.of(new Finding.Cvss(inspectorScore, "3.1", null, "NVD")), inspectorScore, null,
                    exploitAvailable, true, null);
            return this;
        }

        public Builder compliance(String ruleName, String complianceType) {
            this.compliance = new Finding.Compliance(ruleName, null, null, null, complianceType, "COMPLIANT",
                    "NON_COMPLIANT".equals(complianceType) ? Boolean.FALSE : Boolean.TRUE, null);
            return this;
        }

        public Builder resourceRole(String role) {
            this.resourceRole = role;
            return this;
        }

        /** Occurrences the source aggregated into the finding (GuardDuty {@code service.count}). */
        public Builder count(long occurrences) {
            this.count = occurrences;
            return this;
        }

        /** A Security Hub note written by {@code by} at {@code at} (the finding itself was updated at 09:00Z). */
        public Builder note(String by, Instant at) {
            this.noteBy = by;
            this.noteAt = at;
            return this;
        }

        public Builder sample() {
            this.sample = true;
            return this;
        }

        /** Suppressed at the source (Inspector status SUPPRESSED, Security Hub workflow SUPPRESSED). */
        public Builder suppressedAtSource() {
            this.suppressed = true;
            this.nativeStatus = "SUPPRESSED";
            return this;
        }

        public Finding build() {
            String nativeId = Integer.toHexString((type + account + region + network).hashCode());
            String prefix = (productSource == null ? Source.SECURITY_HUB : productSource).idPrefix();
            return new Finding(prefix + ":" + account + ":" + region + ":" + nativeId, nativeId, source,
                    new Finding.Product(productName, "Amazon", null, productSource), type, List.of(type),
                    type + " (test finding)", null, account, region, "aws", NOW, NOW, NOW, NOW, count,
                    new Finding.Severity(String.valueOf(severity), severity, label), resource, null,
                    List.copyOf(network), vulnerability, compliance, resourceRole, null, null,
                    new Finding.FindingState(false, suppressed, false, sample, null, null, nativeStatus, noteBy,
                            noteAt), null);
        }
    }
}
