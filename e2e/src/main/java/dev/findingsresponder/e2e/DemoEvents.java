package dev.findingsresponder.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.findingsresponder.model.FindingCodec;
import dev.findingsresponder.model.drill.DrillEvent;
import dev.findingsresponder.model.drill.DrillGenerator;
import dev.findingsresponder.model.drill.DrillSpec;
import dev.findingsresponder.model.drill.DrillType;
import dev.findingsresponder.testsupport.EventFixtures;

/**
 * The events of the demo and the end-to-end tests, about the demo estate: GuardDuty findings from the drill
 * generator (as real findings unless asked for a sample), Inspector and Config events from the repository's
 * fixtures with the estate's account, fresh ids and the current time, so every run is new to the pipeline.
 */
public final class DemoEvents {

    private final String account;
    private final String region;
    private final DrillGenerator drills = new DrillGenerator();

    public DemoEvents(String account, String region) {
        this.account = account;
        this.region = region;
    }

    /** One GuardDuty finding of {@code type} from {@code attacker} about {@code instanceId}. */
    public byte[] guardDuty(DrillType type, String attacker, String instanceId, boolean sample) {
        DrillEvent drill = drills.generate(new DrillSpec(type, 1, List.of(account), region, List.of(attacker),
                List.of(instanceId), null, 1)).get(0);
        ObjectNode event = drill.event().deepCopy();
        if (!sample) {
            ObjectNode info = (ObjectNode) event.path("detail").path("service").path("additionalInfo");
            info.put("sample", false);
            info.put("value", "{}");
        }
        return FindingCodec.write(event);
    }

    /** Inspector: a CRITICAL package vulnerability with a public exploit on {@code instanceId}. */
    public byte[] inspectorCriticalWithExploit(String instanceId) {
        ObjectNode event = fixture("inspector2/eb_package-vuln_ec2_critical_exploit-available.json");
        ObjectNode detail = (ObjectNode) event.get("detail");
        String now = Instant.now().toString();
        detail.put("awsAccountId", account);
        detail.put("findingArn", "arn:aws:inspector2:" + region + ":" + account + ":finding/"
                + UUID.randomUUID().toString().replace("-", ""));
        detail.put("updatedAt", now);
        detail.put("lastObservedAt", now);
        detail.withArray("resources").forEach(r -> ((ObjectNode) r).put("id", instanceId));
        return FindingCodec.write(event);
    }

    /** Config: an IAM user with credentials unused for 90 days turned NON_COMPLIANT. */
    public byte[] configUnusedCredentials() {
        ObjectNode event = fixture("config/eb_compliance-change_iam-user-unused-credentials-check_noncompliant.json");
        ObjectNode detail = (ObjectNode) event.get("detail");
        detail.put("awsAccountId", account);
        detail.put("resourceId", "AIDA" + UUID.randomUUID().toString().replace("-", "").substring(0, 16)
                .toUpperCase(Locale.ROOT));
        detail.put("notificationCreationTime", Instant.now().toString());
        return FindingCodec.write(event);
    }

    /** An event no decoder accepts (an unknown detail-type): it must end in the DLQ with its reason. */
    public byte[] malformed() {
        ObjectNode event = fixture("malformed/unknown-detail-type.json");
        event.put("id", UUID.randomUUID().toString());
        return FindingCodec.write(event);
    }

    private ObjectNode fixture(String path) {
        try {
            ObjectNode event = (ObjectNode) FindingCodec.mapper().readTree(EventFixtures.bytes(path));
            event.put("id", UUID.randomUUID().toString());
            event.put("account", account);
            event.put("region", region);
            event.put("time", Instant.now().toString());
            return event;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
