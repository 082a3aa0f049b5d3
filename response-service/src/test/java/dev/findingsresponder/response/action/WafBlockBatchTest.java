package dev.findingsresponder.response.action;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.findingsresponder.model.ActionRequest;
import dev.findingsresponder.model.ActionResult.Outcome;
import dev.findingsresponder.testsupport.MotoExtension;
import dev.findingsresponder.testsupport.MotoServer;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.wafv2.Wafv2Client;
import software.amazon.awssdk.services.wafv2.model.GetIpSetRequest;
import software.amazon.awssdk.services.wafv2.model.GetIpSetResponse;
import software.amazon.awssdk.services.wafv2.model.IPAddressVersion;
import software.amazon.awssdk.services.wafv2.model.Scope;
import software.amazon.awssdk.services.wafv2.model.UpdateIpSetRequest;

/** waf-block batches and inventory against moto: real WAFv2 calls, counted by an interceptor. */
@ExtendWith(MotoExtension.class)
class WafBlockBatchTest {

    private static final WafSettings FAST = new WafSettings(8, Duration.ofMillis(5), Duration.ofMillis(50), 10_000);

    private final AtomicInteger gets = new AtomicInteger();
    private final AtomicInteger updates = new AtomicInteger();
    private BlockTestClients clients;
    /** A plain client for setting up and checking. */
    private Wafv2Client waf;
    private String v4Name;
    private String v6Name;
    private String v4Id;
    private String v6Id;

    @BeforeEach
    void createSets() {
        clients = BlockTestClients.withWaf(new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof GetIpSetRequest) {
                    gets.incrementAndGet();
                } else if (context.request() instanceof UpdateIpSetRequest) {
                    updates.incrementAndGet();
                }
            }
        });
        waf = BlockTestClients.configure(Wafv2Client.builder(), MotoServer.REGION).build();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        v4Name = "batch-v4-" + suffix;
        v6Name = "batch-v6-" + suffix;
        v4Id = create(v4Name, IPAddressVersion.IPV4, List.of("198.51.100.200/32", "192.0.2.0/24"));
        v6Id = create(v6Name, IPAddressVersion.IPV6, List.of());
    }

    @AfterEach
    void close() {
        clients.close();
        waf.close();
    }

    @Test
    void fiftyRequestsForOneSetAreOneReadAndOneUpdate() {
        List<ActionRequest> batch = new ArrayList<>();
        IntStream.rangeClosed(1, 46).forEach(i -> batch.add(request(v4Name, "203.0.113." + i)));
        batch.add(10, request(v4Name, "203.0.113.3"));        // a duplicate of index 2
        batch.add(20, request(v4Name, "203.0.113.40/32"));    // a duplicate, written as a CIDR, of a later one
        batch.add(30, request(v4Name, "198.51.100.200"));     // already in the set
        batch.add(40, request(v4Name, "2001:db8::1"));        // the wrong IP version for the named set
        assertThat(batch).hasSize(50);

        List<ActionOutcome> outcomes = new WafBlockAction(FAST).executeAll(batch, clients);

        assertThat(updates).hasValue(1);
        assertThat(gets).hasValue(1);
        assertThat(outcomes).hasSize(50);
        String location = "waf:" + BlockRequests.ACCOUNT + ":" + BlockRequests.REGION + ":REGIONAL:" + v4Name;
        assertThat(outcomes).allSatisfy(o -> assertThat(o.facts()).containsEntry("updateCalls", "1")
                .containsEntry("lockConflicts", "0").containsEntry("location", location)
                .containsEntry("ipSetId", v4Id));
        assertThat(outcomes.get(2).outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(outcomes.get(2).detail()).contains("in one update with 45 other address(es)");
        assertThat(outcomes.get(10).outcome()).isEqualTo(Outcome.ALREADY_APPLIED);
        assertThat(outcomes.get(10).detail()).contains("by an earlier request of this batch");
        // the first request for 203.0.113.40 (as a CIDR) is the one that adds it; the later plain one repeats it
        assertThat(outcomes.get(20).outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(outcomes.get(20).facts()).containsEntry("cidr", "203.0.113.40/32");
        int laterForty = indexOf(batch, "203.0.113.40");
        assertThat(outcomes.get(laterForty).outcome()).isEqualTo(Outcome.ALREADY_APPLIED);
        assertThat(outcomes.get(30).outcome()).isEqualTo(Outcome.ALREADY_APPLIED);
        assertThat(outcomes.get(30).detail()).doesNotContain("earlier request");
        assertThat(outcomes.get(40).outcome()).isEqualTo(Outcome.FAILED);
        assertThat(outcomes.get(40).detail()).contains("IPV4", "IPv6 address 2001:db8::1");
        assertThat(outcomes).filteredOn(o -> o.outcome() == Outcome.APPLIED).hasSize(46)
                .allSatisfy(o -> assertThat(o.facts()).containsEntry("addresses", "48"));
        assertThat(outcomes).filteredOn(o -> o.outcome() == Outcome.ALREADY_APPLIED).hasSize(3);

        List<String> held = read(v4Name);
        assertThat(held).hasSize(48).doesNotHaveDuplicates()
                .contains("198.51.100.200/32", "192.0.2.0/24", "203.0.113.1/32", "203.0.113.46/32");
        assertThat(read(v6Name)).isEmpty();
    }

    @Test
    void withoutATargetSetEachIpVersionGoesToItsOwnSetWithOneUpdateEach() {
        List<ActionRequest> batch = List.of(request(null, "203.0.113.1"), request(null, "2001:db8::1"),
                request(null, "203.0.113.2"), request(null, "2001:DB8::2"));

        List<ActionOutcome> outcomes = new WafBlockAction(FAST).executeAll(batch, clients);

        assertThat(outcomes).extracting(ActionOutcome::outcome).containsOnly(Outcome.APPLIED);
        assertThat(outcomes.get(1).facts()).containsEntry("ipSetId", v6Id).containsEntry("location",
                "waf:" + BlockRequests.ACCOUNT + ":" + BlockRequests.REGION + ":REGIONAL:" + v6Name);
        assertThat(updates).hasValue(2);
        assertThat(read(v6Name)).containsExactlyInAnyOrder("2001:db8::1/128", "2001:db8::2/128");
        assertThat(read(v4Name)).contains("203.0.113.1/32", "203.0.113.2/32").hasSize(4);
    }

    @Test
    void requestsWithoutAnAddressOrASetFailAloneAndTheRestIsStillWritten() {
        ActionRequest noV6Set = BlockRequests.waf(null, "2001:db8::1", Map.of("ip-set-v4", v4Name));
        List<ActionRequest> batch = List.of(request(v4Name, "203.0.113.1"), request(v4Name, "evil.example.com"),
                noV6Set, request(v4Name, "203.0.113.2"));

        List<ActionOutcome> outcomes = new WafBlockAction(FAST).executeAll(batch, clients);

        assertThat(outcomes).extracting(ActionOutcome::outcome).containsExactly(Outcome.APPLIED, Outcome.FAILED,
                Outcome.FAILED, Outcome.APPLIED);
        assertThat(outcomes.get(1).detail()).contains("'evil.example.com'");
        assertThat(outcomes.get(2).detail()).isEqualTo("no IP set for IPv6 address 2001:db8::1 (parameter ip-set-v6)");
        assertThat(outcomes.get(2).facts()).doesNotContainKey("location");
        assertThat(updates).hasValue(1);
        assertThat(read(v4Name)).contains("203.0.113.1/32", "203.0.113.2/32").hasSize(4);
    }

    @Test
    void aFullSetTakesTheFirstAddressesInRequestOrderAndFailsTheRestWithoutEvicting() {
        WafBlockAction action = new WafBlockAction(new WafSettings(8, Duration.ofMillis(5), Duration.ofMillis(50), 5));
        List<ActionRequest> batch = List.of(request(v4Name, "203.0.113.1"), request(v4Name, "203.0.113.2"),
                request(v4Name, "198.51.100.200"), request(v4Name, "203.0.113.3"), request(v4Name, "203.0.113.4"),
                request(v4Name, "203.0.113.5"), request(v4Name, "203.0.113.1"));

        List<ActionOutcome> outcomes = action.executeAll(batch, clients);

        assertThat(outcomes).extracting(ActionOutcome::outcome).containsExactly(Outcome.APPLIED, Outcome.APPLIED,
                Outcome.ALREADY_APPLIED, Outcome.APPLIED, Outcome.FAILED, Outcome.FAILED, Outcome.ALREADY_APPLIED);
        assertThat(outcomes.get(4).detail()).isEqualTo("IP set " + v4Name + " holds 5 addresses (the most allowed):"
                + " it is full, so 203.0.113.4/32 was not added and nothing was evicted");
        assertThat(updates).hasValue(1);
        assertThat(read(v4Name)).containsExactlyInAnyOrder("198.51.100.200/32", "192.0.2.0/24", "203.0.113.1/32",
                "203.0.113.2/32", "203.0.113.3/32");
    }

    @Test
    void aLockConflictDecidesEveryAddressAgainFromTheNewRead() {
        AtomicInteger seen = new AtomicInteger();
        ExecutionInterceptor competitor = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof UpdateIpSetRequest && seen.incrementAndGet() == 1) {
                    // another writer adds one of our addresses between our GetIPSet and our UpdateIPSet
                    GetIpSetResponse current = waf.getIPSet(r -> r.name(v4Name).id(v4Id).scope(Scope.REGIONAL));
                    List<String> next = new ArrayList<>(current.ipSet().addresses());
                    next.add("203.0.113.2/32");
                    waf.updateIPSet(r -> r.name(v4Name).id(v4Id).scope(Scope.REGIONAL).addresses(next)
                            .lockToken(current.lockToken()));
                }
            }
        };
        try (BlockTestClients racing = BlockTestClients.withWaf(competitor)) {
            List<ActionOutcome> outcomes = new WafBlockAction(FAST).executeAll(List.of(
                    request(v4Name, "203.0.113.1"), request(v4Name, "203.0.113.2")), racing);

            assertThat(outcomes).extracting(ActionOutcome::outcome)
                    .containsExactly(Outcome.APPLIED, Outcome.ALREADY_APPLIED);
            assertThat(outcomes.get(0).facts()).containsEntry("updateCalls", "2").containsEntry("lockConflicts", "1");
        }
        assertThat(read(v4Name)).containsExactlyInAnyOrder("198.51.100.200/32", "192.0.2.0/24", "203.0.113.1/32",
                "203.0.113.2/32");
    }

    @Test
    void undoAllRemovesEveryAddressInOneUpdateAndLeavesOtherEntries() {
        WafBlockAction action = new WafBlockAction(FAST);
        action.executeAll(List.of(request(v4Name, "203.0.113.1"), request(v4Name, "203.0.113.2"),
                request(v4Name, "203.0.113.3")), clients);
        updates.set(0);

        List<ActionOutcome> outcomes = action.undoAll(List.of(request(v4Name, "203.0.113.1"),
                request(v4Name, "192.0.2.7"), request(v4Name, "203.0.113.3"), request(v4Name, "203.0.113.1"),
                request(v4Name, "198.51.100.200")), clients);

        assertThat(updates).hasValue(1);
        assertThat(outcomes).extracting(ActionOutcome::outcome).containsOnly(Outcome.REMOVED);
        assertThat(outcomes).extracting(o -> o.facts().get("removed"))
                .containsExactly("true", "false", "true", "false", "true");
        assertThat(outcomes.get(1).detail()).contains("does not hold 192.0.2.7/32"); // inside 192.0.2.0/24: not ours
        assertThat(outcomes.get(3).detail()).contains("by an earlier request of this batch");
        assertThat(outcomes).allSatisfy(o -> assertThat(o.facts()).containsKey("location").containsKey("cidr"));
        assertThat(read(v4Name)).containsExactlyInAnyOrder("192.0.2.0/24", "203.0.113.2/32");
    }

    @Test
    void inventoryListsEveryHostCidrOfTheSetInCanonicalForm() {
        String mixed = "mixed-" + v6Name;
        create(mixed, IPAddressVersion.IPV6, List.of("2001:DB8:0:0::7/128", "2001:db8:1::/64"));
        WafBlockAction action = new WafBlockAction(FAST);
        action.execute(request(v4Name, "203.0.113.9"), clients);
        gets.set(0);

        BlockInventory v4 = action.inventory(BlockLocation.waf(BlockRequests.ACCOUNT, BlockRequests.REGION,
                "REGIONAL", v4Name), clients);
        BlockInventory v6 = action.inventory(BlockLocation.waf(BlockRequests.ACCOUNT, BlockRequests.REGION,
                "REGIONAL", mixed), clients);

        assertThat(v4.exists()).isTrue();
        assertThat(v4.blocked()).containsExactlyInAnyOrder("198.51.100.200/32", "203.0.113.9/32");
        assertThat(v4.foreign()).isEmpty();
        assertThat(v4.ruleNumbers()).isEmpty();
        assertThat(v6.blocked()).containsExactly("2001:db8::7/128");
        assertThat(gets).hasValue(2); // one GetIPSet per location
    }

    @Test
    void inventoryOfADeletedOrUnknownSetSaysItDoesNotExist() {
        WafBlockAction action = new WafBlockAction(FAST);
        BlockLocation location = BlockLocation.waf(BlockRequests.ACCOUNT, BlockRequests.REGION, "REGIONAL", v4Name);
        assertThat(action.inventory(location, clients).exists()).isTrue(); // caches the id
        GetIpSetResponse current = waf.getIPSet(r -> r.name(v4Name).id(v4Id).scope(Scope.REGIONAL));
        waf.deleteIPSet(r -> r.name(v4Name).id(v4Id).scope(Scope.REGIONAL).lockToken(current.lockToken()));

        BlockInventory gone = action.inventory(location, clients);
        BlockInventory unknown = action.inventory(BlockLocation.waf(BlockRequests.ACCOUNT, BlockRequests.REGION,
                "REGIONAL", "never-created"), clients);

        assertThat(gone.exists()).isFalse();
        assertThat(gone.blocked()).isEmpty();
        assertThat(gone.location()).isEqualTo(location);
        assertThat(unknown.exists()).isFalse();
    }

    @Test
    void aRequestRebuiltFromTheLocationFactAddressesTheSameSet() {
        String edge = "edge-" + v4Name;
        waf.createIPSet(r -> r.name(edge).scope(Scope.CLOUDFRONT).ipAddressVersion(IPAddressVersion.IPV4)
                .addresses(List.of()));
        WafBlockAction action = new WafBlockAction(FAST);
        ActionOutcome first = action.execute(BlockRequests.waf(null, "203.0.113.9",
                Map.of("ip-set-v4", edge, "scope", "CLOUDFRONT"), "eu-west-1"), clients);
        BlockLocation location = BlockLocation.parse(first.facts().get("location")).orElseThrow();

        // the reconciler's request: target resource id = set name, parameter scope, the location's account/region
        ActionRequest rebuilt = new ActionRequest("reconcile-1", "waf-block",
                Map.of("ip-set-v4", "some-other-set", "scope", location.scope()),
                new ActionRequest.Target("waf:" + location.account(), location.account(), location.region(),
                        "waf-ip-set", location.id(), "203.0.113.9"),
                null, null, "reconciler", "drift", null, null, null);
        ActionOutcome again = action.execute(rebuilt, clients);

        assertThat(location).isEqualTo(BlockLocation.waf(BlockRequests.ACCOUNT, "us-east-1", "CLOUDFRONT", edge));
        assertThat(again.outcome()).isEqualTo(Outcome.ALREADY_APPLIED);
        assertThat(again.facts()).containsEntry("location", location.key());
        assertThat(action.inventory(location, clients).blocked()).containsExactly("203.0.113.9/32");
    }

    private ActionRequest request(String setName, String address) {
        return BlockRequests.waf(setName, address, Map.of("ip-set-v4", v4Name, "ip-set-v6", v6Name,
                "scope", "REGIONAL"));
    }

    private static int indexOf(List<ActionRequest> batch, String address) {
        return IntStream.range(0, batch.size()).filter(i -> batch.get(i).target().address().equals(address))
                .findFirst().orElseThrow();
    }

    private String create(String name, IPAddressVersion version, List<String> addresses) {
        return waf.createIPSet(r -> r.name(name).scope(Scope.REGIONAL).ipAddressVersion(version).addresses(addresses))
                .summary().id();
    }

    private List<String> read(String name) {
        String id = name.equals(v4Name) ? v4Id : v6Id;
        return waf.getIPSet(r -> r.name(name).id(id).scope(Scope.REGIONAL)).ipSet().addresses();
    }
}
