package dev.findingsresponder.triage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.findingsresponder.model.ActionRequest;
import dev.findingsresponder.model.Finding;
import dev.findingsresponder.model.TriagedFinding.Decision;
import dev.findingsresponder.triage.policy.Policy;
import dev.findingsresponder.triage.policy.PolicyLoader;
import dev.findingsresponder.triage.score.IpLists;
import dev.findingsresponder.triage.score.Scorer;
import dev.findingsresponder.triage.score.ScoringSettings;

/** Repeats merge only what was actually requested before (policy: flow-policy.yaml, escalation at 10 and 100). */
class RepeatMergingTest {

    private static final String SSH = "UnauthorizedAccess:EC2/SSHBruteForce";
    private static final String PROBE = "Recon:EC2/PortProbeUnprotectedPort";
    private static final String SUPPRESS_ALL = """
            version: 1
            suppressions:
              - name: everything
                match:
                  score: { min: 0 }
            playbooks: []
            """;

    private final AtomicReference<Policy> policy = new AtomicReference<>(flowPolicy());

    @Test
    void aRepeatOfASuppressedFindingThatNowMatchesAPlaybookRequestsItsActions() {
        TriageEngine engine = engine(IpLists.none());
        Finding finding = TestFindings.guardDuty(SSH).severity(8.0).instance("i-0abc").remoteIp("203.0.113.9").build();
        policy.set(PolicyLoader.load(SUPPRESS_ALL, "suppress-all.yaml"));
        assertThat(engine.triage(finding).triaged().decision()).isEqualTo(Decision.SUPPRESSED);

        policy.set(flowPolicy());
        TriageOutcome second = engine.triage(finding);

        assertThat(second.triaged().decision()).isEqualTo(Decision.ACTIONS_REQUESTED);
        assertThat(second.triaged().repeat().count()).isEqualTo(2);
        assertThat(second.requests()).extracting(ActionRequest::action)
                .containsExactly("nacl-deny", "waf-block", "sns-notify");
        TriageOutcome third = engine.triage(finding);
        assertThat(third.triaged().decision()).isEqualTo(Decision.REPEAT_MERGED);
        assertThat(third.requests()).isEmpty();
    }

    @Test
    void blocksSkippedWhileTheTrustedListWasMissingAreRequestedByTheNextRepeatButTheNotificationIsNot(
            @TempDir Path dir) throws Exception {
        Path trusted = dir.resolve("trusted.txt");
        IpLists lists = new IpLists(List.of(new IpLists.ListDefinition("partners", IpLists.Kind.TRUSTED,
                List.of(trusted.toString()))));
        lists.reload();
        TriageEngine engine = engine(lists);
        Finding finding = TestFindings.guardDuty(SSH).severity(8.0).instance("i-0abc").remoteIp("203.0.113.9").build();
        assertThat(engine.triage(finding).requests()).extracting(ActionRequest::action).containsExactly("sns-notify");

        Files.writeString(trusted, "198.51.100.0/26\n");
        lists.reload();
        TriageOutcome second = engine.triage(finding);

        assertThat(second.triaged().decision()).isEqualTo(Decision.ACTIONS_REQUESTED);
        assertThat(second.requests()).extracting(ActionRequest::action).containsExactly("nacl-deny", "waf-block");
        assertThat(second.triaged().decisionDetail()).contains("1 already requested in the window merged");
    }

    @Test
    void aProbeGainingAnAddressBlocksOnlyTheNewAddressAndMergesTheNotification() {
        TriageEngine engine = engine(IpLists.none());
        TriageOutcome first = engine.triage(TestFindings.guardDuty(PROBE).severity(5.0).instance("i-0abc")
                .remoteIp("203.0.113.9").build());
        assertThat(first.requests()).extracting(ActionRequest::action)
                .containsExactly("nacl-deny", "waf-block", "sns-notify");

        TriageOutcome update = engine.triage(TestFindings.guardDuty(PROBE).severity(5.0).instance("i-0abc")
                .remoteIp("203.0.113.9").remoteIp("203.0.113.10").build());

        assertThat(update.triaged().decision()).isEqualTo(Decision.ACTIONS_REQUESTED);
        assertThat(update.requests()).extracting(ActionRequest::action).containsExactly("nacl-deny", "waf-block");
        assertThat(update.requests()).extracting(request -> request.target().address())
                .containsOnly("203.0.113.10");
        assertThat(update.triaged().repeat().count()).isEqualTo(2);
    }

    @Test
    void theSourcesOwnCountEscalatesOncePerThreshold() {
        TriageEngine engine = engine(IpLists.none());
        TestFindings.Builder finding = TestFindings.guardDuty(SSH).severity(8.0).instance("i-0abc")
                .remoteIp("203.0.113.9");
        engine.triage(finding.count(1).build());

        TriageOutcome aggregated = engine.triage(finding.count(15).build());
        TriageOutcome next = engine.triage(finding.count(16).build());
        TriageOutcome hundred = engine.triage(finding.count(120).build());

        assertThat(aggregated.triaged().repeat().escalated()).isTrue();
        assertThat(aggregated.requests()).singleElement().satisfies(request -> {
            assertThat(request.action()).isEqualTo("sns-notify");
            assertThat(request.reason()).isEqualTo("escalation: seen 15 times");
        });
        assertThat(next.triaged().decision()).isEqualTo(Decision.REPEAT_MERGED);
        assertThat(next.requests()).isEmpty();
        assertThat(hundred.requests()).extracting(ActionRequest::reason).containsExactly("escalation: seen 120 times");
    }

    @Test
    void aFindingSeenAlreadyPastAThresholdAlertsOnceAndDoesNotEscalateAgainForTheSameThreshold() {
        TriageEngine engine = engine(IpLists.none());
        TestFindings.Builder finding = TestFindings.guardDuty(SSH).severity(8.0).instance("i-0abc")
                .remoteIp("203.0.113.9");

        TriageOutcome first = engine.triage(finding.count(40).build());
        TriageOutcome repeat = engine.triage(finding.count(41).build());

        assertThat(first.requests()).extracting(ActionRequest::action)
                .containsExactly("nacl-deny", "waf-block", "sns-notify");
        assertThat(repeat.triaged().decision()).isEqualTo(Decision.REPEAT_MERGED);
    }

    private TriageEngine engine(IpLists lists) {
        if (lists.definitions().isEmpty()) {
            lists.reload();
        }
        return new TriageEngine(() -> Optional.of(policy.get()), new Scorer(ScoringSettings.defaults(), lists),
                new RepeatTracker(Duration.ofHours(1), List.of(10L, 100L), 1000, Clock.systemUTC()),
                new ActionPlanner(lists), Set.of("findings-responder"), Clock.systemUTC());
    }

    private static Policy flowPolicy() {
        try {
            Path file = Path.of("src/test/resources/policies/flow-policy.yaml");
            return PolicyLoader.load(Files.readString(file), file.getFileName().toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
