package dev.findingsresponder.triage.score;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.findingsresponder.model.Direction;
import dev.findingsresponder.model.Finding;
import dev.findingsresponder.model.IndicatorKind;
import dev.findingsresponder.model.InputForm;
import dev.findingsresponder.model.SeverityLabel;
import dev.findingsresponder.model.Source;

/** Builds {@link Finding}s for scoring tests: a GuardDuty HIGH 8.0 finding on an instance unless told otherwise. */
final class TestFinding {

    private Source source = Source.GUARDDUTY;
    private String productName = "GuardDuty";
    private Finding.Severity severity = new Finding.Severity("8", 8.0, SeverityLabel.HIGH);
    private long count = 1;
    private Finding.Resource resource;
    private final List<Finding.NetworkIndicator> network = new ArrayList<>();
    private Finding.Vulnerability vulnerability;
    private final List<String> threatListNames = new ArrayList<>();
    private boolean sample;

    static TestFinding guardDuty(double severity) {
        TestFinding finding = new TestFinding();
        finding.severity = new Finding.Severity(String.valueOf(severity), severity, SeverityLabel.fromScore(severity));
        return finding;
    }

    static TestFinding inspector(double score) {
        TestFinding finding = guardDuty(score);
        finding.source = Source.INSPECTOR;
        finding.productName = "Inspector";
        finding.severity = new Finding.Severity(SeverityLabel.fromScore(score).name(), score,
                SeverityLabel.fromScore(score));
        return finding;
    }

    TestFinding count(long count) {
        this.count = count;
        return this;
    }

    TestFinding instance(String instanceId, Map<String, String> tags, String... publicIps) {
        resource = new Finding.Resource("Instance", instanceId, null, null, "us-east-1", instanceId, "t3.micro",
                null, null, null, List.of(), List.of(publicIps), List.of("10.0.0.5"), new LinkedHashMap<>(tags),
                null, null, null, null, null);
        return this;
    }

    TestFinding remoteIp(String ip) {
        network.add(new Finding.NetworkIndicator(IndicatorKind.NETWORK_CONNECTION, Direction.INBOUND, ip,
                ip.contains(":") ? 6 : 4, 51234, "10.0.0.5", 22, null, "TCP", null, null, null, null, null, null,
                false));
        return this;
    }

    TestFinding reachable(int fromPort, int toPort, String protocol) {
        network.add(new Finding.NetworkIndicator(IndicatorKind.NETWORK_REACHABILITY, Direction.INBOUND, null, null,
                null, null, fromPort, toPort, protocol, null, null, null, null, null, null, null));
        return this;
    }

    TestFinding vulnerability(String cve, Boolean exploitAvailable, Boolean fixAvailable) {
        vulnerability = new Finding.Vulnerability(List.of(cve), List.of(), List.of(), null, null, exploitAvailable,
                fixAvailable, List.of());
        return this;
    }

    TestFinding reportedThreatList(String name) {
        threatListNames.add(name);
        return this;
    }

    TestFinding sample() {
        sample = true;
        return this;
    }

    Finding build() {
        Instant now = Instant.parse("2024-06-11T09:20:41Z");
        return new Finding("guardduty:123456789012:us-east-1:abc", "abc", source,
                new Finding.Product(productName, "Amazon", null, source), "UnauthorizedAccess:EC2/SSHBruteForce",
                List.of(), "title", null, "123456789012", "us-east-1", "aws", now, now, now, now, count, severity,
                resource, List.of(), network, vulnerability, null, "TARGET", threatListNames, List.of(),
                new Finding.FindingState(false, false, false, sample, null, null, null, null, null),
                new Finding.RawRef("event-1", "00", 10, InputForm.EVENTBRIDGE, "aws.guardduty", "GuardDuty Finding",
                        now, "123456789012", 0));
    }
}
