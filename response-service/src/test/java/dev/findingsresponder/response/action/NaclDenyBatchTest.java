package dev.findingsresponder.response.action;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.findingsresponder.model.ActionRequest;
import dev.findingsresponder.model.ActionResult.Outcome;
import dev.findingsresponder.testsupport.MotoExtension;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CreateNetworkAclEntryRequest;
import software.amazon.awssdk.services.ec2.model.DeleteNetworkAclEntryRequest;
import software.amazon.awssdk.services.ec2.model.DescribeNetworkAclsRequest;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.NetworkAclEntry;
import software.amazon.awssdk.services.ec2.model.RuleAction;

/** nacl-deny batches and inventory against moto: real EC2 calls, counted by an interceptor. */
@ExtendWith(MotoExtension.class)
class NaclDenyBatchTest {

    private final AtomicInteger describes = new AtomicInteger();
    private final AtomicInteger creates = new AtomicInteger();
    private final AtomicInteger deletes = new AtomicInteger();
    private BlockTestClients clients;
    /** A plain client for setting up and checking. */
    private Ec2Client ec2;
    private String vpcId;
    private String defaultNaclId;
    private String naclId;
    private String subnetId;

    @BeforeEach
    void createVpc() {
        clients = BlockTestClients.withEc2(counting(null));
        ec2 = BlockTestClients.configure(Ec2Client.builder(), BlockRequests.REGION).build();
        vpcId = ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
        defaultNaclId = ec2.describeNetworkAcls(r -> r.filters(filter("vpc-id", vpcId), filter("default", "true")))
                .networkAcls().get(0).networkAclId();
        naclId = ec2.createNetworkAcl(r -> r.vpcId(vpcId)).networkAcl().networkAclId();
        subnetId = ec2.createSubnet(r -> r.vpcId(vpcId).cidrBlock("10.0.1.0/24")).subnet().subnetId();
    }

    @AfterEach
    void close() {
        clients.close();
        ec2.close();
    }

    @Test
    void aBatchForOneNaclIsOneReadAndOneCreatePerNewAddress() {
        entry(naclId, 81, RuleAction.ALLOW, "10.9.0.0/16");        // foreign, inside the range: its number is skipped
        entry(naclId, 84, RuleAction.DENY, "198.51.100.9/32");     // ours already (an earlier block)
        List<ActionRequest> batch = List.of(request("203.0.113.1"), request("203.0.113.2"), request("2001:db8::7"),
                request("203.0.113.1"), request("198.51.100.9"), request("203.0.113.3"), request("2001:DB8:0::7"),
                request("203.0.113.4"));

        List<ActionOutcome> outcomes = new NaclDenyAction().executeAll(batch, clients);

        assertThat(describes).hasValue(1);
        assertThat(creates).hasValue(5);
        assertThat(deletes).hasValue(0);
        assertThat(outcomes).extracting(ActionOutcome::outcome).containsExactly(Outcome.APPLIED, Outcome.APPLIED,
                Outcome.APPLIED, Outcome.ALREADY_APPLIED, Outcome.ALREADY_APPLIED, Outcome.APPLIED,
                Outcome.ALREADY_APPLIED, Outcome.APPLIED);
        assertThat(outcomes).extracting(o -> o.facts().get("ruleNumber"))
                .containsExactly("80", "82", "83", "80", "84", "85", "83", "86");
        assertThat(outcomes.get(3).detail()).contains("by an earlier request of this batch");
        assertThat(outcomes.get(4).detail()).doesNotContain("earlier request");
        assertThat(outcomes.get(6).facts()).containsEntry("cidr", "2001:db8::7/128");
        String location = "nacl:" + BlockRequests.ACCOUNT + ":" + BlockRequests.REGION + ":" + naclId;
        assertThat(outcomes).allSatisfy(o -> {
            assertThat(o.facts()).containsEntry("location", location).containsEntry("naclId", naclId);
            assertThat(o.awsRequestIds()).isNotEmpty();
        });
        assertThat(inbound(naclId)).filteredOn(e -> e.ruleAction() == RuleAction.DENY)
                .extracting(NetworkAclEntry::ruleNumber).containsExactlyInAnyOrder(80, 82, 83, 84, 85, 86);
    }

    @Test
    void aBatchLargerThanTheFreeRangeFailsTheExcessInsteadOfEvictingItsOwnBlocks() {
        NaclDenyAction action = new NaclDenyAction(new NaclSettings(80, 84, 20), BlockLedger.NONE);
        List<ActionRequest> batch = IntStream.rangeClosed(1, 7).mapToObj(i -> request("203.0.113." + i)).toList();

        List<ActionOutcome> outcomes = action.executeAll(batch, clients);

        assertThat(outcomes).extracting(ActionOutcome::outcome).containsExactly(Outcome.APPLIED, Outcome.APPLIED,
                Outcome.APPLIED, Outcome.APPLIED, Outcome.APPLIED, Outcome.FAILED, Outcome.FAILED);
        assertThat(outcomes.get(5).detail()).isEqualTo("NACL " + naclId + " is full: no free number in rule range"
                + " 80-84, and every block of ours left in it was written or asked for by this batch, which never"
                + " evicts its own");
        assertThat(outcomes).noneSatisfy(o -> assertThat(o.facts()).containsKey("evicted"));
        assertThat(deletes).hasValue(0);
        assertThat(inbound(naclId)).extracting(NetworkAclEntry::cidrBlock).containsExactlyInAnyOrder(
                "203.0.113.1/32", "203.0.113.2/32", "203.0.113.3/32", "203.0.113.4/32", "203.0.113.5/32");
    }

    @Test
    void olderBlocksAreEvictedAndReportedOnTheRequestThatNeededTheRoomButNotOnesTheBatchAsksFor() {
        // moto's default NACL holds allow 100 and the default deny 32767: 18 blocks of ours make 20 IPv4 rules
        for (int i = 0; i < 18; i++) {
            entry(defaultNaclId, 80 + i, RuleAction.DENY, "198.51.100." + (i + 1) + "/32");
        }
        List<ActionRequest> batch = List.of(subnetRequest("203.0.113.1"), subnetRequest("198.51.100.1"),
                subnetRequest("203.0.113.2"), subnetRequest("203.0.113.1"));

        List<ActionOutcome> outcomes = new NaclDenyAction().executeAll(batch, clients);

        assertThat(outcomes).extracting(ActionOutcome::outcome).containsExactly(Outcome.APPLIED,
                Outcome.ALREADY_APPLIED, Outcome.APPLIED, Outcome.ALREADY_APPLIED);
        // 198.51.100.1 (rule 80) would go first by rule number, but this batch asks for it: .2 and .3 go instead
        assertThat(outcomes.get(0).facts()).containsEntry("evicted", "198.51.100.2/32")
                .containsEntry("evictedRule", "81").containsEntry("ruleNumber", "81");
        assertThat(outcomes.get(0).detail()).contains("evicted 198.51.100.2/32 (rule 81)", "20 inbound IPv4 rules");
        assertThat(outcomes.get(1).facts()).containsEntry("ruleNumber", "80").doesNotContainKey("evicted");
        assertThat(outcomes.get(2).facts()).containsEntry("evicted", "198.51.100.3/32")
                .containsEntry("evictedRule", "82").containsEntry("ruleNumber", "82");
        assertThat(outcomes.get(3).facts()).doesNotContainKey("evicted").containsEntry("ruleNumber", "81");
        assertThat(deletes).hasValue(2);
        assertThat(inbound(defaultNaclId)).hasSize(20).extracting(NetworkAclEntry::cidrBlock)
                .contains("198.51.100.1/32", "203.0.113.1/32", "203.0.113.2/32")
                .doesNotContain("198.51.100.2/32", "198.51.100.3/32");
    }

    @Test
    void requestsThatResolveTheSameNaclDifferentlyShareOnePassWithoutNumberClashes() {
        associate(subnetId, naclId);
        List<ActionRequest> batch = List.of(BlockRequests.nacl(subnetId, "203.0.113.1", Map.of(), null),
                request("203.0.113.2"), BlockRequests.nacl(subnetId, "203.0.113.3", Map.of(), null),
                request("203.0.113.4"));

        List<ActionOutcome> outcomes = new NaclDenyAction().executeAll(batch, clients);

        assertThat(describes).as("one resolution per distinct input, no re-read").hasValue(2);
        assertThat(outcomes).extracting(o -> o.facts().get("ruleNumber")).containsExactly("80", "81", "82", "83");
        assertThat(outcomes.get(0).detail()).contains("NACL of subnet " + subnetId);
        assertThat(outcomes.get(1).detail()).contains("parameter nacl-id");
        assertThat(inbound(naclId)).hasSize(4);
    }

    @Test
    void aNumberTakenBetweenReadAndWriteIsReadAgainAndTheRestDecidedFromThatRead() {
        AtomicInteger seen = new AtomicInteger();
        ExecutionInterceptor intruder = counting(context -> {
            if (context.request() instanceof CreateNetworkAclEntryRequest && seen.incrementAndGet() == 2) {
                entry(naclId, 81, RuleAction.ALLOW, "10.9.0.0/16"); // someone takes the number we planned next
            }
        });
        try (BlockTestClients racing = BlockTestClients.withEc2(intruder)) {
            List<ActionOutcome> outcomes = new NaclDenyAction().executeAll(List.of(request("203.0.113.1"),
                    request("203.0.113.2"), request("203.0.113.3")), racing);

            assertThat(outcomes).extracting(ActionOutcome::outcome).containsOnly(Outcome.APPLIED);
            assertThat(outcomes).extracting(o -> o.facts().get("ruleNumber")).containsExactly("80", "82", "83");
        }
        assertThat(describes).hasValue(2);
        assertThat(inbound(naclId)).extracting(NetworkAclEntry::ruleNumber).containsExactlyInAnyOrder(80, 81, 82, 83);
    }

    @Test
    void afterAReReadTheBlocksTheBatchAlreadyWroteAreStillNotEvicted() {
        AtomicInteger seen = new AtomicInteger();
        ExecutionInterceptor intruder = counting(context -> {
            if (context.request() instanceof CreateNetworkAclEntryRequest && seen.incrementAndGet() == 2) {
                entry(naclId, 81, RuleAction.ALLOW, "10.9.0.0/16");
            }
        });
        NaclDenyAction action = new NaclDenyAction(new NaclSettings(80, 82, 20), BlockLedger.NONE);
        try (BlockTestClients racing = BlockTestClients.withEc2(intruder)) {
            // the re-read shows 203.0.113.1 at 80 as a block of ours: it was written by this batch, so it stays
            List<ActionOutcome> outcomes = action.executeAll(List.of(request("203.0.113.1"), request("203.0.113.2"),
                    request("203.0.113.3")), racing);

            assertThat(outcomes).extracting(ActionOutcome::outcome)
                    .containsExactly(Outcome.APPLIED, Outcome.APPLIED, Outcome.FAILED);
            assertThat(outcomes.get(1).facts()).containsEntry("ruleNumber", "82");
            assertThat(outcomes.get(2).detail()).startsWith("NACL " + naclId + " is full: no free number");
        }
        assertThat(deletes).hasValue(0);
        assertThat(inbound(naclId)).extracting(NetworkAclEntry::cidrBlock)
                .containsExactlyInAnyOrder("203.0.113.1/32", "10.9.0.0/16", "203.0.113.2/32");
    }

    @Test
    void undoAllReadsOnceAndDeletesOnlyOurEntries() {
        NaclDenyAction action = new NaclDenyAction();
        action.executeAll(List.of(request("203.0.113.1"), request("203.0.113.2")), clients);
        entry(naclId, 150, RuleAction.DENY, "203.0.113.1/32"); // outside our range: foreign
        describes.set(0);
        creates.set(0);

        List<ActionOutcome> outcomes = action.undoAll(List.of(request("203.0.113.1"), request("203.0.113.9"),
                request("203.0.113.2"), request("203.0.113.1")), clients);

        assertThat(describes).hasValue(1);
        assertThat(deletes).hasValue(2);
        assertThat(outcomes).extracting(ActionOutcome::outcome).containsOnly(Outcome.REMOVED);
        assertThat(outcomes).extracting(o -> o.facts().get("removed")).containsExactly("true", "false", "true",
                "false");
        assertThat(outcomes.get(3).detail()).contains("by an earlier request of this batch");
        assertThat(outcomes).allSatisfy(o -> assertThat(o.facts()).containsKey("location"));
        assertThat(inbound(naclId)).singleElement().satisfies(e -> assertThat(e.ruleNumber()).isEqualTo(150));
    }

    @Test
    void inventoryListsOurBlocksTheirNumbersAndForeignEntriesInTheRange() {
        NaclDenyAction action = new NaclDenyAction();
        action.executeAll(List.of(request("203.0.113.1"), request("2001:db8::7")), clients);
        ec2.createNetworkAclEntry(r -> r.networkAclId(naclId).ruleNumber(85).ruleAction(RuleAction.ALLOW)
                .egress(false).protocol("6").portRange(p -> p.from(22).to(22)).cidrBlock("198.51.100.7/32"));
        entry(naclId, 86, RuleAction.DENY, "198.51.100.0/24");  // a range: foreign
        entry(naclId, 150, RuleAction.ALLOW, "10.0.0.0/8");      // outside the range: not listed
        ec2.createNetworkAclEntry(r -> r.networkAclId(naclId).ruleNumber(87).ruleAction(RuleAction.DENY)
                .egress(true).protocol("-1").cidrBlock("192.0.2.1/32")); // outbound: not listed
        describes.set(0);

        BlockInventory inventory = action.inventory(
                BlockLocation.nacl(BlockRequests.ACCOUNT, BlockRequests.REGION, naclId), clients);

        assertThat(describes).hasValue(1);
        assertThat(inventory.exists()).isTrue();
        assertThat(inventory.blocked()).containsExactlyInAnyOrder("203.0.113.1/32", "2001:db8::7/128");
        assertThat(inventory.ruleNumbers()).isEqualTo(Map.of("203.0.113.1/32", 80, "2001:db8::7/128", 81));
        assertThat(inventory.foreign()).containsExactly("rule 85 ALLOW tcp 198.51.100.7/32 ports 22-22",
                "rule 86 DENY all 198.51.100.0/24");
    }

    @Test
    void inventoryOfADeletedNaclSaysItDoesNotExist() {
        String doomed = ec2.createNetworkAcl(r -> r.vpcId(vpcId)).networkAcl().networkAclId();
        ec2.deleteNetworkAcl(r -> r.networkAclId(doomed));

        BlockInventory inventory = new NaclDenyAction().inventory(
                BlockLocation.nacl(BlockRequests.ACCOUNT, BlockRequests.REGION, doomed), clients);

        assertThat(inventory.exists()).isFalse();
        assertThat(inventory.blocked()).isEmpty();
        assertThat(inventory.foreign()).isEmpty();
    }

    @Test
    void aRequestRebuiltFromTheLocationFactWritesThatNaclAndNoOther() {
        associate(subnetId, naclId);
        NaclDenyAction action = new NaclDenyAction();
        ActionOutcome first = action.execute(BlockRequests.nacl(subnetId, "203.0.113.1", Map.of(), null), clients);
        BlockLocation location = BlockLocation.parse(first.facts().get("location")).orElseThrow();

        // the reconciler's request: parameter nacl-id; the VPC as resource id would otherwise fail
        ActionOutcome again = action.execute(BlockRequests.nacl(vpcId, "203.0.113.1",
                Map.of("nacl-id", location.id()), null), clients);
        ActionOutcome second = action.execute(BlockRequests.nacl(vpcId, "203.0.113.2",
                Map.of("nacl-id", location.id()), null), clients);

        assertThat(location).isEqualTo(BlockLocation.nacl(BlockRequests.ACCOUNT, BlockRequests.REGION, naclId));
        assertThat(again.outcome()).isEqualTo(Outcome.ALREADY_APPLIED);
        assertThat(second.facts()).containsEntry("location", location.key());
        assertThat(inbound(defaultNaclId)).noneMatch(e -> e.cidrBlock() != null && e.cidrBlock().startsWith("203."));
    }

    /** An interceptor that counts the NACL calls, and runs {@code before} (if any) ahead of each call. */
    private ExecutionInterceptor counting(Consumer<Context.BeforeExecution> before) {
        return new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof DescribeNetworkAclsRequest) {
                    describes.incrementAndGet();
                } else if (context.request() instanceof CreateNetworkAclEntryRequest) {
                    creates.incrementAndGet();
                } else if (context.request() instanceof DeleteNetworkAclEntryRequest) {
                    deletes.incrementAndGet();
                }
                if (before != null) {
                    before.accept(context);
                }
            }
        };
    }

    private ActionRequest request(String address) {
        return BlockRequests.nacl(null, address, Map.of("nacl-id", naclId), null);
    }

    private ActionRequest subnetRequest(String address) {
        return BlockRequests.nacl(subnetId, address, Map.of(), null);
    }

    private List<NetworkAclEntry> inbound(String acl) {
        return ec2.describeNetworkAcls(r -> r.networkAclIds(acl)).networkAcls().get(0).entries().stream()
                .filter(e -> !e.egress()).toList();
    }

    private void entry(String acl, int number, RuleAction action, String cidr) {
        ec2.createNetworkAclEntry(r -> r.networkAclId(acl).ruleNumber(number).ruleAction(action).egress(false)
                .protocol("-1").cidrBlock(cidr));
    }

    private void associate(String subnet, String acl) {
        String associationId = ec2.describeNetworkAcls(r -> r.filters(filter("association.subnet-id", subnet)))
                .networkAcls().get(0).associations().stream().filter(a -> subnet.equals(a.subnetId())).findFirst()
                .orElseThrow().networkAclAssociationId();
        ec2.replaceNetworkAclAssociation(r -> r.associationId(associationId).networkAclId(acl));
    }

    private static Filter filter(String name, String value) {
        return Filter.builder().name(name).values(value).build();
    }
}
