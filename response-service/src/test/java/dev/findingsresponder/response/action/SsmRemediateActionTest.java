package dev.findingsresponder.response.action;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import dev.findingsresponder.model.ActionRequest;
import dev.findingsresponder.model.ActionResult.Outcome;
import dev.findingsresponder.model.Finding;
import dev.findingsresponder.response.aws.StsAwsClients;
import dev.findingsresponder.response.aws.TestAwsConfig;
import dev.findingsresponder.testsupport.MotoExtension;
import dev.findingsresponder.testsupport.MotoServer;
import software.amazon.awssdk.services.ssm.model.SsmException;

/**
 * moto has no SSM Automation: WireMock answers StartAutomationExecution and GetAutomationExecution (JSON protocol,
 * {@code X-Amz-Target: AmazonSSM.<operation>}) and proxies every other call to moto.
 */
@ExtendWith(MotoExtension.class)
class SsmRemediateActionTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final SsmSettings FAST = new SsmSettings(Duration.ofMillis(20), Duration.ofSeconds(5));
    static final String ROLE = "arn:aws:iam::111122223333:role/RemediationRole";

    static WireMockServer wireMock;
    static StsAwsClients clients;

    @BeforeAll
    static void start() {
        wireMock = new WireMockServer(options().dynamicPort());
        wireMock.start();
        clients = new StsAwsClients(TestAwsConfig.at(wireMock.baseUrl()));
    }

    @AfterAll
    static void stop() {
        clients.close();
        wireMock.stop();
    }

    @BeforeEach
    void proxyEverythingElseToMoto() {
        wireMock.resetAll();
        wireMock.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().proxiedFrom(MotoServer.endpoint())));
    }

    @Test
    void aSuccessfulRunIsAppliedWithPlaceholdersFilledAndAnIdempotencyToken() throws IOException {
        wireMock.stubFor(ssm("StartAutomationExecution").willReturn(started("exec-ok")));
        wireMock.stubFor(get("exec-ok").inScenario("ok").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(execution("exec-ok", "InProgress", null)).willSetStateTo("done"));
        wireMock.stubFor(get("exec-ok").inScenario("ok").whenScenarioStateIs("done")
                .willReturn(execution("exec-ok", "Success", null)));
        ActionRequest request = configRequest("req-ok", 0);

        ActionOutcome outcome = new SsmRemediateAction(FAST, ComplianceCheck.UNKNOWN).execute(request, clients);

        assertThat(outcome.outcome()).as(outcome.detail()).isEqualTo(Outcome.APPLIED);
        assertThat(outcome.facts()).containsEntry("executionId", "exec-ok").containsEntry("status", "Success")
                .containsEntry("runs", "1").containsEntry("document", "AWSConfigRemediation-RevokeUnusedIAMUserCredentials");
        assertThat(outcome.awsRequestIds()).isNotNull();
        JsonNode start = starts().get(0);
        assertThat(start.path("DocumentName").asText()).isEqualTo("AWSConfigRemediation-RevokeUnusedIAMUserCredentials");
        assertThat(start.path("ClientToken").asText()).isEqualTo(SsmRemediateAction.clientToken("req-ok", 1))
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(JSON.convertValue(start.path("Parameters"), Map.class)).isEqualTo(Map.of(
                "IAMResourceId", List.of("AIDAEXAMPLEUSER00001"),
                "Rule", List.of("iam-user-unused-credentials-check"),
                "Where", List.of("111122223333/us-east-1"),
                "MaxCredentialUsageAge", List.of("90"),
                "AutomationAssumeRole", List.of(ROLE)));
        assertThat(wireMock.findAll(postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("AmazonSSM.GetAutomationExecution")))).hasSize(2);
    }

    @Test
    void aFailedRunIsFailedWithSsmsMessage() {
        wireMock.stubFor(ssm("StartAutomationExecution").willReturn(started("exec-bad")));
        wireMock.stubFor(get("exec-bad").willReturn(execution("exec-bad", "Failed",
                "Step fails when it is Poll action status for completion. Access denied on iam:DeleteAccessKey")));

        ActionOutcome outcome = new SsmRemediateAction(FAST, ComplianceCheck.UNKNOWN)
                .execute(configRequest("req-bad", 3), clients);

        assertThat(outcome.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(outcome.detail()).contains("exec-bad ended Failed", "Access denied on iam:DeleteAccessKey");
        assertThat(outcome.facts()).containsEntry("status", "Failed");
        assertThat(starts()).hasSize(1);
    }

    @Test
    void aConfigResourceStillNonCompliantAfterTheRunIsRemediatedAgain() {
        wireMock.stubFor(ssm("StartAutomationExecution").inScenario("runs").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(started("exec-a")).willSetStateTo("second"));
        wireMock.stubFor(ssm("StartAutomationExecution").inScenario("runs").whenScenarioStateIs("second")
                .willReturn(started("exec-b")));
        wireMock.stubFor(get("exec-a").willReturn(execution("exec-a", "Success", null)));
        wireMock.stubFor(get("exec-b").willReturn(execution("exec-b", "Success", null)));
        AtomicInteger checks = new AtomicInteger();
        ComplianceCheck nonCompliantOnce = (request, aws, within) -> checks.getAndIncrement() == 0;

        ActionOutcome outcome = new SsmRemediateAction(FAST, nonCompliantOnce).execute(configRequest("req-retry", 2), clients);

        assertThat(outcome.outcome()).as(outcome.detail()).isEqualTo(Outcome.APPLIED);
        assertThat(outcome.facts()).containsEntry("executionIds", "exec-a,exec-b").containsEntry("runs", "2");
        assertThat(starts()).hasSize(2).extracting(s -> s.path("ClientToken").asText()).containsExactly(
                SsmRemediateAction.clientToken("req-retry", 1), SsmRemediateAction.clientToken("req-retry", 2));
        assertThat(checks).hasValue(2);
    }

    @Test
    void awsConfigIsAskedAgainAfterTheRunAndOnlyAResultRecordedAfterItCounts() {
        wireMock.stubFor(ssm("StartAutomationExecution").inScenario("runs").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(started("exec-1")).willSetStateTo("second"));
        wireMock.stubFor(ssm("StartAutomationExecution").inScenario("runs").whenScenarioStateIs("second")
                .willReturn(started("exec-2")));
        wireMock.stubFor(get("exec-1").willReturn(execution("exec-1", "Success", null)));
        wireMock.stubFor(get("exec-2").willReturn(execution("exec-2", "Success", null)));
        wireMock.stubFor(config("StartConfigRulesEvaluation").willReturn(json("{}")));
        long before = Instant.now().minusSeconds(3600).getEpochSecond();
        long after = Instant.now().plusSeconds(3600).getEpochSecond();
        // first the evaluation from before the run (ignored), then a fresh NON_COMPLIANT, then COMPLIANT
        wireMock.stubFor(config("GetComplianceDetailsByResource").inScenario("config").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(evaluation("NON_COMPLIANT", before)).willSetStateTo("fresh"));
        wireMock.stubFor(config("GetComplianceDetailsByResource").inScenario("config").whenScenarioStateIs("fresh")
                .willReturn(evaluation("NON_COMPLIANT", after)).willSetStateTo("fixed"));
        wireMock.stubFor(config("GetComplianceDetailsByResource").inScenario("config").whenScenarioStateIs("fixed")
                .willReturn(evaluation("COMPLIANT", after)));
        ConfigComplianceCheck config = new ConfigComplianceCheck(Duration.ofMillis(20), Clock.systemUTC());

        ActionOutcome outcome = new SsmRemediateAction(FAST, config).execute(configRequest("req-config", 2), clients);

        assertThat(outcome.outcome()).as(outcome.detail()).isEqualTo(Outcome.APPLIED);
        assertThat(outcome.facts()).containsEntry("executionIds", "exec-1,exec-2").containsEntry("runs", "2");
        List<LoggedRequest> reads = wireMock.findAll(postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("StarlingDoveService.GetComplianceDetailsByResource")));
        assertThat(reads).hasSize(3).allSatisfy(read -> {
            JsonNode body = JSON.readTree(read.getBodyAsString());
            assertThat(body.path("ResourceType").asText()).isEqualTo("AWS::IAM::User");
            assertThat(body.path("ResourceId").asText()).isEqualTo("AIDAEXAMPLEUSER00001");
        });
        assertThat(wireMock.findAll(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target",
                equalTo("StarlingDoveService.StartConfigRulesEvaluation")))).hasSize(2).allSatisfy(start ->
                assertThat(start.getBodyAsString()).contains("iam-user-unused-credentials-check"));
    }

    @Test
    void noFreshConfigResultInTimeIsUnknownAndNotRetried() {
        wireMock.stubFor(ssm("StartAutomationExecution").willReturn(started("exec-once")));
        wireMock.stubFor(get("exec-once").willReturn(execution("exec-once", "Success", null)));
        wireMock.stubFor(config("StartConfigRulesEvaluation").willReturn(json("{}")));
        wireMock.stubFor(config("GetComplianceDetailsByResource").willReturn(
                evaluation("NON_COMPLIANT", Instant.now().minusSeconds(3600).getEpochSecond())));
        ConfigComplianceCheck config = new ConfigComplianceCheck(Duration.ofMillis(20), Clock.systemUTC());
        SsmSettings oneSecond = new SsmSettings(Duration.ofMillis(20), Duration.ofSeconds(1));

        ActionOutcome outcome = new SsmRemediateAction(oneSecond, config).execute(configRequest("req-stale", 2), clients);

        assertThat(outcome.outcome()).as(outcome.detail()).isEqualTo(Outcome.APPLIED);
        assertThat(starts()).hasSize(1);
    }

    @Test
    void retriesStopAtMaxRetries() {
        wireMock.stubFor(ssm("StartAutomationExecution").willReturn(started("exec-same")));
        wireMock.stubFor(get("exec-same").willReturn(execution("exec-same", "Success", null)));

        ActionOutcome outcome = new SsmRemediateAction(FAST, (request, aws, within) -> true)
                .execute(configRequest("req-stuck", 1), clients);

        assertThat(outcome.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(outcome.detail()).contains("ran 2 times successfully, but the resource is still non-compliant");
        assertThat(starts()).hasSize(2);
    }

    @Test
    void nonConfigFindingsAreNeverRetried() {
        wireMock.stubFor(ssm("StartAutomationExecution").willReturn(started("exec-gd")));
        wireMock.stubFor(get("exec-gd").willReturn(execution("exec-gd", "CompletedWithSuccess", null)));
        Finding guardDuty = TestRequests.finding(TestRequests.SSH_BRUTE_FORCE);
        ActionRequest request = TestRequests.request("req-gd", "ssm-remediate", Map.of("document", "AWS-StopEC2Instance",
                "parameters", Map.of("InstanceId", "{{resource.id}}"), "max-retries", 3), target(), guardDuty);

        ActionOutcome outcome = new SsmRemediateAction(FAST, (r, aws, within) -> true).execute(request, clients);

        assertThat(outcome.outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(starts()).hasSize(1).first().satisfies(s -> assertThat(s.path("Parameters").path("InstanceId")
                .get(0).asText()).isEqualTo("i-0a1b2c3d4e5f60718"));
    }

    @Test
    void theWaitIsBounded() {
        wireMock.stubFor(ssm("StartAutomationExecution").willReturn(started("exec-slow")));
        wireMock.stubFor(get("exec-slow").willReturn(execution("exec-slow", "InProgress", null)));
        SsmSettings shortWait = new SsmSettings(Duration.ofMillis(20), Duration.ofMillis(200));

        ActionOutcome outcome = new SsmRemediateAction(shortWait, ComplianceCheck.UNKNOWN)
                .execute(configRequest("req-slow", 0), clients);

        assertThat(outcome.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(outcome.detail()).contains("exec-slow still InProgress", "it goes on in SSM");
        assertThat(outcome.facts()).containsEntry("status", "InProgress");
    }

    @Test
    void aPlaceholderWithoutAValueStartsNothing() {
        ActionRequest request = TestRequests.request("req-key", "ssm-remediate", Map.of("document", "AWS-DisableKey",
                "parameters", Map.of("AccessKeyId", "{{resource.accessKeyId}}")), target(),
                TestRequests.finding(TestRequests.CONFIG_UNUSED_CREDENTIALS));

        ActionOutcome outcome = new SsmRemediateAction(FAST, ComplianceCheck.UNKNOWN).execute(request, clients);

        assertThat(outcome.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(outcome.detail()).contains("{{resource.accessKeyId}} has no value");
        assertThat(starts()).isEmpty();
    }

    @Test
    void ssmErrorsArePermanentOrRetryableByStatus() {
        wireMock.stubFor(ssm("StartAutomationExecution").willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/x-amz-json-1.1")
                .withBody("{\"__type\":\"AutomationDefinitionNotFoundException\",\"Message\":\"no such document\"}")));
        ActionOutcome outcome = new SsmRemediateAction(FAST, ComplianceCheck.UNKNOWN)
                .execute(configRequest("req-missing", 0), clients);
        assertThat(outcome.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(outcome.detail()).contains("AutomationDefinitionNotFoundException");

        wireMock.stubFor(ssm("StartAutomationExecution").willReturn(aResponse().withStatus(500)
                .withHeader("Content-Type", "application/x-amz-json-1.1")
                .withBody("{\"__type\":\"InternalServerError\",\"Message\":\"try later\"}")));
        assertThatThrownBy(() -> new SsmRemediateAction(FAST, ComplianceCheck.UNKNOWN)
                .execute(configRequest("req-500", 0), clients)).isInstanceOf(SsmException.class);
    }

    @Test
    void otherSsmCallsPassThroughToMotoAndTheActionIsDeclaredIrreversible() {
        var ssm = clients.ssm(null, MotoServer.REGION);
        ssm.putParameter(r -> r.name("/responder/probe").value("through-wiremock").type("String"));
        assertThat(ssm.getParameter(r -> r.name("/responder/probe")).parameter().value()).isEqualTo("through-wiremock");

        SsmRemediateAction action = new SsmRemediateAction();
        assertThat(action.reversibility().reversible()).isFalse();
        assertThat(action.undo(configRequest("req-undo", 0), clients).outcome()).isEqualTo(Outcome.ALREADY_APPLIED);
        assertThat(action.permissions()).contains("ssm:StartAutomationExecution", "ssm:GetAutomationExecution",
                "iam:PassRole");
    }

    private static ActionRequest configRequest(String requestId, int maxRetries) {
        Map<String, Object> params = Map.of(
                "document", "AWSConfigRemediation-RevokeUnusedIAMUserCredentials",
                "parameters", Map.of("IAMResourceId", "{{resource.id}}", "Rule", "{{compliance.ruleName}}",
                        "Where", "{{account}}/{{region}}", "MaxCredentialUsageAge", 90),
                "max-retries", maxRetries,
                "assume-role-arn", ROLE);
        return TestRequests.request(requestId, "ssm-remediate", params, target(),
                TestRequests.finding(TestRequests.CONFIG_UNUSED_CREDENTIALS));
    }

    private static ActionRequest.Target target() {
        // a member account: its SSM client assumes the member role (STS proxied to moto)
        return new ActionRequest.Target("ssm:111122223333:us-east-1:AIDAEXAMPLEUSER00001", "111122223333",
                MotoServer.REGION, "ssm-automation", "AIDAEXAMPLEUSER00001", null);
    }

    private static MappingBuilder ssm(String operation) {
        return post(urlEqualTo("/")).atPriority(1).withHeader("X-Amz-Target", equalTo("AmazonSSM." + operation));
    }

    private static MappingBuilder config(String operation) {
        return post(urlEqualTo("/")).atPriority(1)
                .withHeader("X-Amz-Target", equalTo("StarlingDoveService." + operation));
    }

    private static ResponseDefinitionBuilder evaluation(String complianceType, long recordedEpochSeconds) {
        return json("{\"EvaluationResults\":[{\"EvaluationResultIdentifier\":{\"EvaluationResultQualifier\":"
                + "{\"ConfigRuleName\":\"iam-user-unused-credentials-check\",\"ResourceType\":\"AWS::IAM::User\","
                + "\"ResourceId\":\"AIDAEXAMPLEUSER00001\"}},\"ComplianceType\":\"" + complianceType
                + "\",\"ResultRecordedTime\":" + recordedEpochSeconds + "}]}");
    }

    private static MappingBuilder get(String executionId) {
        return ssm("GetAutomationExecution")
                .withRequestBody(matchingJsonPath("$.AutomationExecutionId", equalTo(executionId)));
    }

    private static ResponseDefinitionBuilder started(String executionId) {
        return json("{\"AutomationExecutionId\":\"" + executionId + "\"}");
    }

    private static ResponseDefinitionBuilder execution(String executionId, String status, String failure) {
        String failureField = failure == null ? "" : ",\"FailureMessage\":\"" + failure + "\"";
        return json("{\"AutomationExecution\":{\"AutomationExecutionId\":\"" + executionId
                + "\",\"AutomationExecutionStatus\":\"" + status + "\"" + failureField + "}}");
    }

    private static ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
                .withHeader("x-amzn-RequestId", "wiremock-" + Math.abs(body.hashCode())).withBody(body);
    }

    private static List<JsonNode> starts() {
        return wireMock.findAll(postRequestedFor(urlEqualTo("/"))
                        .withHeader("X-Amz-Target", equalTo("AmazonSSM.StartAutomationExecution"))).stream()
                .map(r -> {
                    try {
                        return JSON.readTree(r.getBodyAsString());
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                }).toList();
    }
}
