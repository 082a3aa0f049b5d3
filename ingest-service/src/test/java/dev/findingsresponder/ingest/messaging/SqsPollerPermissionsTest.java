package dev.findingsresponder.ingest.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.findingsresponder.testsupport.KafkaTestResource;
import dev.findingsresponder.testsupport.MotoServer;
import dev.findingsresponder.testsupport.deploy.CloudFormationTemplate;
import dev.findingsresponder.testsupport.deploy.IamPolicy;
import dev.findingsresponder.testsupport.deploy.RepoFiles;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * ingest-service's IAM policy (deploy/aws/iam/ingest-service-policy.json, and its role in admin-roles.yaml) allows
 * exactly the SQS calls {@link SqsPoller} makes. The calls are recorded, not listed by hand: the real poller
 * drains a moto queue through a client whose interceptor notes each operation, and every SQS operation named in
 * SqsPoller's source must be among the recorded ones (so no call site goes unexercised).
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class SqsPollerPermissionsTest {

    /** SQS authorizes a batch operation with the IAM action of the single one. */
    static final Map<String, String> IAM_ACTION_OF_BATCH = Map.of(
            "DeleteMessageBatch", "sqs:DeleteMessage",
            "SendMessageBatch", "sqs:SendMessage",
            "ChangeMessageVisibilityBatch", "sqs:ChangeMessageVisibility");

    private static final Pattern CALL = Pattern.compile("\\.([a-z][A-Za-z0-9]*)\\(");

    @Inject
    SqsPoller poller;

    @Test
    void ingestPolicyAllowsExactlyTheSqsCallsThePollerMakes() throws IOException {
        List<String> operations = new CopyOnWriteArrayList<>();
        ExecutionInterceptor recorder = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                operations.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
            }
        };
        try (SqsClient setup = sqs(null); SqsClient recorded = sqs(recorder)) {
            String queueUrl = setup.createQueue(r -> r.queueName("iam-check-" + UUID.randomUUID())).queueUrl();
            // bad input still makes the whole round trip: ingested (to findings.dlq with a reason), then deleted
            setup.sendMessage(r -> r.queueUrl(queueUrl).messageBody("not an event (SqsPollerPermissionsTest)"));
            setup.sendMessage(r -> r.queueUrl(queueUrl).messageBody("{\"also\": \"not an event\"}"));
            int deleted = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (deleted < 2 && System.nanoTime() < deadline) {
                deleted += poller.pollOnce(recorded, queueUrl);
            }
            assertThat(deleted).as("messages ingested and deleted").isEqualTo(2);
            setup.deleteQueue(r -> r.queueUrl(queueUrl));
        }

        Set<String> called = new TreeSet<>(operations);
        assertThat(called).as("every SQS call SqsPoller's source makes was exercised, and no other")
                .isEqualTo(operationsInSource());
        Set<String> needed = new TreeSet<>();
        called.forEach(operation -> needed.add(IAM_ACTION_OF_BATCH.getOrDefault(operation, "sqs:" + operation)));

        IamPolicy json = IamPolicy.of(new ObjectMapper().readValue(
                RepoFiles.find("deploy/aws/iam/ingest-service-policy.json").toFile(), Map.class));
        assertThat(json.allowedActions()).containsExactlyInAnyOrderElementsOf(needed);
        assertThat(json.allowStatements()).allSatisfy(s ->
                assertThat(s.get("Resource")).as("the findings queue only").isEqualTo("${FINDINGS_QUEUE_ARN}"));

        CloudFormationTemplate roles = CloudFormationTemplate.load(RepoFiles.find("deploy/aws/cloudformation/admin-roles.yaml"));
        IamPolicy role = IamPolicy.ofRole(roles, "IngestServiceRole");
        assertThat(role.allowedActions()).containsExactlyInAnyOrderElementsOf(needed);
        assertThat(role.allowedActionsBySid()).isEqualTo(json.allowedActionsBySid());
        assertThat(role.allowStatements()).allSatisfy(s ->
                assertThat(s.get("Resource")).isEqualTo(Map.of("Ref", "FindingsQueueArn")));
    }

    /** SqsClient operations (methods taking a *Request) named in SqsPoller.java, as SDK operation names. */
    private static Set<String> operationsInSource() throws IOException {
        Set<String> operations = new TreeSet<>();
        for (Method method : SqsClient.class.getMethods()) {
            if (method.getParameterCount() == 1 && method.getParameterTypes()[0].getSimpleName().endsWith("Request")) {
                operations.add(method.getName());
            }
        }
        String source = Files.readString(RepoFiles.find(
                "ingest-service/src/main/java/dev/findingsresponder/ingest/messaging/SqsPoller.java"));
        Set<String> named = new TreeSet<>();
        Matcher call = CALL.matcher(source);
        while (call.find()) {
            if (operations.contains(call.group(1))) {
                named.add(Character.toUpperCase(call.group(1).charAt(0)) + call.group(1).substring(1));
            }
        }
        assertThat(named).as("SQS calls in SqsPoller.java").isNotEmpty();
        return named;
    }

    private static SqsClient sqs(ExecutionInterceptor interceptor) {
        return SqsClient.builder()
                .endpointOverride(URI.create(MotoServer.ensureRunning()))
                .region(Region.of(MotoServer.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(MotoServer.ACCESS_KEY, MotoServer.SECRET_KEY)))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> {
                    o.retryStrategy(r -> r.maxAttempts(1));
                    if (interceptor != null) {
                        o.addExecutionInterceptor(interceptor);
                    }
                })
                .build();
    }
}
