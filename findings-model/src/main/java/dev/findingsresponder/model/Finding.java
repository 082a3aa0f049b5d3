package dev.findingsresponder.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The canonical security finding: one shape for GuardDuty, Inspector2, AWS Config and Security Hub
 * (ASFF and OCSF). See {@code findings-model/README.md} for every field and where each source puts it.
 *
 * <p>Collections are never {@code null} (absent means empty). Nested objects that only apply to some
 * sources ({@code vulnerability}, {@code compliance}, {@code resource}) are {@code null} when absent.
 *
 * @param id                 canonical stable id: {@code <product>:<account>:<region>:<nativeId>} (see README)
 * @param nativeId           the product's own id of the finding (GuardDuty id, Inspector finding ARN, ...)
 * @param source             the service whose event or notification delivered the finding
 * @param product            the product that produced the finding (differs from {@code source} for Security Hub)
 * @param type               the finding type (GuardDuty type, Inspector type, Config rule name, ASFF type)
 * @param types              every type/category the source gives (ASFF {@code Types}); contains {@code type}
 * @param title              short human-readable title
 * @param description        longer description, may be {@code null}
 * @param account            12-digit AWS account the finding is about (member account)
 * @param region             AWS region of the finding
 * @param partition          AWS partition ({@code aws}, {@code aws-cn}, ...), {@code aws} if unknown
 * @param createdAt          when the product created the finding
 * @param firstSeen          first observation of the activity or issue
 * @param lastSeen           last observation of the activity or issue
 * @param updatedAt          last update of the finding by the product (repeats move it forward)
 * @param count              occurrences aggregated in this finding (GuardDuty {@code service.count}), at least 1
 * @param severity           native, normalized 0-10 and label
 * @param resource           the primary affected resource, {@code null} if the finding names none
 * @param additionalResources further affected resources (ASFF / Inspector list more than one)
 * @param network            every remote network indicator (attacker address, domain, open port range)
 * @param vulnerability      CVE/CWE details for Inspector and ASFF vulnerability findings, else {@code null}
 * @param compliance         rule / control compliance for Config and Security Hub controls, else {@code null}
 * @param resourceRole       GuardDuty {@code resourceRole}: TARGET (resource attacked) or ACTOR (resource attacking)
 * @param threatListNames    threat-intelligence list names that matched (GuardDuty evidence / additionalInfo)
 * @param threatNames        threat names reported with those lists
 * @param state              lifecycle: archived, suppressed, resolved, sample, workflow, last updater
 * @param raw                reference to the raw input (event id, SHA-256 of the raw bytes, form)
 */
public record Finding(
        String id,
        String nativeId,
        Source source,
        Product product,
        String type,
        List<String> types,
        String title,
        String description,
        String account,
        String region,
        String partition,
        Instant createdAt,
        Instant firstSeen,
        Instant lastSeen,
        Instant updatedAt,
        long count,
        Severity severity,
        Resource resource,
        List<Resource> additionalResources,
        List<NetworkIndicator> network,
        Vulnerability vulnerability,
        Compliance compliance,
        String resourceRole,
        List<String> threatListNames,
        List<String> threatNames,
        FindingState state,
        RawRef raw) {

    public Finding {
        types = types == null ? List.of() : types;
        additionalResources = additionalResources == null ? List.of() : additionalResources;
        network = network == null ? List.of() : network;
        threatListNames = threatListNames == null ? List.of() : threatListNames;
        threatNames = threatNames == null ? List.of() : threatNames;
    }

    /**
     * The product that generated the finding.
     *
     * @param name          product name as the source says it (GuardDuty, Inspector, Config, Security Hub, or a partner)
     * @param company       company name (Amazon / AWS / partner), may be {@code null}
     * @param arn           ASFF {@code ProductArn} / OCSF {@code metadata.product.uid}; {@code null} for direct events
     * @param productSource the AWS source behind the product (GUARDDUTY for {@code product/aws/guardduty}, ...),
     *                      {@code null} for partner or custom products
     */
    public record Product(String name, String company, String arn, Source productSource) {
    }

    /**
     * Severity in three forms.
     *
     * @param nativeValue the value exactly as the source gives it ("8", "8.0", "HIGH", "NON_COMPLIANT", "MEDIUM/40")
     * @param normalized  0.0-10.0 on the GuardDuty/Inspector scale
     * @param label       the canonical label
     */
    public record Severity(String nativeValue, double normalized, SeverityLabel label) {
    }

    /**
     * An affected AWS resource. Only the fields the source gives are set.
     *
     * @param type              source resource type (GuardDuty {@code Instance}, Inspector {@code AWS_EC2_INSTANCE},
     *                          ASFF {@code AwsEc2Instance}, Config {@code AWS::S3::Bucket})
     * @param id                resource id (instance id, access key id, ARN, Config resourceId)
     * @param arn               resource ARN when given or derivable
     * @param name              resource name (bucket, cluster, function, user name, Config resourceName)
     * @param region            resource region
     * @param instanceId        EC2 instance id
     * @param instanceType      EC2 instance type
     * @param imageId           AMI id for instances
     * @param vpcId             VPC id
     * @param subnetId          subnet id
     * @param networkInterfaces network interfaces with their addresses and security groups
     * @param publicIps         every public address of the resource (v4 and v6)
     * @param privateIps        every private address of the resource
     * @param tags              resource tags
     * @param imageDigest       container image digest ({@code sha256:...})
     * @param repository        container image repository name
     * @param functionArn       Lambda function ARN
     * @param accessKeyId       IAM access key id (GuardDuty AccessKey, ASFF AwsIamAccessKey)
     * @param principal         IAM user / role name or principal id
     */
    public record Resource(
            String type,
            String id,
            String arn,
            String name,
            String region,
            String instanceId,
            String instanceType,
            String imageId,
            String vpcId,
            String subnetId,
            List<NetworkInterface> networkInterfaces,
            List<String> publicIps,
            List<String> privateIps,
            Map<String, String> tags,
            String imageDigest,
            String repository,
            String functionArn,
            String accessKeyId,
            String principal) {

        public Resource {
            networkInterfaces = networkInterfaces == null ? List.of() : networkInterfaces;
            publicIps = publicIps == null ? List.of() : publicIps;
            privateIps = privateIps == null ? List.of() : privateIps;
            tags = tags == null ? Map.of() : tags;
        }
    }

    /** One elastic network interface of a resource. */
    public record NetworkInterface(
            String id,
            String vpcId,
            String subnetId,
            List<String> privateIps,
            List<String> publicIps,
            List<SecurityGroup> securityGroups) {

        public NetworkInterface {
            privateIps = privateIps == null ? List.of() : privateIps;
            publicIps = publicIps == null ? List.of() : publicIps;
            securityGroups = securityGroups == null ? List.of() : securityGroups;
        }
    }

    /** A security group attached to an interface or function. */
    public record SecurityGroup(String id, String name) {
    }

    /**
     * One remote network party of the finding: an attacker address with its ports, or a queried domain,
     * or an open port range. {@code remoteIp} is {@code null} for DNS findings and reachability findings.
     *
     * @param kind         where the indicator came from
     * @param direction    traffic direction relative to the affected resource, {@code null} if not given
     * @param remoteIp     remote IPv4 or IPv6 address as given (not validated here)
     * @param ipVersion    4 or 6, {@code null} when there is no address
     * @param remotePort   remote port
     * @param localIp      local address of the affected resource
     * @param localPort    local port (start of the range for reachability)
     * @param localPortEnd end of an open port range (Inspector reachability / ASFF OpenPortRange), else {@code null}
     * @param protocol     TCP / UDP / ...
     * @param countryCode  ISO country code of the remote address
     * @param countryName  country name of the remote address
     * @param asn          autonomous system number ({@code null} when unknown; GuardDuty's -1/0 map to null)
     * @param asnOrg       AS organization
     * @param organization registrant organization (GuardDuty {@code org}, else {@code isp})
     * @param domain       queried domain (DNS) or caller domain (API call via an AWS service)
     * @param blocked      whether the source reported the traffic as blocked
     */
    public record NetworkIndicator(
            IndicatorKind kind,
            Direction direction,
            String remoteIp,
            Integer ipVersion,
            Integer remotePort,
            String localIp,
            Integer localPort,
            Integer localPortEnd,
            String protocol,
            String countryCode,
            String countryName,
            Long asn,
            String asnOrg,
            String organization,
            String domain,
            Boolean blocked) {
    }

    /**
     * Vulnerability details (Inspector package / code vulnerabilities, ASFF {@code Vulnerabilities}).
     *
     * @param ids              vulnerability ids (CVE-..., GHSA-..., ALAS-...)
     * @param cwes             CWE ids for code vulnerabilities
     * @param cvss             every CVSS score given
     * @param inspectorScore   Inspector's adjusted score (0-10), {@code null} if absent
     * @param epssScore        EPSS probability, {@code null} if absent
     * @param exploitAvailable YES to true, NO to false, absent to {@code null}
     * @param fixAvailable     YES and PARTIAL to true, NO to false, absent to {@code null}
     * @param packages         vulnerable packages with installed and fixed versions
     */
    public record Vulnerability(
            List<String> ids,
            List<String> cwes,
            List<Cvss> cvss,
            Double inspectorScore,
            Double epssScore,
            Boolean exploitAvailable,
            Boolean fixAvailable,
            List<VulnerablePackage> packages) {

        public Vulnerability {
            ids = ids == null ? List.of() : ids;
            cwes = cwes == null ? List.of() : cwes;
            cvss = cvss == null ? List.of() : cvss;
            packages = packages == null ? List.of() : packages;
        }

        /** Highest CVSS base score given, or {@code null}. */
        public Double maxCvss() {
            Double max = null;
            for (Cvss c : cvss) {
                if (c.baseScore() != null && (max == null || c.baseScore() > max)) {
                    max = c.baseScore();
                }
            }
            return max;
        }
    }

    /** One CVSS score. */
    public record Cvss(Double baseScore, String version, String vector, String source) {
    }

    /** One vulnerable package. */
    public record VulnerablePackage(String name, String version, String fixedInVersion, String packageManager,
            String filePath) {
    }

    /**
     * Compliance of a resource with a rule or control.
     *
     * @param ruleName               Config rule name (direct Config, ASFF {@code aws/config/ConfigRuleName} or the
     *                               Config rule backing a Security Hub control)
     * @param ruleArn                Config rule ARN when given
     * @param controlId              Security Hub control id (e.g. {@code EC2.19}, CIS {@code 1.4})
     * @param standards              standards the control belongs to
     * @param complianceType         new state as the source says it (Config COMPLIANT / NON_COMPLIANT /
     *                               NOT_APPLICABLE / INSUFFICIENT_DATA; ASFF PASSED / FAILED / WARNING / NOT_AVAILABLE)
     * @param previousComplianceType previous state (Config {@code oldEvaluationResult}), may be {@code null}
     * @param compliant              true for COMPLIANT/PASSED, false for NON_COMPLIANT/FAILED, else {@code null}
     * @param annotation             evaluator's explanation when given
     */
    public record Compliance(
            String ruleName,
            String ruleArn,
            String controlId,
            List<String> standards,
            String complianceType,
            String previousComplianceType,
            Boolean compliant,
            String annotation) {

        public Compliance {
            standards = standards == null ? List.of() : standards;
        }
    }

    /**
     * Lifecycle state.
     *
     * @param archived       GuardDuty {@code service.archived}; ASFF {@code RecordState: ARCHIVED}
     * @param suppressed     Inspector {@code SUPPRESSED}; ASFF {@code Workflow.Status: SUPPRESSED}
     * @param resolved       Inspector {@code CLOSED}; ASFF workflow RESOLVED or compliance PASSED; Config
     *                       COMPLIANT / NOT_APPLICABLE
     * @param sample         a generated sample finding (GuardDuty {@code service.additionalInfo.sample}, ASFF {@code Sample})
     * @param workflowStatus ASFF {@code Workflow.Status} (or legacy {@code WorkflowState}); OCSF {@code status}
     * @param recordState    ASFF {@code RecordState}
     * @param nativeStatus   the source's own status (Inspector ACTIVE/SUPPRESSED/CLOSED, Config compliance type)
     * @param lastUpdatedBy  who last updated the finding (ASFF {@code Note.UpdatedBy}); lets a later stage skip
     *                       findings it updated itself, avoiding Security Hub update loops
     * @param noteUpdatedAt  when that note was written (ASFF {@code Note.UpdatedAt}); a note older than the
     *                       finding's {@code updatedAt} means the provider updated the finding since
     */
    public record FindingState(
            boolean archived,
            boolean suppressed,
            boolean resolved,
            boolean sample,
            String workflowStatus,
            String recordState,
            String nativeStatus,
            String lastUpdatedBy,
            Instant noteUpdatedAt) {
    }

    /**
     * Reference to the raw input a finding came from.
     *
     * @param eventId     EventBridge event id (or SNS MessageId when there is no event), {@code null} for bare input
     * @param sha256      lower-case hex SHA-256 of the raw input bytes exactly as received
     * @param sizeBytes   size of the raw input
     * @param form        how the input was wrapped
     * @param eventSource EventBridge {@code source} when given ({@code aws.guardduty}, ...)
     * @param detailType  EventBridge {@code detail-type} when given
     * @param eventTime   EventBridge {@code time} (or SNS Timestamp)
     * @param eventAccount the account on the envelope (the account whose bus received it; the finding's own
     *                    account is {@link Finding#account()})
     * @param index       position of the finding in the event's list (Security Hub batches), 0 otherwise
     */
    public record RawRef(
            String eventId,
            String sha256,
            int sizeBytes,
            InputForm form,
            String eventSource,
            String detailType,
            Instant eventTime,
            String eventAccount,
            int index) {
    }
}
