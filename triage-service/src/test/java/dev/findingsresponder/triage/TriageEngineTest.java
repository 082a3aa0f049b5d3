package dev.findingsresponder.triage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.findingsresponder.model.ActionRequest;
import dev.findingsresponder.model.Finding;
import dev.findingsresponder.model.Source;
import dev.findingsresponder.model.TriagedFinding.Decision;
import dev.findingsresponder.triage.policy.Policy;
import dev.findingsresponder.triage.policy.PolicyLoader;
import dev.findingsresponder.triage.score.IpLists;
import dev.findingsresponder.triage.score.Scorer;
import dev.findingsresponder.triage.score.ScoringSettings;

/** Repeat merging, escalation and the trusted-list rules of the engine (policy: flow-policy.yaml). */
class TriageEngineTest {

    private static final String SSH = "guardduty/eb_unauthorizedaccess-ec2-sshbruteforce.json";
    /** {@code updatedAt} of every {@link TestFindings} finding. */
    private static final Instant UPDATED = Instant.parse("2024-06-11T09:00:00Z");

    @Test
    void firstAlertAtOnceRepeatsMergedAndTheTenthEscalatesWithANotificationOnly() throws Exception {
        TriageEngine engine = engine(IpLists.none());
        Finding finding = NormalizedFixtures.freshGuardDuty(SSH);

        TriageOutcome first = engine.triage(finding);
        assertThat(first.requests()).extracting(ActionRequest::action).containsExactly("nacl-deny", "waf-block", "sns-notify");
        for (int i = 2; i <= 9; i++) {
            TriageOutcome repeat = engine.triage(finding);
            assertThat(repeat.triaged().decision()).isEqualTo(Decision.REPEAT_MERGED);
            assertThat(repeat.triaged().repeat().count()).isEqualTo(i);
            assertThat(repeat.requests()).isEmpty();
        }
        TriageOutcome tenth = engine.triage(finding);
        assertThat(tenth.triaged().decision()).isEqualTo(Decision.ACTIONS_REQUESTED);
        assertThat(tenth.triaged().repeat().escalated()).isTrue();
        assertThat(tenth.requests()).singleElement().satisfies(request -> {
            assertThat(request.action()).isEqualTo("sns-notify");
            assertThat(request.reason()).isEqualTo("escalation: seen 10 times");
            assertThat(request.requestId()).isNotEqualTo(first.requests().get(2).requestId());
        });
        assertThat(tenth.triaged().score().factors()).extracting(f -> f.name()).contains("repeat");
    }

    @Test
    void sameFindingVersionGivesTheSameRequestIds() throws Exception {
        Finding finding = NormalizedFixtures.freshGuardDuty(SSH);
        List<String> once = engine(IpLists.none()).triage(finding).triaged().actionRequestIds();
        List<String> again = engine(IpLists.none()).triage(finding).triaged().actionRequestIds();
        assertThat(again).hasSize(3).isEqualTo(once);
    }

    @Test
    void aTrustedAddressIsNeverBlockedButStillNotified(@TempDir Path dir) throws Exception {
        Path trusted = Files.writeString(dir.resolve("trusted.txt"), "# partners\n198.51.100.0/26\n");
        IpLists lists = new IpLists(List.of(new IpLists.ListDefinition("partners", IpLists.Kind.TRUSTED,
                List.of(trusted.toString()))));
        lists.reload();

        TriageOutcome outcome = engine(lists).triage(NormalizedFixtures.freshGuardDuty(SSH));

        assertThat(outcome.requests()).extracting(ActionRequest::action).containsExactly("sns-notify");
        assertThat(outcome.triaged().decisionDetail()).contains("198.51.100.23 not blocked, on trusted list 'partners'");
        assertThat(outcome.triaged().score().factors()).extracting(f -> f.name()).contains("trusted-list");
    }

    @Test
    void noBlockIsRequestedWhileATrustedListCannotBeLoaded(@TempDir Path dir) throws Exception {
        IpLists lists = new IpLists(List.of(new IpLists.ListDefinition("partners", IpLists.Kind.TRUSTED,
                List.of(dir.resolve("missing.txt").toString()))));
        lists.reload();

        TriageOutcome outcome = engine(lists).triage(NormalizedFixtures.freshGuardDuty(SSH));

        assertThat(outcome.requests()).extracting(ActionRequest::action).containsExactly("sns-notify");
        assertThat(outcome.triaged().decisionDetail()).contains("a trusted list is not loaded", "fail closed");
    }

    @Test
    void aFindingNamingHundredsOfAddressesGetsAtMostTheCapOfBlocksPerAction() throws Exception {
        TestFindings.Builder probe = TestFindings.guardDuty("UnauthorizedAccess:EC2/SSHBruteForce").severity(8.0)
                .instance("i-0abc");
        for (int i = 0; i < 300; i++) {
            probe.remoteIp("203.0." + (i / 250 + 113) + "." + (i % 250 + 1));
        }

        TriageOutcome outcome = engine(IpLists.none()).triage(probe.build());

        assertThat(outcome.requests()).filteredOn(r -> r.action().equals("nacl-deny"))
                .hasSize(ActionPlanner.DEFAULT_MAX_ADDRESSES);
        assertThat(outcome.requests()).filteredOn(r -> r.action().equals("waf-block"))
                .hasSize(ActionPlanner.DEFAULT_MAX_ADDRESSES);
        assertThat(outcome.requests()).extracting(ActionRequest::action).contains("sns-notify");
        assertThat(outcome.triaged().decisionDetail())
                .contains("the last 275 of the finding's 300 remote addresses not blocked: at most 25 per finding");
    }

    @Test
    void everySpellingOfOneIpv4AddressGivesOneBlockOfTheIpv4Address() throws Exception {
        Finding finding = TestFindings.guardDuty("UnauthorizedAccess:EC2/SSHBruteForce").severity(8.0)
                .instance("i-0abc").remoteIp("::ffff:203.0.113.70").remoteIp("203.0.113.70").remoteIp("::ffff:cb00:7146")
                .remoteIp("2001:db8::9").remoteIp("2001:DB8:0:0:0:0:0:9").build();

        TriageOutcome outcome = engine(IpLists.none()).triage(finding);

        assertThat(outcome.requests()).filteredOn(request -> request.target().address() != null)
                .extracting(request -> request.action() + " " + request.target().address())
                .containsExactlyInAnyOrder("nacl-deny 203.0.113.70", "nacl-deny 2001:db8::9", "waf-block 203.0.113.70",
                        "waf-block 2001:db8::9");
    }

    @Test
    void aRemoteAddressThatIsNotAnIpAddressGetsNoBlockAndANote() throws Exception {
        Finding finding = TestFindings.guardDuty("UnauthorizedAccess:EC2/SSHBruteForce").severity(8.0)
                .instance("i-0abc").remoteIp("203.0.113.9").remoteIp("attacker.example.com").build();

        TriageOutcome outcome = engine(IpLists.none()).triage(finding);

        assertThat(outcome.requests()).filteredOn(request -> request.target().address() != null)
                .extracting(request -> request.action() + " " + request.target().address())
                .containsExactly("nacl-deny 203.0.113.9", "waf-block 203.0.113.9");
        assertThat(outcome.triaged().decisionDetail())
                .contains("nacl-deny: 'attacker.example.com' is not an IP address, not blocked")
                .contains("waf-block: 'attacker.example.com' is not an IP address, not blocked");
    }

    @Test
    void aSecurityHubFindingWhoseLatestChangeIsThisSystemsNoteIsNotTriagedAgain() throws Exception {
        Finding echo = TestFindings.securityHub(Source.GUARDDUTY, "UnauthorizedAccess:EC2/SSHBruteForce")
                .severity(8.0).instance("i-0abc").remoteIp("203.0.113.9")
                .note("findings-responder", UPDATED.plusSeconds(1)).build();

        assertThat(engine(IpLists.none()).triage(echo).triaged().decision()).isEqualTo(Decision.SELF_UPDATE_IGNORED);
    }

    @Test
    void aProviderUpdateAfterThisSystemsNoteIsTriaged() throws Exception {
        Finding updated = TestFindings.securityHub(Source.GUARDDUTY, "UnauthorizedAccess:EC2/SSHBruteForce")
                .severity(8.0).instance("i-0abc").remoteIp("203.0.113.9")
                .note("findings-responder", UPDATED.minusSeconds(3600)).build();

        TriageOutcome outcome = engine(IpLists.none()).triage(updated);

        assertThat(outcome.triaged().decision()).isEqualTo(Decision.ACTIONS_REQUESTED);
        assertThat(outcome.requests()).isNotEmpty();
    }

    @Test
    void aMatchedPlaybookThatRequestsNothingIsRecordedAsSuchWithItsName(@TempDir Path dir) throws Exception {
        Path trusted = Files.writeString(dir.resolve("trusted.txt"), "203.0.113.0/24\n");
        IpLists lists = new IpLists(List.of(new IpLists.ListDefinition("partners", IpLists.Kind.TRUSTED,
                List.of(trusted.toString()))));
        lists.reload();
        Policy blockOnly = PolicyLoader.load("""
                version: 1
                playbooks:
                  - name: block-only
                    mode: enforce
                    match:
                      type: ["UnauthorizedAccess:EC2/SSHBruteForce"]
                    actions:
                      - action: nacl-deny
                        ttl: 1h
                """, "block-only.yaml");

        TriageOutcome outcome = engine(lists, blockOnly).triage(TestFindings
                .guardDuty("UnauthorizedAccess:EC2/SSHBruteForce").severity(8.0).instance("i-0abc")
                .remoteIp("203.0.113.9").build());

        assertThat(outcome.requests()).isEmpty();
        assertThat(outcome.triaged().decision()).isEqualTo(Decision.MATCHED_NO_ACTION);
        assertThat(outcome.triaged().playbooks()).containsExactly("block-only");
        assertThat(outcome.triaged().decisionDetail())
                .startsWith("playbook(s) block-only matched but requested nothing")
                .contains("203.0.113.9 not blocked, on trusted list 'partners'");
    }

    private static TriageEngine engine(IpLists lists) throws Exception {
        Path file = Path.of("src/test/resources/policies/flow-policy.yaml");
        return engine(lists, PolicyLoader.load(Files.readString(file), file.getFileName().toString()));
    }

    private static TriageEngine engine(IpLists lists, Policy policy) {
        if (lists.definitions().isEmpty()) {
            lists.reload();
        }
        return new TriageEngine(() -> Optional.of(policy), new Scorer(ScoringSettings.defaults(), lists),
                new RepeatTracker(Duration.ofHours(1), List.of(10L, 100L), 1000, Clock.systemUTC()),
                new ActionPlanner(lists), Set.of("findings-responder"), Clock.systemUTC());
    }
}
