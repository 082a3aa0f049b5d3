package dev.findingsresponder.response;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.findingsresponder.model.ActionRequest;
import dev.findingsresponder.model.ActionResult;
import dev.findingsresponder.model.ActionResult.Outcome;
import dev.findingsresponder.model.Mode;
import dev.findingsresponder.response.action.ActionRegistry;
import dev.findingsresponder.response.action.SnsNotifyAction;
import dev.findingsresponder.response.aws.AwsClientFactory;
import dev.findingsresponder.response.aws.StsAwsClients;
import dev.findingsresponder.response.aws.TestAwsConfig;
import dev.findingsresponder.response.guard.GuardrailSettings;
import dev.findingsresponder.response.guard.Guardrails;
import dev.findingsresponder.testsupport.MotoExtension;
import dev.findingsresponder.testsupport.MotoServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * isolate-instance tells the playbook's {@code notify-topic-arn} how it went, success and failure alike: through
 * the executor, real SNS into an SQS subscription in moto.
 */
@ExtendWith(MotoExtension.class)
class IsolationOutcomeNotifiedTest {

    private static final String ACCOUNT = "123456789012";

    private StsAwsClients clients;
    private SqsClient sqs;
    private ActionExecutor executor;
    private String topicArn;
    private String queueUrl;

    @BeforeEach
    void setUp() {
        TestAwsConfig config = TestAwsConfig.moto();
        clients = new StsAwsClients(config);
        sqs = new AwsClientFactory(config).configure(SqsClient.builder()).build();
        SnsClient sns = clients.sns(null, MotoServer.REGION);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        topicArn = sns.createTopic(r -> r.name("isolations-" + suffix)).topicArn();
        queueUrl = sqs.createQueue(r -> r.queueName("isolations-" + suffix)).queueUrl();
        String queueArn = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        sns.subscribe(r -> r.topicArn(topicArn).protocol("sqs").endpoint(queueArn));
        ActionExecutor.Settings settings = new ActionExecutor.Settings(false, Duration.ofHours(1),
                new RetryPolicy(1, Duration.ZERO, Duration.ZERO), 1, Duration.ofMinutes(1));
        executor = new ActionExecutor(ActionRegistry.defaults(), new Guardrails(GuardrailSettings.none()), clients,
                new SnsNotifyAction(), settings, (request, attempt, notBefore) -> { }, new ResultLedger(100),
                new PendingApprovals(), new InMemoryStateLog().loadedState(), new TargetLocks(),
                new SimpleMeterRegistry(), Clock.systemUTC(), duration -> { });
    }

    @AfterEach
    void tearDown() {
        sqs.close();
        clients.close();
    }

    @Test
    void aSuccessfulIsolationIsNotified() {
        String instanceId = runInstance();

        ActionResult result = executor.handle(isolate(instanceId));

        assertThat(result.outcome()).as(result.detail()).isEqualTo(Outcome.APPLIED);
        assertThat(receiveOne()).contains("APPLIED", "isolate-instance", instanceId);
    }

    @Test
    void aFailedIsolationIsNotifiedToo() {
        ActionResult result = executor.handle(isolate("i-0123456789abcdef0"));

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(receiveOne()).contains("FAILED", "i-0123456789abcdef0");
    }

    private ActionRequest isolate(String instanceId) {
        return new ActionRequest("req-" + UUID.randomUUID(), "isolate-instance", Map.of("notify-topic-arn", topicArn),
                new ActionRequest.Target("ec2:" + ACCOUNT + ":" + MotoServer.REGION + ":" + instanceId, ACCOUNT,
                        MotoServer.REGION, "ec2-instance", instanceId, null),
                Mode.ENFORCE, null, "isolate-compromised", "crypto mining", Instant.now(), null, null);
    }

    private String runInstance() {
        Ec2Client ec2 = clients.ec2(null, MotoServer.REGION);
        String vpcId = ec2.createVpc(r -> r.cidrBlock("10.30.0.0/16")).vpc().vpcId();
        String subnetId = ec2.createSubnet(r -> r.vpcId(vpcId).cidrBlock("10.30.1.0/24")).subnet().subnetId();
        return ec2.runInstances(r -> r.imageId("ami-12c6146b").minCount(1).maxCount(1).subnetId(subnetId))
                .instances().get(0).instanceId();
    }

    /** The one message the topic delivered (moto delivers synchronously; polled with a bound, not a sleep). */
    private String receiveOne() {
        List<String> bodies = new ArrayList<>();
        for (int poll = 0; poll < 5 && bodies.isEmpty(); poll++) {
            sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)).messages()
                    .forEach(m -> bodies.add(m.body()));
        }
        assertThat(bodies).hasSize(1);
        return bodies.get(0);
    }
}
