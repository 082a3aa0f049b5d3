package dev.findingsresponder.response;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;


import dev.findingsresponder.model.ActionRequest;
import dev.findingsresponder.model.ActionResult;
import dev.findingsresponder.model.ActionResult.Outcome;
import dev.findingsresponder.model.Finding;
import dev.findingsresponder.model.FindingCodec;
import dev.findingsresponder.model.Mode;
import dev.findingsresponder.model.Topics;
import dev.findingsresponder.response.aws.AwsClientFactory;
import dev.findingsresponder.response.aws.AwsClients;
import dev.findingsresponder.response.rest.OperatorKeys;
import dev.findingsresponder.testsupport.KafkaTestResource;
import dev.findingsresponder.testsupport.MotoExtension;
import dev.findingsresponder.testsupport.MotoTestResource;
import dev.findingsresponder.testsupport.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.NetworkAclEntry;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The service end to end: requests on actions.requested, results on actions.results, NACL entries in moto. */
@ExtendWith(MotoExtension.class)
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(MotoTestResource.class)
class ActionPipelineTest {

    private static final String ACCOUNT = "123456789012";
    private static final String REGION = "us-east-1";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    AwsClients clients;

    @Inject
    RetrySink retrySink;

    @Inject
    AwsClientFactory awsClientFactory;

    private Ec2Client ec2;
    private String naclId;

    @BeforeEach
    void createNacl() {
        ec2 = clients.ec2(ACCOUNT, REGION);
        String vpcId = ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
        naclId = ec2.createNetworkAcl(r -> r.vpcId(vpcId)).networkAcl().networkAclId();
    }

    @Test
    void enforceAppliesOnceAndARedeliveryIsAlreadyApplied() {
        ActionRequest request = naclDeny("203.0.113.10", Mode.ENFORCE, naclId);

        assertThat(send(request)).extracting(ActionResult::outcome).containsExactly(Outcome.APPLIED);
        assertThat(denyEntries("203.0.113.10")).hasSize(1);

        ActionResult again = send(request).get(0);
        assertThat(again.outcome()).isEqualTo(Outcome.ALREADY_APPLIED);
        assertThat(again.detail()).contains("APPLIED");
        assertThat(denyEntries("203.0.113.10")).hasSize(1);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("response_actions_total{action=\"nacl-deny\",outcome=\"ALREADY_APPLIED\"}"))
                .body(containsString("response_aws_calls_total{operation=\"CreateNetworkAclEntry\",outcome=\"success\"}"));
    }

    @Test
    void aRequestOnTheRetryTopicRunsOnceItIsDue() {
        ActionRequest request = naclDeny("203.0.113.17", Mode.ENFORCE, naclId);
        Instant notBefore = Instant.now().plusSeconds(1);

        try (TopicProbe results = TopicProbe.from(Topics.ACTIONS_RESULTS)) {
            retrySink.schedule(request, 1, notBefore);
            ActionResult result = Results.await(results, request.requestId(), 1, WAIT).get(0);
            assertThat(result.outcome()).isEqualTo(Outcome.APPLIED);
            assertThat(result.startedAt()).isAfterOrEqualTo(notBefore);
        }
        assertThat(denyEntries("203.0.113.17")).hasSize(1);
    }

    @Test
    void theOutcomeOfABlockIsNotifiedWhenThePlaybookAsks() {
        SnsClient sns = clients.sns(ACCOUNT, REGION);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String topicArn = sns.createTopic(r -> r.name("outcomes-" + suffix)).topicArn();
        try (SqsClient sqs = awsClientFactory.configure(SqsClient.builder()).build()) {
            String queueUrl = sqs.createQueue(r -> r.queueName("outcomes-" + suffix)).queueUrl();
            String queueArn = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl)
                    .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
            sns.subscribe(r -> r.topicArn(topicArn).protocol("sqs").endpoint(queueArn));
            ActionRequest block = naclDeny("203.0.113.18", Mode.ENFORCE, naclId);
            ActionRequest request = new ActionRequest(block.requestId(), block.action(),
                    Map.of("nacl-id", naclId, "notify-topic-arn", topicArn), block.target(), block.mode(), block.ttl(),
                    block.playbook(), block.reason(), block.requestedAt(), block.finding(), block.score());

            assertThat(send(request)).extracting(ActionResult::outcome).containsExactly(Outcome.APPLIED);

            List<String> bodies = new java.util.ArrayList<>();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (bodies.isEmpty() && System.nanoTime() < deadline) {
                sqs.receiveMessage(r -> r.queueUrl(queueUrl).waitTimeSeconds(1)).messages()
                        .forEach(m -> bodies.add(m.body()));
            }
            assertThat(bodies).singleElement().asString().contains("APPLIED", "203.0.113.18");
        }
    }

    @Test
    void observeIsADryRunThatWritesNothing() {
        ActionResult result = send(naclDeny("203.0.113.11", Mode.OBSERVE, naclId)).get(0);

        assertThat(result.outcome()).isEqualTo(Outcome.DRY_RUN);
        assertThat(result.detail()).contains("would");
        assertThat(denyEntries("203.0.113.11")).isEmpty();
    }

    @Test
    void approveWaitsForTheOperatorThenApplies() {
        ActionRequest request = naclDeny("203.0.113.12", Mode.APPROVE, naclId);
        assertThat(send(request)).extracting(ActionResult::outcome).containsExactly(Outcome.PENDING);
        assertThat(denyEntries("203.0.113.12")).isEmpty();
        OperatorKeys.asViewer().get("/approvals").then().statusCode(200)
                .body("requestId", org.hamcrest.Matchers.hasItem(request.requestId()));

        try (TopicProbe results = TopicProbe.from(Topics.ACTIONS_RESULTS)) {
            OperatorKeys.asOperator().post("/approvals/{id}/approve", request.requestId()).then().statusCode(200);
            List<ActionResult> decided = Results.await(results, request.requestId(), 2, WAIT);
            assertThat(decided).extracting(ActionResult::outcome).containsExactly(Outcome.APPROVED, Outcome.APPLIED);
            assertThat(decided.get(0).detail()).isEqualTo("approved by " + OperatorKeys.OPERATOR_NAME);
        }
        assertThat(denyEntries("203.0.113.12")).hasSize(1);
        OperatorKeys.asOperator().post("/approvals/{id}/approve", request.requestId()).then().statusCode(404);
    }

    @Test
    void rejectIsRejectedAndWritesNothing() {
        ActionRequest request = naclDeny("203.0.113.13", Mode.APPROVE, naclId);
        send(request);

        try (TopicProbe results = TopicProbe.from(Topics.ACTIONS_RESULTS)) {
            OperatorKeys.asOperator().post("/approvals/{id}/reject", request.requestId()).then().statusCode(200);
            ActionResult rejected = Results.await(results, request.requestId(), 1, WAIT).get(0);
            assertThat(rejected.outcome()).isEqualTo(Outcome.REJECTED);
            assertThat(rejected.detail()).isEqualTo("rejected by " + OperatorKeys.OPERATOR_NAME);
        }
        assertThat(denyEntries("203.0.113.13")).isEmpty();
    }

    @Test
    void aPrivateAddressIsStoppedByTheGuardrails() {
        ActionResult result = send(naclDeny("10.1.2.3", Mode.ENFORCE, naclId)).get(0);

        assertThat(result.outcome()).isEqualTo(Outcome.SKIPPED_GUARDRAIL);
        assertThat(result.detail()).contains("private range");
        assertThat(denyEntries("10.1.2.3")).isEmpty();
    }

    @Test
    void aMissingNaclFailsAndTheNextRequestStillFlows() {
        ActionResult failed = send(naclDeny("203.0.113.14", Mode.ENFORCE, "acl-00000000000000000")).get(0);
        assertThat(failed.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(failed.detail()).isNotBlank();

        assertThat(send(naclDeny("203.0.113.15", Mode.ENFORCE, naclId))).extracting(ActionResult::outcome)
                .containsExactly(Outcome.APPLIED);
    }

    @Test
    void aJunkRecordGoesToTheDeadLetterTopicAndTheNextRequestFlows() {
        String junk = "not an action request " + UUID.randomUUID();
        try (TopicProbe dlq = TopicProbe.from(Topics.FINDINGS_DLQ)) {
            TopicProbe.send(Topics.ACTIONS_REQUESTED, "nacl:" + ACCOUNT + ":" + REGION,
                    junk.getBytes(StandardCharsets.UTF_8));
            List<ConsumerRecord<String, byte[]>> letters = dlq.await(
                    r -> new String(r.value(), StandardCharsets.UTF_8).contains(junk), 1, WAIT);
            assertThat(letters).hasSize(1);
            assertThat(new String(letters.get(0).value(), StandardCharsets.UTF_8))
                    .contains("NOT_AN_ACTION_REQUEST", "\"stage\":\"response\"");
        }

        assertThat(send(naclDeny("203.0.113.16", Mode.ENFORCE, naclId))).extracting(ActionResult::outcome)
                .containsExactly(Outcome.APPLIED);
    }

    @Test
    void requestsThatCouldActByDefaultOrOutgrowKafkaGoToTheDeadLetterTopicAndTheNextRequestFlows() {
        ActionRequest valid = naclDeny("203.0.113.18", Mode.ENFORCE, naclId);
        Map<String, ActionRequest> hostile = Map.of(
                "no mode", withMode(naclDeny("203.0.113.19", Mode.ENFORCE, naclId), null),
                "is not a 12-digit AWS account id", withAccount(valid, "   "),
                "reason is 600000 characters", withReason(valid, "A".repeat(600_000)),
                "above the limit of", withFinding(valid, hugeFinding()));
        try (TopicProbe dlq = TopicProbe.from(Topics.FINDINGS_DLQ)) {
            for (ActionRequest request : hostile.values()) {
                TopicProbe.send(Topics.ACTIONS_REQUESTED, valid.target().key(), FindingCodec.write(request));
            }
            List<String> letters = dlq.await(r -> new String(r.value(), StandardCharsets.UTF_8)
                    .contains("NOT_AN_ACTION_REQUEST"), hostile.size(), WAIT).stream()
                    .map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
            for (String why : hostile.keySet()) {
                assertThat(letters).as(why).anySatisfy(letter -> assertThat(letter).contains(why));
            }
        }

        assertThat(send(valid)).extracting(ActionResult::outcome).containsExactly(Outcome.APPLIED);
        assertThat(denyEntries("203.0.113.19")).isEmpty();
    }

    @Test
    void oneRequestIdUnderSeveralKeysAtOnceRunsOnce() {
        ActionRequest request = naclDeny("203.0.113.21", Mode.ENFORCE, naclId);
        try (TopicProbe results = TopicProbe.from(Topics.ACTIONS_RESULTS)) {
            byte[] value = FindingCodec.write(request);
            for (String key : List.of(request.target().key(), "other-key-1", "other-key-2", "other-key-3")) {
                TopicProbe.send(Topics.ACTIONS_REQUESTED, key, value);
            }
            List<ActionResult> all = Results.await(results, request.requestId(), 4, WAIT);
            assertThat(all).extracting(ActionResult::outcome).containsOnlyOnce(Outcome.APPLIED)
                    .containsOnly(Outcome.APPLIED, Outcome.ALREADY_APPLIED);
        }
        assertThat(denyEntries("203.0.113.21")).hasSize(1);
    }

    private static ActionRequest withMode(ActionRequest r, Mode mode) {
        return new ActionRequest(r.requestId(), r.action(), r.params(), r.target(), mode, r.ttl(), r.playbook(),
                r.reason(), r.requestedAt(), r.finding(), r.score());
    }

    private static ActionRequest withAccount(ActionRequest r, String account) {
        ActionRequest.Target t = r.target();
        return new ActionRequest("req-" + UUID.randomUUID(), r.action(), r.params(), new ActionRequest.Target(t.key(),
                account, t.region(), t.resourceType(), t.resourceId(), t.address()), r.mode(), r.ttl(), r.playbook(),
                r.reason(), r.requestedAt(), r.finding(), r.score());
    }

    private static ActionRequest withReason(ActionRequest r, String reason) {
        return new ActionRequest("req-" + UUID.randomUUID(), r.action(), r.params(), r.target(), r.mode(), r.ttl(),
                r.playbook(), reason, r.requestedAt(), r.finding(), r.score());
    }

    private static ActionRequest withFinding(ActionRequest r, Finding finding) {
        return new ActionRequest("req-" + UUID.randomUUID(), r.action(), r.params(), r.target(), r.mode(), r.ttl(),
                r.playbook(), r.reason(), r.requestedAt(), finding, r.score());
    }

    /** A finding whose description alone is 700 KB. */
    private static Finding hugeFinding() {
        Finding f = finding();
        return new Finding(f.id(), f.nativeId(), f.source(), f.product(), f.type(), f.types(), f.title(),
                "d".repeat(700_000), f.account(), f.region(), f.partition(), f.createdAt(), f.firstSeen(), f.lastSeen(),
                f.updatedAt(), f.count(), f.severity(), f.resource(), f.additionalResources(), f.network(),
                f.vulnerability(), f.compliance(), f.resourceRole(), f.threatListNames(), f.threatNames(), f.state(),
                f.raw());
    }

    private List<ActionResult> send(ActionRequest request) {
        try (TopicProbe results = TopicProbe.from(Topics.ACTIONS_RESULTS)) {
            TopicProbe.send(Topics.ACTIONS_REQUESTED, request.target().key(), FindingCodec.write(request));
            return Results.await(results, request.requestId(), 1, WAIT);
        }
    }


    private List<NetworkAclEntry> denyEntries(String address) {
        return ec2.describeNetworkAcls(r -> r.networkAclIds(naclId)).networkAcls().get(0).entries().stream()
                .filter(e -> !e.egress() && (address + "/32").equals(e.cidrBlock()))
                .toList();
    }

    private static ActionRequest naclDeny(String address, Mode mode, String nacl) {
        return new ActionRequest("req-" + UUID.randomUUID(), "nacl-deny", Map.of("nacl-id", nacl),
                new ActionRequest.Target("nacl:" + ACCOUNT + ":" + REGION, ACCOUNT, REGION, "network-acl", nacl,
                        address),
                mode, Duration.ofHours(1), "block-attackers", "first alert", Instant.now(), finding(), null);
    }

    private static Finding finding() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        return new Finding("guardduty:" + ACCOUNT + ":" + REGION + ":f1", "f1", null, null,
                "UnauthorizedAccess:EC2/SSHBruteForce", List.of(), "SSH brute force", null, ACCOUNT, REGION, "aws",
                now, now, now, now, 1, null, null, List.of(), List.of(), null, null, "TARGET", List.of(), List.of(),
                null, null);
    }


}
