package dev.findingsresponder.response.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.findingsresponder.model.ActionResult.Outcome;
import dev.findingsresponder.testsupport.MotoExtension;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CreateNetworkAclEntryRequest;
import software.amazon.awssdk.services.ec2.model.DescribeNetworkAclsRequest;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.NetworkAclEntry;
import software.amazon.awssdk.services.ec2.model.RuleAction;

/** nacl-deny against moto with real EC2 calls; every test builds its own VPC, NACLs and subnet. */
@ExtendWith(MotoExtension.class)
class NaclDenyActionTest {

    private static final String ATTACKER = "203.0.113.7";

    private BlockTestClients clients;
    private Ec2Client ec2;
    private String vpcId;
    private String defaultNaclId;
    private String naclId;
    private String subnetId;

    @BeforeEach
    void createVpc() {
        clients = new BlockTestClients();
        ec2 = clients.ec2(BlockRequests.ACCOUNT, BlockRequests.REGION);
        vpcId = ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
        defaultNaclId = ec2.describeNetworkAcls(r -> r.filters(filter("vpc-id", vpcId), filter("default", "true")))
                .networkAcls().get(0).networkAclId();
        naclId = ec2.createNetworkAcl(r -> r.vpcId(vpcId)).networkAcl().networkAclId();
        subnetId = ec2.createSubnet(r -> r.vpcId(vpcId).cidrBlock("10.0.1.0/24")).subnet().subnetId();
    }

    @AfterEach
    void close() {
        clients.close();
    }

    @Test
    void deniesTheAddressInboundWithTheLowestFreeNumberOfTheRange() {
        ActionOutcome outcome = new NaclDenyAction().execute(request(ATTACKER), clients);

        assertThat(outcome.outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(outcome.facts()).containsEntry("naclId", naclId).containsEntry("ruleNumber", "80")
                .containsEntry("cidr", "203.0.113.7/32").doesNotContainKey("evicted");
        assertThat(outcome.awsRequestIds()).isNotEmpty();
        assertThat(outcome.detail()).contains("203.0.113.7/32", naclId, "rule 80");
        assertThat(inbound(naclId)).singleElement().satisfies(e -> {
            assertThat(e.ruleNumber()).isEqualTo(80);
            assertThat(e.ruleAction()).isEqualTo(RuleAction.DENY);
            assertThat(e.protocol()).isEqualTo("-1");
            assertThat(e.cidrBlock()).isEqualTo("203.0.113.7/32");
            assertThat(e.egress()).isFalse();
        });
    }

    @Test
    void aRepeatedRequestIsAlreadyAppliedAndLeavesOneEntry() {
        NaclDenyAction action = new NaclDenyAction();
        action.execute(request(ATTACKER), clients);

        ActionOutcome again = action.execute(request(ATTACKER), clients);

        assertThat(again.outcome()).isEqualTo(Outcome.ALREADY_APPLIED);
        assertThat(again.facts()).containsEntry("ruleNumber", "80").containsEntry("naclId", naclId);
        assertThat(again.awsRequestIds()).isNotEmpty();
        assertThat(inbound(naclId)).hasSize(1);
    }

    @Test
    void anIpv6AddressGetsA128EntryInCanonicalForm() {
        ActionOutcome outcome = new NaclDenyAction().execute(request("2001:DB8:0:0::7"), clients);

        assertThat(outcome.outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(outcome.facts()).containsEntry("cidr", "2001:db8::7/128");
        assertThat(inbound(naclId)).singleElement().satisfies(e -> {
            assertThat(e.ipv6CidrBlock()).isEqualTo("2001:db8::7/128");
            assertThat(e.cidrBlock()).isNull();
            assertThat(e.ruleAction()).isEqualTo(RuleAction.DENY);
        });
        // the same address written another way is the same block
        assertThat(new NaclDenyAction().execute(request("2001:db8::0:7"), clients).outcome())
                .isEqualTo(Outcome.ALREADY_APPLIED);
    }

    @Test
    void numbersTakenByForeignEntriesAreSkippedAndLeftAlone() {
        entry(naclId, 80, RuleAction.ALLOW, "10.9.0.0/16");
        entry(naclId, 81, RuleAction.DENY, "198.51.100.0/24"); // a range, not a host: foreign

        ActionOutcome outcome = new NaclDenyAction().execute(request(ATTACKER), clients);

        assertThat(outcome.facts()).containsEntry("ruleNumber", "82");
        assertThat(inbound(naclId)).extracting(NetworkAclEntry::ruleNumber, NetworkAclEntry::cidrBlock)
                .containsExactlyInAnyOrder(tuple(80, "10.9.0.0/16"),
                        tuple(81, "198.51.100.0/24"),
                        tuple(82, "203.0.113.7/32"));
    }

    @Test
    void resolvesTheNaclAssociatedWithTheSubnet() {
        associate(subnetId, naclId);

        ActionOutcome outcome = new NaclDenyAction()
                .execute(BlockRequests.nacl(subnetId, ATTACKER, Map.of(), null), clients);

        assertThat(outcome.outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(outcome.facts()).containsEntry("naclId", naclId);
        assertThat(outcome.detail()).contains("NACL of subnet " + subnetId);
    }

    @Test
    void resolvesTheNaclFromTheFindingsInstanceBeforeTheVpcDefault() {
        associate(subnetId, naclId);
        String instanceId = ec2.runInstances(r -> r.imageId("ami-12c6146b").minCount(1).maxCount(1).subnetId(subnetId))
                .instances().get(0).instanceId();

        ActionOutcome outcome = new NaclDenyAction().execute(
                BlockRequests.nacl(vpcId, ATTACKER, Map.of(), BlockRequests.instance(instanceId, null, null)), clients);

        assertThat(outcome.facts()).containsEntry("naclId", naclId);
        assertThat(outcome.detail()).contains("of instance " + instanceId);
    }

    @Test
    void aSubnetWithoutAnExplicitAssociationGetsTheDefaultNaclThatGuardsIt() {
        ActionOutcome outcome = new NaclDenyAction()
                .execute(BlockRequests.nacl(subnetId, ATTACKER, Map.of(), null), clients);

        assertThat(outcome.outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(outcome.facts()).containsEntry("naclId", defaultNaclId).containsEntry("ruleNumber", "80");
        assertThat(outcome.detail()).contains("NACL of subnet " + subnetId);
    }

    @Test
    void aVpcAloneIsNotEnoughTheDefaultNaclMayNotGuardTheAffectedSubnet() {
        associate(subnetId, naclId); // the VPC's only subnet is not guarded by the default NACL

        ActionOutcome outcome = new NaclDenyAction()
                .execute(BlockRequests.nacl(vpcId, ATTACKER, Map.of(), null), clients);

        assertThat(outcome.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(outcome.detail()).contains("no subnet is known, only VPC " + vpcId, "name the NACL (nacl-id)");
        assertThat(inbound(defaultNaclId)).noneMatch(e -> "203.0.113.7/32".equals(e.cidrBlock()));
        assertThat(inbound(naclId)).isEmpty();
    }

    @Test
    void aNaclThatCannotBeFoundFails() {
        ActionOutcome missing = new NaclDenyAction().execute(BlockRequests.nacl(null, ATTACKER,
                Map.of("nacl-id", "acl-0123456789abcdef0"), null), clients);
        ActionOutcome nothing = new NaclDenyAction().execute(BlockRequests.nacl(null, ATTACKER, Map.of(), null), clients);

        assertThat(missing.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(missing.detail()).contains("acl-0123456789abcdef0 does not exist");
        assertThat(nothing.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(nothing.detail()).contains("names no NACL, subnet, instance or VPC");
    }

    @Test
    void aFullNaclEvictsOurBlockWithTheLowestRuleNumber() {
        // moto's default NACL holds allow 100 and the default deny 32767: 18 blocks of ours make 20 IPv4 rules
        for (int i = 0; i < 18; i++) {
            entry(defaultNaclId, 80 + i, RuleAction.DENY, "198.51.100." + (i + 1) + "/32");
        }
        assertThat(inbound(defaultNaclId).stream().filter(e -> e.cidrBlock() != null)).hasSize(20);

        ActionOutcome outcome = new NaclDenyAction().execute(BlockRequests.nacl(subnetId, ATTACKER, Map.of(), null), clients);

        assertThat(outcome.outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(outcome.facts()).containsEntry("evicted", "198.51.100.1/32").containsEntry("evictedRule", "80")
                .containsEntry("ruleNumber", "80").containsEntry("cidr", "203.0.113.7/32");
        assertThat(outcome.detail()).contains("evicted 198.51.100.1/32 (rule 80)", "20 inbound IPv4 rules");
        assertThat(inbound(defaultNaclId)).hasSize(20)
                .noneMatch(e -> "198.51.100.1/32".equals(e.cidrBlock()))
                .anyMatch(e -> "203.0.113.7/32".equals(e.cidrBlock()) && e.ruleNumber() == 80);
    }

    @Test
    void theLedgerChoosesTheLeastImportantThenOldestBlockToEvict() {
        for (int i = 0; i < 18; i++) {
            entry(defaultNaclId, 80 + i, RuleAction.DENY, "198.51.100." + (i + 1) + "/32");
        }
        BlockLedger ledger = new BlockLedger() {
            @Override
            public Optional<Instant> blockedAt(String nacl, String cidr) {
                // .5 is the oldest, .9 the second oldest; the rest are newer
                return Optional.of(cidr.equals("198.51.100.5/32") ? Instant.parse("2026-01-01T00:00:00Z")
                        : cidr.equals("198.51.100.9/32") ? Instant.parse("2026-01-02T00:00:00Z")
                        : Instant.parse("2026-02-01T00:00:00Z"));
            }

            @Override
            public int priority(String nacl, String cidr) {
                return cidr.equals("198.51.100.5/32") ? 9 : 1; // the oldest is critical: keep it
            }
        };

        ActionOutcome outcome = new NaclDenyAction(NaclSettings.DEFAULTS, ledger)
                .execute(BlockRequests.nacl(subnetId, ATTACKER, Map.of(), null), clients);

        assertThat(outcome.facts()).containsEntry("evicted", "198.51.100.9/32").containsEntry("evictedRule", "88")
                .containsEntry("ruleNumber", "88");
    }

    @Test
    void aNaclFullOfForeignRulesFails() {
        for (int i = 0; i < 18; i++) {
            entry(defaultNaclId, 200 + i, RuleAction.ALLOW, "10." + i + ".0.0/16");
        }

        ActionOutcome outcome = new NaclDenyAction().execute(BlockRequests.nacl(subnetId, ATTACKER, Map.of(), null), clients);

        assertThat(outcome.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(outcome.detail()).isEqualTo("NACL " + defaultNaclId
                + " is full (20 inbound IPv4 rules) and holds no block of ours to evict");
        assertThat(inbound(defaultNaclId)).hasSize(20).noneMatch(e -> "203.0.113.7/32".equals(e.cidrBlock()));
    }

    @Test
    void aFullRuleRangeEvictsOurBlockOfEitherIpVersion() {
        NaclDenyAction action = new NaclDenyAction(new NaclSettings(80, 81, 20), BlockLedger.NONE);
        action.execute(request("198.51.100.1"), clients);
        action.execute(request("2001:db8::1"), clients);

        ActionOutcome outcome = action.execute(request(ATTACKER), clients);

        assertThat(outcome.facts()).containsEntry("evicted", "198.51.100.1/32").containsEntry("ruleNumber", "80");
        assertThat(outcome.detail()).contains("the rule range is full");
    }

    @Test
    void anAllowOfAllTrafficBelowTheRangeFailsInsteadOfWritingAUselessDeny() {
        entry(naclId, 10, RuleAction.ALLOW, "0.0.0.0/0");

        ActionOutcome outcome = new NaclDenyAction().execute(request(ATTACKER), clients);

        assertThat(outcome.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(outcome.detail()).contains("rule 10", "allows all traffic from 0.0.0.0/0");
        assertThat(inbound(naclId)).hasSize(1);
    }

    @Test
    void anAllowOfSshFromEverywhereBelowTheRangeFailsNamingTheRule() {
        ec2.createNetworkAclEntry(r -> r.networkAclId(naclId).ruleNumber(50).ruleAction(RuleAction.ALLOW).egress(false)
                .protocol("6").portRange(p -> p.from(22).to(22)).cidrBlock("0.0.0.0/0"));

        ActionOutcome outcome = new NaclDenyAction().execute(request(ATTACKER), clients);

        assertThat(outcome.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(outcome.detail()).contains("rule 50", "ALLOW tcp 0.0.0.0/0 ports 22-22", "would not hold");
        assertThat(inbound(naclId)).hasSize(1);
    }

    @Test
    void anAllowOfARangeHoldingTheAddressFailsButOneThatCannotMatchItDoesNot() {
        ec2.createNetworkAclEntry(r -> r.networkAclId(naclId).ruleNumber(40).ruleAction(RuleAction.ALLOW).egress(false)
                .protocol("6").portRange(p -> p.from(443).to(443)).cidrBlock("192.0.2.0/24"));
        ec2.createNetworkAclEntry(r -> r.networkAclId(naclId).ruleNumber(60).ruleAction(RuleAction.ALLOW).egress(false)
                .protocol("17").portRange(p -> p.from(53).to(53)).cidrBlock("203.0.113.0/24"));

        ActionOutcome shadowed = new NaclDenyAction().execute(request(ATTACKER), clients);
        ActionOutcome elsewhere = new NaclDenyAction().execute(request("198.51.100.9"), clients);

        assertThat(shadowed.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(shadowed.detail()).contains("rule 60", "203.0.113.7/32");
        assertThat(elsewhere.outcome()).as(elsewhere.detail()).isEqualTo(Outcome.APPLIED);
        assertThat(elsewhere.facts()).doesNotContainKey("shadowedBy");
    }

    @Test
    void undoRemovesOurEntryAndASecondUndoFindsNothing() {
        NaclDenyAction action = new NaclDenyAction();
        action.execute(request(ATTACKER), clients);
        entry(naclId, 150, RuleAction.DENY, "203.0.113.7/32"); // the same address outside our range: foreign

        ActionOutcome removed = action.undo(request(ATTACKER), clients);
        ActionOutcome again = action.undo(request(ATTACKER), clients);

        assertThat(removed.outcome()).isEqualTo(Outcome.REMOVED);
        assertThat(removed.facts()).containsEntry("removed", "true").containsEntry("ruleNumber", "80")
                .containsEntry("naclId", naclId);
        assertThat(removed.awsRequestIds()).isNotEmpty();
        assertThat(again.outcome()).isEqualTo(Outcome.REMOVED);
        assertThat(again.facts()).containsEntry("removed", "false");
        assertThat(again.detail()).startsWith("nothing to remove");
        assertThat(inbound(naclId)).singleElement().satisfies(e -> assertThat(e.ruleNumber()).isEqualTo(150));
    }

    @Test
    void somethingThatIsNotAnAddressFails() {
        ActionOutcome outcome = new NaclDenyAction().execute(request("evil.example.com"), clients);

        assertThat(outcome.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(outcome.detail()).contains("'evil.example.com'");
        assertThat(inbound(naclId)).isEmpty();
    }

    @Test
    void anAwsErrorThatRetryingCannotFixIsAFailedOutcomeWithItsCode() {
        // the NACL disappears between the read and the write: moto answers CreateNetworkAclEntry with a 400
        ExecutionInterceptor gone = new ExecutionInterceptor() {
            @Override
            public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
                return context.request() instanceof CreateNetworkAclEntryRequest create
                        ? create.toBuilder().networkAclId("acl-00000000000000000").build() : context.request();
            }
        };
        try (BlockTestClients failing = BlockTestClients.withEc2(gone)) {
            ActionOutcome outcome = new NaclDenyAction().execute(request(ATTACKER), failing);

            assertThat(outcome.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(outcome.detail()).contains("InvalidNetworkAclID.NotFound");
            assertThat(outcome.facts()).containsEntry("naclId", naclId);
            assertThat(outcome.awsRequestIds()).isNotEmpty();
        }
    }

    @Test
    void throttlingIsThrownForTheExecutorToRetry() {
        ExecutionInterceptor throttled = new ExecutionInterceptor() {
            @Override
            public SdkHttpResponse modifyHttpResponse(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
                return context.request() instanceof DescribeNetworkAclsRequest
                        ? context.httpResponse().toBuilder().statusCode(503).build() : context.httpResponse();
            }

            @Override
            public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context,
                                                                   ExecutionAttributes attributes) {
                return context.request() instanceof DescribeNetworkAclsRequest
                        ? Optional.of(new ByteArrayInputStream(("<Response><Errors><Error><Code>RequestLimitExceeded"
                        + "</Code><Message>Request limit exceeded.</Message></Error></Errors><RequestID>r-1</RequestID>"
                        + "</Response>").getBytes(StandardCharsets.UTF_8)))
                        : context.responseBody();
            }
        };
        try (BlockTestClients failing = BlockTestClients.withEc2(throttled)) {
            assertThatThrownBy(() -> new NaclDenyAction().execute(request(ATTACKER), failing))
                    .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                        assertThat(e.isThrottlingException()).isTrue();
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("RequestLimitExceeded");
                    });
        }
        assertThat(inbound(naclId)).isEmpty();
    }

    private dev.findingsresponder.model.ActionRequest request(String address) {
        return BlockRequests.nacl(null, address, Map.of("nacl-id", naclId), null);
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
