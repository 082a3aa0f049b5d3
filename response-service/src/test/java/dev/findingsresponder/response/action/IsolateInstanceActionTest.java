package dev.findingsresponder.response.action;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.findingsresponder.model.ActionRequest;
import dev.findingsresponder.model.ActionResult.Outcome;
import dev.findingsresponder.response.aws.StsAwsClients;
import dev.findingsresponder.response.aws.TestAwsConfig;
import dev.findingsresponder.testsupport.MotoExtension;
import dev.findingsresponder.testsupport.MotoServer;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.GroupIdentifier;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.RevokeSecurityGroupEgressRequest;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.Tag;

/** Isolates a real (moto) instance with two network interfaces and custom groups, then undoes it. */
@ExtendWith(MotoExtension.class)
class IsolateInstanceActionTest {

    static StsAwsClients clients;
    static Ec2Client ec2;

    final IsolateInstanceAction action = new IsolateInstanceAction();
    String vpcId;
    String subnetId;
    String sgA;
    String sgB;
    String sgC;
    String instanceId;

    @BeforeAll
    static void clients() {
        clients = new StsAwsClients(TestAwsConfig.moto());
        ec2 = clients.ec2(null, MotoServer.REGION);
    }

    @AfterAll
    static void close() {
        clients.close();
    }

    @BeforeEach
    void instanceWithTwoInterfaces() {
        vpcId = ec2.createVpc(r -> r.cidrBlock("10.20.0.0/16")).vpc().vpcId();
        subnetId = ec2.createSubnet(r -> r.vpcId(vpcId).cidrBlock("10.20.1.0/24")).subnet().subnetId();
        sgA = group("web");
        sgB = group("ssh-admin");
        sgC = group("metrics");
        instanceId = runInstance(List.of(sgA, sgB), List.of(sgC));
    }

    @Test
    void isolatesEveryInterfaceRecordsThePreviousGroupsAndUndoRestoresThemExactly() {
        Map<String, List<String>> before = groupsByInterface(instanceId);
        assertThat(before.values()).containsExactly(List.of(sgA, sgB), List.of(sgC));
        ActionRequest request = request(instanceId, Map.of());

        ActionOutcome isolated = action.execute(request, clients);

        assertThat(isolated.outcome()).as(isolated.detail()).isEqualTo(Outcome.APPLIED);
        SecurityGroup isolation = isolationGroup("findings-responder-isolation");
        assertThat(isolation.ipPermissions()).isEmpty();
        assertThat(isolation.ipPermissionsEgress()).isEmpty();
        assertThat(groupsByInterface(instanceId).values()).allSatisfy(
                groups -> assertThat(groups).containsExactly(isolation.groupId()));
        Map<String, String> tags = tags(instanceId);
        assertThat(tags).containsEntry("findings-responder:previous-groups", PreviousGroupsTag.text(before))
                .containsEntry("findings-responder:isolated-by", request.finding().id());
        assertThat(isolated.facts()).containsEntry("previousGroups", PreviousGroupsTag.text(before))
                .containsEntry("instanceId", instanceId);
        assertThat(isolated.awsRequestIds()).isNotEmpty();

        ActionOutcome again = action.execute(request, clients);
        assertThat(again.outcome()).as(again.detail()).isEqualTo(Outcome.ALREADY_APPLIED);
        assertThat(tags(instanceId)).isEqualTo(tags);

        ActionOutcome undone = action.undo(request, clients);
        assertThat(undone.outcome()).as(undone.detail()).isEqualTo(Outcome.REMOVED);
        assertThat(groupsByInterface(instanceId)).isEqualTo(before);
        assertThat(tags(instanceId)).doesNotContainKeys("findings-responder:previous-groups",
                "findings-responder:isolated-by");

        assertThat(action.undo(request, clients).outcome()).isEqualTo(Outcome.ALREADY_APPLIED);
    }

    @Test
    void aRepeatNeverOverwritesTheSavedGroupsAndCompletesANewInterface() {
        ActionRequest request = request(instanceId, Map.of("isolation-group-name", "quarantine"));
        Map<String, List<String>> original = groupsByInterface(instanceId);
        assertThat(action.execute(request, clients).outcome()).isEqualTo(Outcome.APPLIED);
        String isolationId = isolationGroup("quarantine").groupId();

        // a third interface attached after isolation, still in an ordinary group
        String late = ec2.createNetworkInterface(r -> r.subnetId(subnetId).groups(sgB)).networkInterface()
                .networkInterfaceId();
        ec2.attachNetworkInterface(r -> r.networkInterfaceId(late).instanceId(instanceId).deviceIndex(2));
        ActionOutcome repeat = action.execute(request, clients);

        assertThat(repeat.outcome()).as(repeat.detail()).isEqualTo(Outcome.APPLIED);
        assertThat(repeat.facts()).containsEntry("movedInterfaces", late);
        assertThat(groupsByInterface(instanceId).values()).hasSize(3)
                .allSatisfy(groups -> assertThat(groups).containsExactly(isolationId));
        Map<String, List<String>> expected = new LinkedHashMap<>(original);
        expected.put(late, List.of(sgB));
        assertThat(tags(instanceId)).containsEntry("findings-responder:previous-groups", PreviousGroupsTag.text(expected));

        assertThat(action.undo(request, clients).outcome()).isEqualTo(Outcome.REMOVED);
        assertThat(groupsByInterface(instanceId)).isEqualTo(expected);
    }

    @Test
    void theIsolationGroupIsSharedPerVpcAndEgressAddedToItIsRevokedAgain() {
        assertThat(action.execute(request(instanceId, Map.of()), clients).outcome()).isEqualTo(Outcome.APPLIED);
        SecurityGroup isolation = isolationGroup("findings-responder-isolation");
        ec2.authorizeSecurityGroupEgress(r -> r.groupId(isolation.groupId())
                .ipPermissions(p -> p.ipProtocol("tcp").fromPort(443).toPort(443).ipRanges(i -> i.cidrIp("0.0.0.0/0"))));
        ec2.authorizeSecurityGroupIngress(r -> r.groupId(isolation.groupId())
                .ipPermissions(p -> p.ipProtocol("tcp").fromPort(22).toPort(22).ipRanges(i -> i.cidrIp("10.20.9.9/32"))));

        String second = runInstance(List.of(sgC), List.of());
        ActionOutcome outcome = action.execute(request(second, Map.of()), clients);

        assertThat(outcome.outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(outcome.detail()).contains("1 inbound rule(s) someone added (left in place)");
        assertThat(isolationGroup("findings-responder-isolation").groupId()).isEqualTo(isolation.groupId());
        assertThat(isolationGroup("findings-responder-isolation").ipPermissionsEgress()).isEmpty();
        assertThat(groupsByInterface(second).values()).containsExactly(List.of(isolation.groupId()));
    }

    @Test
    void anotherIsolationEmptyingTheNewGroupFirstIsNoFailure() {
        // another request of the same VPC revokes the group's default egress between our read and our revoke
        AtomicBoolean raced = new AtomicBoolean();
        ExecutionInterceptor concurrentIsolation = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof RevokeSecurityGroupEgressRequest revoke && raced.compareAndSet(false, true)) {
                    ec2.revokeSecurityGroupEgress(r -> r.groupId(revoke.groupId()).ipPermissions(revoke.ipPermissions()));
                }
            }
        };
        try (StsAwsClients racing = new StsAwsClients(TestAwsConfig.moto(), List.of(), List.of(concurrentIsolation))) {
            ActionOutcome outcome = action.execute(request(instanceId, Map.of()), racing);

            assertThat(raced).isTrue();
            assertThat(outcome.outcome()).as(outcome.detail()).isEqualTo(Outcome.APPLIED);
        }
        SecurityGroup isolation = isolationGroup("findings-responder-isolation");
        assertThat(isolation.ipPermissionsEgress()).isEmpty();
        assertThat(groupsByInterface(instanceId).values()).allSatisfy(
                groups -> assertThat(groups).containsExactly(isolation.groupId()));
    }

    @Test
    void aGroupOfThatNameWeDidNotCreateIsNeitherUsedNorChanged() {
        String theirs = group("quarantine"); // someone's own group, with the default allow-all egress rule
        int egressBefore = egressRules(theirs);
        Map<String, List<String>> before = groupsByInterface(instanceId);

        ActionOutcome outcome = action.execute(request(instanceId, Map.of("isolation-group-name", "quarantine")),
                clients);

        assertThat(outcome.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(outcome.detail()).contains(theirs, "quarantine", "not created by findings-responder",
                "findings-responder:isolation=true");
        assertThat(egressBefore).isPositive();
        assertThat(egressRules(theirs)).as("their egress rules stay").isEqualTo(egressBefore);
        assertThat(groupsByInterface(instanceId)).isEqualTo(before);
        assertThat(tags(instanceId)).doesNotContainKeys("findings-responder:previous-groups");
    }

    @Test
    void theGroupWeCreateCarriesTheIsolationTag() {
        assertThat(action.execute(request(instanceId, Map.of()), clients).outcome()).isEqualTo(Outcome.APPLIED);

        assertThat(isolationGroup("findings-responder-isolation").tags())
                .contains(Tag.builder().key("findings-responder:isolation").value("true").build());
    }

    @Test
    void theSchemaRefusesTheDefaultGroupAndGroupIds() {
        for (String name : List.of("default", "Default", "sg-0123456789abcdef0")) {
            assertThat(action.schema().validate(Map.of("isolation-group-name", name))).as(name).isNotEmpty();
        }
        assertThat(action.schema().validate(Map.of("isolation-group-name", "default-isolation"))).isEmpty();
    }

    @Test
    void anUnknownInstanceIsAPermanentFailure() {
        ActionOutcome outcome = action.execute(request("i-0123456789abcdef0", Map.of()), clients);

        assertThat(outcome.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(outcome.detail()).contains("i-0123456789abcdef0");
        assertThat(action.reversibility().reversible()).isTrue();
        assertThat(action.permissions()).contains("ec2:ModifyNetworkInterfaceAttribute", "ec2:DeleteTags");
    }

    @Test
    void previousGroupsOfManyInterfacesAreSplitAcross256CharacterTags() {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (int eni = 0; eni < 4; eni++) {
            groups.put("eni-0" + eni + "aaaabbbbccccdddd", IntStream.range(0, 16)
                    .mapToObj(g -> String.format("sg-%017x", g * 7919L)).toList());
        }
        Map<String, String> tags = PreviousGroupsTag.encode(groups);

        assertThat(tags).hasSizeGreaterThan(5).allSatisfy((k, v) -> assertThat(v).hasSizeLessThanOrEqualTo(256));
        assertThat(tags.keySet()).startsWith("findings-responder:previous-groups", "findings-responder:previous-groups:2");
        assertThat(PreviousGroupsTag.decode(tags)).hasValue(groups);
        assertThat(PreviousGroupsTag.decode(Map.of("findings-responder:previous-groups", "eni-1=sg-2;oops"))).isEmpty();
        assertThat(PreviousGroupsTag.decode(Map.of("Name", "web"))).hasValue(Map.of());
    }

    private ActionRequest request(String instance, Map<String, Object> params) {
        ActionRequest.Target target = new ActionRequest.Target("ec2:123456789012:us-east-1:" + instance,
                "123456789012", MotoServer.REGION, "ec2-instance", instance, null);
        return TestRequests.request("req-isolate-" + instance, "isolate-instance", params, target,
                TestRequests.finding(TestRequests.SSH_BRUTE_FORCE, d -> ((com.fasterxml.jackson.databind.node.ObjectNode)
                        d.path("resource").path("instanceDetails")).put("instanceId", instance)));
    }

    private String group(String name) {
        return ec2.createSecurityGroup(r -> r.groupName(name).description(name).vpcId(vpcId)).groupId();
    }

    private String runInstance(List<String> first, List<String> second) {
        return ec2.runInstances(r -> {
            r.imageId("ami-12c6146b").minCount(1).maxCount(1);
            if (second.isEmpty()) {
                r.networkInterfaces(n -> n.deviceIndex(0).subnetId(subnetId).groups(first));
            } else {
                r.networkInterfaces(n -> n.deviceIndex(0).subnetId(subnetId).groups(first),
                        n -> n.deviceIndex(1).subnetId(subnetId).groups(second));
            }
        }).instances().get(0).instanceId();
    }

    private Map<String, List<String>> groupsByInterface(String instance) {
        return ec2.describeNetworkInterfaces(r -> r.filters(Filter.builder().name("attachment.instance-id")
                        .values(instance).build())).networkInterfaces().stream()
                .sorted(java.util.Comparator.comparing(n -> n.attachment().deviceIndex()))
                .collect(Collectors.toMap(n -> n.networkInterfaceId(),
                        n -> n.groups().stream().map(GroupIdentifier::groupId).toList(), (a, b) -> a, LinkedHashMap::new));
    }

    private SecurityGroup isolationGroup(String name) {
        List<SecurityGroup> found = ec2.describeSecurityGroups(r -> r.filters(
                Filter.builder().name("group-name").values(name).build(),
                Filter.builder().name("vpc-id").values(vpcId).build())).securityGroups();
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    private int egressRules(String groupId) {
        return ec2.describeSecurityGroups(r -> r.groupIds(groupId)).securityGroups().get(0).ipPermissionsEgress().size();
    }

    private Map<String, String> tags(String instance) {
        Instance described = ec2.describeInstances(r -> r.instanceIds(instance)).reservations().get(0).instances().get(0);
        return described.tags().stream().collect(Collectors.toMap(Tag::key, Tag::value));
    }
}
