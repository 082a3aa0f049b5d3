package dev.findingsresponder.ingest.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import jakarta.ws.rs.Path;

import org.junit.jupiter.api.Test;

import dev.findingsresponder.ingest.config.IngestConfig;
import dev.findingsresponder.ingest.rest.EventsResource;
import dev.findingsresponder.model.decode.EventNormalizer;
import dev.findingsresponder.testsupport.deploy.CloudFormationTemplate;
import dev.findingsresponder.testsupport.deploy.IamPolicy;
import dev.findingsresponder.testsupport.deploy.RepoFiles;
import io.smallrye.config.WithDefault;

/**
 * deploy/aws/cloudformation/eventbridge.yaml sends ingest what it accepts, the way it accepts it: one rule per
 * source whose detail-types are the decoders' (EventNormalizer.acceptedDetailTypes()) minus a short list left out
 * on purpose; every target retries and has a dead-letter queue; the queues admit only these rules; the API
 * destination authenticates with ingest's API key header.
 */
class EventBridgeTemplateTest {

    /** Detail-types ingest accepts but the rules do not route, and why. */
    static final Map<String, Map<String, String>> NOT_ROUTED = Map.of(
            "aws.config", Map.of("Config Configuration Item Change",
                    "every recorded resource change: informational, not a violation, and very many"),
            "aws.securityhub", Map.of("Findings Imported V2",
                    "Security Hub v2 (OCSF) findings: the same findings again where CSPM also runs; add a rule to use v2"));

    /** The pairs the product brief names: every deployment must route them. */
    static final Map<String, String> REQUIRED = Map.of(
            "aws.guardduty", "GuardDuty Finding",
            "aws.inspector2", "Inspector2 Finding",
            "aws.config", "Config Rules Compliance Change",
            "aws.securityhub", "Security Hub Findings - Imported");

    private final CloudFormationTemplate template =
            CloudFormationTemplate.load(RepoFiles.find("deploy/aws/cloudformation/eventbridge.yaml"));

    @Test
    void rulesRouteExactlyTheDetailTypesIngestAcceptsExceptTheOnesLeftOutOnPurpose() {
        Map<String, Set<String>> routed = new TreeMap<>();
        for (String rule : template.resourcesOfType("AWS::Events::Rule")) {
            Map<String, Object> pattern = CloudFormationTemplate.asMap(template.properties(rule).get("EventPattern"), rule);
            assertThat(pattern).as(rule + " filters by source and detail-type only").containsOnlyKeys("source", "detail-type");
            List<String> sources = IamPolicy.strings(pattern.get("source"));
            assertThat(sources).as(rule + ": one source per rule").hasSize(1);
            assertThat(routed).as("one rule per source").doesNotContainKey(sources.get(0));
            routed.put(sources.get(0), new TreeSet<>(IamPolicy.strings(pattern.get("detail-type"))));
        }

        Map<String, List<String>> accepted = EventNormalizer.acceptedDetailTypes();
        assertThat(routed.keySet()).containsExactlyInAnyOrderElementsOf(accepted.keySet());
        accepted.forEach((source, types) -> {
            Set<String> left = NOT_ROUTED.getOrDefault(source, Map.of()).keySet();
            assertThat(routed.get(source)).as(source + ": routed and accepted").isSubsetOf(types)
                    .noneMatch(left::contains);
            Set<String> decided = new TreeSet<>(routed.get(source));
            decided.addAll(left);
            assertThat(decided).as(source + ": every accepted detail-type is routed or left out on purpose")
                    .containsExactlyInAnyOrderElementsOf(types);
        });
        REQUIRED.forEach((source, type) -> assertThat(routed.get(source)).as(source).contains(type));
    }

    @Test
    void everyTargetRetriesAndHasADeadLetterQueue() {
        for (String rule : template.resourcesOfType("AWS::Events::Rule")) {
            List<Map<String, Object>> targets = targets(template.properties(rule).get("Targets"));
            assertThat(targets).as(rule + ": one target per TargetType").hasSize(3);
            Map<String, Object> byId = new LinkedHashMap<>();
            targets.forEach(t -> byId.put(String.valueOf(t.get("Id")), t.get("Arn")));
            assertThat(byId).as(rule).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "ingest-queue", Map.of("Fn::GetAtt", List.of("FindingsQueue", "Arn")),
                    "ingest-api", Map.of("Fn::GetAtt", List.of("ApiDestination", "Arn")),
                    "forward", Map.of("Ref", "TargetEventBusArn")));
            for (Map<String, Object> target : targets) {
                assertThat(target.get("RetryPolicy")).as(rule + " " + target.get("Id")).isEqualTo(Map.of(
                        "MaximumRetryAttempts", Map.of("Ref", "MaximumRetryAttempts"),
                        "MaximumEventAgeInSeconds", Map.of("Ref", "MaximumEventAgeInSeconds")));
                assertThat(target.get("DeadLetterConfig")).as(rule + " " + target.get("Id"))
                        .isEqualTo(Map.of("Arn", Map.of("Fn::GetAtt", List.of("TargetDeadLetterQueue", "Arn"))));
                if (!"ingest-queue".equals(target.get("Id"))) {
                    assertThat(target.get("RoleArn")).isEqualTo(Map.of("Fn::GetAtt", List.of("InvokeRole", "Arn")));
                }
            }
        }
        assertThat(Integer.parseInt(template.parameterDefault("MaximumEventAgeInSeconds")))
                .as("EventBridge retries for up to 24 h by default; so do we").isEqualTo(86_400);
    }

    /** The queue ingest polls and the dead-letter queue accept messages from EventBridge for these rules only. */
    @Test
    void queuesAdmitOnlyTheseRules() {
        List<Object> rules = new ArrayList<>();
        template.resourcesOfType("AWS::Events::Rule").forEach(rule -> rules.add(Map.of("Fn::If",
                List.of(template.resource(rule).get("Condition"), Map.of("Fn::GetAtt", List.of(rule, "Arn")),
                        Map.of("Ref", "AWS::NoValue")))));
        for (String queuePolicy : List.of("FindingsQueuePolicy", "TargetDeadLetterQueuePolicy")) {
            IamPolicy policy = IamPolicy.of(template.properties(queuePolicy).get("PolicyDocument"));
            assertThat(policy.allowStatements()).as(queuePolicy).hasSize(1);
            Map<String, Object> allow = policy.allowStatements().get(0);
            assertThat(allow.get("Principal")).isEqualTo(Map.of("Service", "events.amazonaws.com"));
            assertThat(allow.get("Action")).isEqualTo("sqs:SendMessage");
            assertThat(allow.get("Condition")).as(queuePolicy)
                    .isEqualTo(Map.of("ArnEquals", Map.of("aws:SourceArn", rules)));
        }
        Map<String, Object> queue = template.properties("FindingsQueue");
        assertThat(queue).containsEntry("SqsManagedSseEnabled", true);
        assertThat(CloudFormationTemplate.asMap(queue.get("RedrivePolicy"), "RedrivePolicy"))
                .containsEntry("deadLetterTargetArn", Map.of("Fn::GetAtt", List.of("FindingsQueueDeadLetter", "Arn")));
    }

    @Test
    void apiDestinationSendsIngestsApiKeyHeaderToEvents() throws Exception {
        String ingestHeader = IngestConfig.Http.class.getMethod("apiKeyHeader").getAnnotation(WithDefault.class).value();
        assertThat(template.parameterDefault("ApiKeyHeaderName")).isEqualTo(ingestHeader);
        assertThat(Files.readString(RepoFiles.find("ingest-service/src/main/resources/application.properties")))
                .as("the default is not overridden in ingest's configuration").doesNotContain("api-key-header");

        Map<String, Object> connection = template.properties("Connection");
        assertThat(connection.get("AuthorizationType")).isEqualTo("API_KEY");
        Map<String, Object> apiKey = CloudFormationTemplate.asMap(CloudFormationTemplate.asMap(
                connection.get("AuthParameters"), "AuthParameters").get("ApiKeyAuthParameters"), "ApiKeyAuthParameters");
        assertThat(apiKey.get("ApiKeyName")).isEqualTo(Map.of("Ref", "ApiKeyHeaderName"));
        assertThat(apiKey.get("ApiKeyValue")).isEqualTo(Map.of("Fn::If", List.of("UseApiKeySecret",
                Map.of("Fn::Sub", "{{resolve:secretsmanager:${ApiKeySecretArn}:SecretString}}"), Map.of("Ref", "ApiKeyValue"))));
        assertThat(CloudFormationTemplate.asMap(template.parameters().get("ApiKeyValue"), "ApiKeyValue"))
                .containsEntry("NoEcho", true);

        Map<String, Object> destination = template.properties("ApiDestination");
        assertThat(destination).containsEntry("HttpMethod", "POST")
                .containsEntry("ConnectionArn", Map.of("Fn::GetAtt", List.of("Connection", "Arn")))
                .containsEntry("InvocationEndpoint", Map.of("Ref", "IngestEndpoint"))
                .containsEntry("InvocationRateLimitPerSecond", Map.of("Ref", "InvocationRateLimitPerSecond"));
        String eventsPath = EventsResource.class.getAnnotation(Path.class).value();
        assertThat(String.valueOf(CloudFormationTemplate.asMap(template.parameters().get("IngestEndpoint"), "IngestEndpoint")
                .get("Description"))).contains(eventsPath);

        // the delivery role's statement depends on the TargetType: invoke the destination, or put on the bus
        List<?> policies = (List<?>) template.properties("InvokeRole").get("Policies");
        Map<String, Object> document = CloudFormationTemplate.asMap(
                CloudFormationTemplate.asMap(policies.get(0), "policy").get("PolicyDocument"), "PolicyDocument");
        List<?> choice = (List<?>) CloudFormationTemplate.asMap(document.get("Statement"), "Statement").get("Fn::If");
        assertThat(choice.get(0)).isEqualTo("UseApiDestination");
        IamPolicy invoke = IamPolicy.of(Map.of("Statement", choice.get(1)));
        IamPolicy forward = IamPolicy.of(Map.of("Statement", choice.get(2)));
        assertThat(invoke.allowedActions()).containsExactly("events:InvokeApiDestination");
        assertThat(invoke.allowStatements().get(0).get("Resource"))
                .isEqualTo(Map.of("Fn::GetAtt", List.of("ApiDestination", "Arn")));
        assertThat(forward.allowedActions()).containsExactly("events:PutEvents");
        assertThat(forward.allowStatements().get(0).get("Resource")).isEqualTo(Map.of("Ref", "TargetEventBusArn"));
    }

    /** The target maps of a rule's Targets, through the Fn::If branches that choose one by TargetType. */
    private static List<Map<String, Object>> targets(Object node) {
        List<Map<String, Object>> found = new ArrayList<>();
        if (node instanceof Map<?, ?> map && map.containsKey("Fn::If")) {
            List<?> branches = (List<?>) map.get("Fn::If");
            found.addAll(targets(branches.get(1)));
            found.addAll(targets(branches.get(2)));
        } else if (node instanceof List<?> list) {
            list.forEach(t -> found.add(CloudFormationTemplate.asMap(t, "target")));
        } else {
            throw new IllegalArgumentException("unexpected Targets node: " + node);
        }
        return found;
    }
}
