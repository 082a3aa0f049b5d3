package dev.findingsresponder.model.drill;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.random.RandomGenerator;

/**
 * Assembles EventBridge "GuardDuty Finding" events: the envelope, and a detail with the fields and field order
 * GuardDuty publishes (schemaVersion 2.0), marked as a sample ({@code service.additionalInfo.sample: true}) the way
 * GuardDuty's own sample findings are.
 */
final class DrillFindings {

    /** Time between two reports of one finding: repeats move {@code updatedAt} and {@code eventLastSeen} by it. */
    static final Duration REPEAT_STEP = Duration.ofMinutes(1);
    static final String THREAT_LIST = "drill-threat-list";
    static final String ROLE = "drill-instance-role";

    private static final DateTimeFormatter MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /**
     * What one finding is about.
     *
     * @param createdAt when GuardDuty created it; its last repeat is {@code createdAt + (repeats - 1) x step}
     * @param firstSeen first observation of the activity, a little before {@code createdAt}
     */
    record Facts(DrillType type, String findingId, String account, String region, String partition,
            String detectorId, DrillInstance instance, String attacker, Instant createdAt, Instant firstSeen) {
    }

    private DrillFindings() {
    }

    static String timestamp(Instant instant) {
        return MILLIS.format(instant);
    }

    /** The first report of a finding ({@code service.count} 1). */
    static ObjectNode first(Facts f, String eventId, RandomGenerator random) {
        ObjectNode event = JSON.objectNode();
        event.put("version", "0");
        event.put("id", eventId);
        event.put("detail-type", "GuardDuty Finding");
        event.put("source", "aws.guardduty");
        event.put("account", f.account());
        event.put("time", f.createdAt().truncatedTo(ChronoUnit.SECONDS).toString());
        event.put("region", f.region());
        event.putArray("resources");
        ObjectNode detail = event.putObject("detail");
        detail.put("schemaVersion", "2.0");
        detail.put("accountId", f.account());
        detail.put("region", f.region());
        detail.put("partition", f.partition());
        detail.put("id", f.findingId());
        detail.put("arn", "arn:" + f.partition() + ":guardduty:" + f.region() + ":" + f.account() + ":detector/"
                + f.detectorId() + "/finding/" + f.findingId());
        detail.put("type", f.type().findingType());
        resource(detail.putObject("resource"), f);
        service(detail.putObject("service"), f, random);
        detail.put("severity", f.type().severity());
        detail.put("createdAt", timestamp(f.createdAt()));
        detail.put("updatedAt", timestamp(f.createdAt()));
        detail.put("title", title(f));
        detail.put("description", description(f));
        return event;
    }

    /** Report {@code n} (1, 2, ...) of the finding {@code first}: same finding id, count n + 1, times moved on. */
    static ObjectNode repeat(ObjectNode first, Facts f, int n, String eventId) {
        ObjectNode event = first.deepCopy();
        Instant updatedAt = f.createdAt().plus(REPEAT_STEP.multipliedBy(n));
        event.put("id", eventId);
        event.put("time", updatedAt.truncatedTo(ChronoUnit.SECONDS).toString());
        ObjectNode detail = (ObjectNode) event.get("detail");
        detail.put("updatedAt", timestamp(updatedAt));
        ObjectNode service = (ObjectNode) detail.get("service");
        service.put("eventLastSeen", timestamp(f.firstSeen().plus(REPEAT_STEP.multipliedBy(n))));
        service.put("count", n + 1);
        return event;
    }

    private static void resource(ObjectNode resource, Facts f) {
        if (f.type() == DrillType.CREDENTIAL_EXFILTRATION) {
            resource.put("resourceType", "AccessKey");
            ObjectNode key = resource.putObject("accessKeyDetails");
            String suffix = f.findingId().substring(0, 16).toUpperCase(java.util.Locale.ROOT);
            key.put("accessKeyId", "ASIA" + suffix);
            key.put("principalId", "AROA" + suffix.substring(0, 13) + "DRL:" + f.instance().instanceId());
            key.put("userType", "AssumedRole");
            key.put("userName", ROLE);
        } else {
            resource.put("resourceType", "Instance");
        }
        f.instance().toJson(resource.putObject("instanceDetails"), f.region(), f.firstSeen());
    }

    private static void service(ObjectNode service, Facts f, RandomGenerator random) {
        service.put("serviceName", "guardduty");
        service.put("detectorId", f.detectorId());
        service.set("action", DrillActions.action(f.type(), f.attacker(), f.instance(), random));
        service.put("resourceRole", "TARGET");
        ObjectNode info = service.putObject("additionalInfo");
        if (f.type() == DrillType.MALICIOUS_IP_CALLER) {
            info.put("threatListName", THREAT_LIST);
        }
        info.put("sample", true);
        info.put("value", "{\"sample\":true}");
        info.put("type", "default");
        service.put("eventFirstSeen", timestamp(f.firstSeen()));
        service.put("eventLastSeen", timestamp(f.firstSeen()));
        service.put("archived", false);
        service.put("count", 1);
    }

    private static String title(Facts f) {
        String instance = f.instance().instanceId();
        return switch (f.type()) {
            case SSH_BRUTE_FORCE -> f.attacker() + " is performing SSH brute force attacks against " + instance + ".";
            case RDP_BRUTE_FORCE -> f.attacker() + " is performing RDP brute force attacks against " + instance + ".";
            case PORT_PROBE -> "Unprotected port on EC2 instance " + instance + " is being probed.";
            case CRYPTO_MINING -> "Bitcoin-related IP address is being contacted by EC2 instance " + instance + ".";
            case CREDENTIAL_EXFILTRATION -> "Credentials for instance role " + ROLE + " used from external IP address.";
            case MALICIOUS_IP_CALLER -> "EC2 instance " + instance
                    + " is communicating outbound with a custom threat list IP address.";
        };
    }

    private static String description(Facts f) {
        String instance = f.instance().instanceId();
        return switch (f.type()) {
            case SSH_BRUTE_FORCE, RDP_BRUTE_FORCE -> title(f) + " Brute force attacks are used to gain unauthorized "
                    + "access to your instance by guessing the " + (f.type() == DrillType.SSH_BRUTE_FORCE ? "SSH" : "RDP")
                    + " password.";
            case PORT_PROBE -> "EC2 instance has an unprotected port which is being probed by a known malicious host.";
            case CRYPTO_MINING -> "EC2 instance " + instance + " is communicating with IP address " + f.attacker()
                    + " that is associated with Bitcoin-related activity.";
            case CREDENTIAL_EXFILTRATION -> "Credentials created exclusively for an EC2 instance using instance role "
                    + ROLE + " have been used from external IP address " + f.attacker() + ".";
            case MALICIOUS_IP_CALLER -> "EC2 instance " + instance + " is communicating outbound with IP address "
                    + f.attacker() + " on the custom threat list " + THREAT_LIST + ".";
        };
    }
}
