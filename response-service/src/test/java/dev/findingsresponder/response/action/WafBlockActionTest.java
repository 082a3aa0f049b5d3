package dev.findingsresponder.response.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.findingsresponder.model.ActionResult.Outcome;
import dev.findingsresponder.testsupport.MotoExtension;
import dev.findingsresponder.testsupport.MotoServer;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.wafv2.Wafv2Client;
import software.amazon.awssdk.services.wafv2.model.GetIpSetResponse;
import software.amazon.awssdk.services.wafv2.model.IPAddressVersion;
import software.amazon.awssdk.services.wafv2.model.IPSet;
import software.amazon.awssdk.services.wafv2.model.IPSetSummary;
import software.amazon.awssdk.services.wafv2.model.ListIpSetsResponse;
import software.amazon.awssdk.services.wafv2.model.Scope;
import software.amazon.awssdk.services.wafv2.model.UpdateIpSetRequest;
import software.amazon.awssdk.services.wafv2.model.WafOptimisticLockException;

/** waf-block against moto with real WAFv2 calls; every test creates its own IP sets. */
@ExtendWith(MotoExtension.class)
class WafBlockActionTest {

    private static final WafSettings FAST = new WafSettings(8, Duration.ofMillis(5), Duration.ofMillis(50), 10_000);

    private BlockTestClients clients;
    /** A plain client for setting up and checking, and for the competing writer. */
    private Wafv2Client waf;
    private String v4Name;
    private String v6Name;
    private String v4Id;

    @BeforeEach
    void createSets() {
        clients = new BlockTestClients();
        waf = BlockTestClients.configure(Wafv2Client.builder(), MotoServer.REGION).build();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        v4Name = "blocklist-v4-" + suffix;
        v6Name = "blocklist-v6-" + suffix;
        v4Id = create(v4Name, IPAddressVersion.IPV4, List.of());
        create(v6Name, IPAddressVersion.IPV6, List.of());
    }

    @AfterEach
    void close() {
        clients.close();
        waf.close();
    }

    @Test
    void addsTheAddressAsA32() {
        ActionOutcome outcome = new WafBlockAction().execute(BlockRequests.waf(v4Name, "203.0.113.9", params()), clients);

        assertThat(outcome.outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(outcome.facts()).containsEntry("ipSetName", v4Name).containsEntry("ipSetId", v4Id)
                .containsEntry("cidr", "203.0.113.9/32").containsEntry("scope", "REGIONAL")
                .containsEntry("addresses", "1").containsEntry("updateCalls", "1").containsEntry("lockConflicts", "0");
        assertThat(outcome.awsRequestIds()).hasSizeGreaterThanOrEqualTo(3); // list, get, update
        assertThat(read(v4Name).addresses()).containsExactly("203.0.113.9/32");
        assertThat(read(v4Name).description()).isEqualTo("blocked attackers"); // UpdateIPSet kept it
    }

    @Test
    void aRepeatedRequestIsAlreadyAppliedAndWritesNothing() {
        WafBlockAction action = new WafBlockAction();
        action.execute(BlockRequests.waf(v4Name, "203.0.113.9", params()), clients);

        ActionOutcome again = action.execute(BlockRequests.waf(v4Name, "203.0.113.9/32", params()), clients);

        assertThat(again.outcome()).isEqualTo(Outcome.ALREADY_APPLIED);
        assertThat(again.facts()).containsEntry("updateCalls", "0").containsEntry("ipSetId", v4Id);
        assertThat(again.awsRequestIds()).isNotEmpty();
        assertThat(read(v4Name).addresses()).containsExactly("203.0.113.9/32");
    }

    @Test
    void anIpv6AddressGoesToTheIpv6SetAsA128() {
        ActionOutcome outcome = new WafBlockAction()
                .execute(BlockRequests.waf(v6Name, "2001:DB8:0::9", params()), clients);

        assertThat(outcome.outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(read(v6Name).addresses()).containsExactly("2001:db8::9/128");
        assertThat(read(v4Name).addresses()).isEmpty();
    }

    @Test
    void withoutATargetSetTheParameterOfTheAddressesVersionIsUsed() {
        ActionOutcome outcome = new WafBlockAction().execute(BlockRequests.waf(null, "2001:db8::10", params()), clients);

        assertThat(outcome.facts()).containsEntry("ipSetName", v6Name);
        assertThat(read(v6Name).addresses()).containsExactly("2001:db8::10/128");
    }

    @Test
    void anAddressOfTheOtherIpVersionIsRefused() {
        ActionOutcome outcome = new WafBlockAction().execute(BlockRequests.waf(v4Name, "2001:db8::9", params()), clients);

        assertThat(outcome.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(outcome.detail()).contains(v4Name, "IPV4", "IPv6 address 2001:db8::9");
        assertThat(read(v4Name).addresses()).isEmpty();
    }

    @Test
    void aLockConflictWithAnotherWriterIsReadAgainAndRetried() {
        AtomicInteger updates = new AtomicInteger();
        ExecutionInterceptor competitor = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof UpdateIpSetRequest && updates.incrementAndGet() == 1) {
                    // another writer gets in between our GetIPSet and our UpdateIPSet: our LockToken is stale
                    GetIpSetResponse current = waf.getIPSet(r -> r.name(v4Name).id(v4Id).scope(Scope.REGIONAL));
                    waf.updateIPSet(r -> r.name(v4Name).id(v4Id).scope(Scope.REGIONAL)
                            .addresses("198.51.100.1/32").lockToken(current.lockToken()));
                }
            }
        };
        try (BlockTestClients racing = BlockTestClients.withWaf(competitor)) {
            ActionOutcome outcome = new WafBlockAction(FAST)
                    .execute(BlockRequests.waf(v4Name, "203.0.113.9", params()), racing);

            assertThat(outcome.outcome()).isEqualTo(Outcome.APPLIED);
            assertThat(outcome.facts()).containsEntry("updateCalls", "2").containsEntry("lockConflicts", "1");
            assertThat(outcome.detail()).contains("after 1 lock conflict");
        }
        assertThat(updates).hasValue(2);
        assertThat(read(v4Name).addresses()).containsExactlyInAnyOrder("198.51.100.1/32", "203.0.113.9/32");
    }

    @Test
    void lockConflictsBeyondTheLastAttemptAreThrownForTheExecutorToRetry() {
        AtomicInteger competitors = new AtomicInteger();
        ExecutionInterceptor alwaysFirst = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof UpdateIpSetRequest) {
                    int n = competitors.incrementAndGet();
                    GetIpSetResponse current = waf.getIPSet(r -> r.name(v4Name).id(v4Id).scope(Scope.REGIONAL));
                    waf.updateIPSet(r -> r.name(v4Name).id(v4Id).scope(Scope.REGIONAL)
                            .addresses("198.51.100." + n + "/32").lockToken(current.lockToken()));
                }
            }
        };
        try (BlockTestClients racing = BlockTestClients.withWaf(alwaysFirst)) {
            WafBlockAction action = new WafBlockAction(new WafSettings(3, Duration.ofMillis(1), Duration.ofMillis(5),
                    10_000));
            assertThatThrownBy(() -> action.execute(BlockRequests.waf(v4Name, "203.0.113.9", params()), racing))
                    .isInstanceOf(WafOptimisticLockException.class);
        }
        assertThat(competitors).hasValue(3);
        assertThat(read(v4Name).addresses()).doesNotContain("203.0.113.9/32");
    }

    @Test
    void aFullSetFailsAndEvictsNothing() {
        String small = "small-" + UUID.randomUUID().toString().substring(0, 8);
        create(small, IPAddressVersion.IPV4, List.of("198.51.100.1/32", "198.51.100.2/32", "198.51.100.0/24"));
        WafBlockAction action = new WafBlockAction(new WafSettings(8, Duration.ofMillis(5), Duration.ofMillis(50), 3));

        ActionOutcome outcome = action.execute(BlockRequests.waf(small, "203.0.113.9", params()), clients);
        ActionOutcome present = action.execute(BlockRequests.waf(small, "198.51.100.2", params()), clients);

        assertThat(outcome.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(outcome.detail()).startsWith("IP set " + small + " holds 3 addresses");
        assertThat(read(small).addresses()).hasSize(3).doesNotContain("203.0.113.9/32");
        assertThat(present.outcome()).isEqualTo(Outcome.ALREADY_APPLIED); // a full set still answers for its own
    }

    @Test
    void findsASetBeyondTheFirstPageOfListIpSets() {
        for (int i = 0; i < 101; i++) {
            create("filler-" + i + "-" + v4Name, IPAddressVersion.IPV4, List.of());
        }
        String late = "late-" + v4Name;
        String lateId = create(late, IPAddressVersion.IPV4, List.of());

        ActionOutcome outcome = new WafBlockAction().execute(BlockRequests.waf(late, "203.0.113.9", params()), clients);

        assertThat(outcome.facts()).containsEntry("ipSetId", lateId);
        assertThat(outcome.awsRequestIds()).hasSize(4); // two pages of ListIPSets, GetIPSet, UpdateIPSet
        assertThat(read(late).addresses()).containsExactly("203.0.113.9/32");
    }

    @Test
    void cloudFrontSetsAreWrittenInUsEast1WhateverTheFindingsRegion() {
        String edge = "edge-" + v4Name;
        String edgeId = waf.createIPSet(r -> r.name(edge).scope(Scope.CLOUDFRONT).ipAddressVersion(IPAddressVersion.IPV4)
                .addresses(List.of())).summary().id();

        ActionOutcome outcome = new WafBlockAction().execute(BlockRequests.waf(edge, "203.0.113.9",
                Map.of("ip-set-v4", edge, "scope", "CLOUDFRONT"), "eu-west-1"), clients);

        assertThat(outcome.outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(outcome.facts()).containsEntry("region", "us-east-1").containsEntry("scope", "CLOUDFRONT")
                .containsEntry("ipSetId", edgeId);
        assertThat(waf.getIPSet(r -> r.name(edge).id(edgeId).scope(Scope.CLOUDFRONT)).ipSet().addresses())
                .containsExactly("203.0.113.9/32");
    }

    @Test
    void anUnknownSetFails() {
        ActionOutcome outcome = new WafBlockAction().execute(BlockRequests.waf("no-such-set", "203.0.113.9", params()),
                clients);

        assertThat(outcome.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(outcome.detail()).contains("IP set no-such-set (REGIONAL) does not exist");
        assertThat(outcome.awsRequestIds()).isNotEmpty();
    }

    @Test
    void aCachedIdOfADeletedAndRecreatedSetIsLookedUpAgain() {
        WafBlockAction action = new WafBlockAction();
        action.execute(BlockRequests.waf(v4Name, "203.0.113.9", params()), clients);
        GetIpSetResponse current = waf.getIPSet(r -> r.name(v4Name).id(v4Id).scope(Scope.REGIONAL));
        waf.deleteIPSet(r -> r.name(v4Name).id(v4Id).scope(Scope.REGIONAL).lockToken(current.lockToken()));
        String newId = create(v4Name, IPAddressVersion.IPV4, List.of());

        ActionOutcome outcome = action.execute(BlockRequests.waf(v4Name, "203.0.113.10", params()), clients);

        assertThat(outcome.outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(outcome.facts()).containsEntry("ipSetId", newId);
    }

    @Test
    void undoRemovesTheAddressAndASecondUndoFindsNothing() {
        WafBlockAction action = new WafBlockAction();
        action.execute(BlockRequests.waf(v4Name, "203.0.113.9", params()), clients);
        action.execute(BlockRequests.waf(v4Name, "203.0.113.10", params()), clients);

        ActionOutcome removed = action.undo(BlockRequests.waf(v4Name, "203.0.113.9", params()), clients);
        ActionOutcome again = action.undo(BlockRequests.waf(v4Name, "203.0.113.9", params()), clients);

        assertThat(removed.outcome()).isEqualTo(Outcome.REMOVED);
        assertThat(removed.facts()).containsEntry("removed", "true").containsEntry("ipSetId", v4Id);
        assertThat(removed.awsRequestIds()).isNotEmpty();
        assertThat(again.outcome()).isEqualTo(Outcome.REMOVED);
        assertThat(again.facts()).containsEntry("removed", "false");
        assertThat(read(v4Name).addresses()).containsExactly("203.0.113.10/32");
    }

    private Map<String, Object> params() {
        return Map.of("ip-set-v4", v4Name, "ip-set-v6", v6Name, "scope", "REGIONAL");
    }

    private String create(String name, IPAddressVersion version, List<String> addresses) {
        return waf.createIPSet(r -> r.name(name).scope(Scope.REGIONAL).ipAddressVersion(version).addresses(addresses)
                .description("blocked attackers")).summary().id();
    }

    private IPSet read(String name) {
        return waf.getIPSet(r -> r.name(name).id(idOf(name)).scope(Scope.REGIONAL)).ipSet();
    }

    /** The id of the set named {@code name}, through every page of ListIPSets. */
    private String idOf(String name) {
        String marker = null;
        do {
            String page = marker;
            ListIpSetsResponse response = waf.listIPSets(r -> r.scope(Scope.REGIONAL).limit(100).nextMarker(page));
            for (IPSetSummary set : response.ipSets()) {
                if (set.name().equals(name)) {
                    return set.id();
                }
            }
            marker = response.ipSets().isEmpty() ? null : response.nextMarker();
        } while (marker != null);
        throw new IllegalStateException("no IP set " + name);
    }
}
