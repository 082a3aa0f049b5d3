package dev.findingsresponder.response.action;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.findingsresponder.model.ActionRequest;
import dev.findingsresponder.model.Finding;
import dev.findingsresponder.model.Mode;
import dev.findingsresponder.model.Score;
import dev.findingsresponder.model.SeverityLabel;
import dev.findingsresponder.model.decode.EventNormalizer;
import dev.findingsresponder.model.decode.NormalizeResult;
import dev.findingsresponder.testsupport.EventFixtures;

/** Findings decoded from the project's fixtures (optionally edited first) and requests that carry them. */
final class TestRequests {

    static final String SSH_BRUTE_FORCE = "guardduty/eb_unauthorizedaccess-ec2-sshbruteforce.json";
    static final String CONFIG_UNUSED_CREDENTIALS =
            "config/eb_compliance-change_iam-user-unused-credentials-check_noncompliant.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private TestRequests() {
    }

    /** The fixture's finding, after {@code editDetail} changed the event's {@code detail}. */
    static Finding finding(String fixture, Consumer<ObjectNode> editDetail) {
        try {
            ObjectNode event = (ObjectNode) JSON.readTree(EventFixtures.bytes(fixture));
            editDetail.accept((ObjectNode) event.get("detail"));
            NormalizeResult result = new EventNormalizer(Set.of(), 8 << 20).normalize(JSON.writeValueAsBytes(event));
            if (result instanceof NormalizeResult.Normalized normalized) {
                return normalized.findings().get(0);
            }
            throw new IllegalStateException("fixture " + fixture + " did not decode: " + result);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Finding finding(String fixture) {
        return finding(fixture, detail -> { });
    }

    static Score score() {
        return new Score(85, SeverityLabel.HIGH, List.of(
                new Score.Factor("base-severity", 20, "GuardDuty severity 2.0 (LOW)"),
                new Score.Factor("threat-list", 40, "198.51.100.23 is on threat list ExampleThreatIntel"),
                new Score.Factor("asset-criticality", 25, "instance tagged Environment=production")), false);
    }

    static ActionRequest request(String requestId, String action, Map<String, Object> params,
            ActionRequest.Target target, Finding finding) {
        return new ActionRequest(requestId, action, params, target, Mode.ENFORCE, null, "contain-ssh-brute-force",
                "first alert", Instant.parse("2024-06-11T09:21:00Z"), finding, score());
    }
}
