package dev.findingsresponder.model.action;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ActionCatalogTest {

    private static final String TOPIC = "arn:aws:sns:us-east-1:111122223333:security-alerts";

    @Test
    void knowsTheFiveActionsSorted() {
        assertThat(ActionCatalog.names()).containsExactly(
                "isolate-instance", "nacl-deny", "sns-notify", "ssm-remediate", "waf-block");
        assertThat(ActionCatalog.find("nacl-block")).isEmpty();
        assertThat(ActionCatalog.find(null)).isEmpty();
    }

    @Test
    void onlyNaclAndWafAreBlocking() {
        assertThat(ActionCatalog.all().stream().filter(ActionSchema::blocking).map(ActionSchema::name))
                .containsExactly("nacl-deny", "waf-block");
    }

    @Test
    void validParametersOfEveryActionPass() {
        assertThat(schema("nacl-deny").validate(Map.of())).isEmpty();
        assertThat(schema("nacl-deny").validate(Map.of("nacl-id", "acl-0123abcd", "notify-topic-arn", TOPIC)))
                .isEmpty();
        assertThat(schema("waf-block").validate(Map.of("ip-set-v4", "blocked-ipv4", "ip-set-v6", "blocked-ipv6",
                "scope", "CLOUDFRONT", "notify-topic-arn", "arn:aws:sns:eu-west-1:111122223333:ops.fifo")))
                .isEmpty();
        assertThat(schema("sns-notify").validate(Map.of("topic-arn", TOPIC, "priority", "high",
                "subject-prefix", "[prod]"))).isEmpty();
        assertThat(schema("ssm-remediate").validate(Map.of("document", "AWS-DisableS3BucketPublicReadWrite",
                "parameters", Map.of("S3BucketName", "{{resource.name}}", "Retries", 3, "Force", true,
                        "AutomationAssumeRole", "arn:aws:iam::{{account}}:role/Remediation"),
                "max-retries", 10, "assume-role-arn", "arn:aws:iam::111122223333:role/path/Remediation")))
                .isEmpty();
        assertThat(schema("isolate-instance").validate(Map.of("isolation-group-name", "quarantine (forensics)")))
                .isEmpty();
    }

    static List<Arguments> invalidParameters() {
        return List.of(
                Arguments.of("nacl-deny", Map.of("nacl", "acl-1"),
                        "unknown parameter 'nacl' for action nacl-deny (known: nacl-id, notify-topic-arn)"),
                Arguments.of("nacl-deny", Map.of("nacl-id", "acl-XYZ"),
                        "action nacl-deny: parameter 'nacl-id' must be a network ACL id like acl-0123456789abcdef0"
                                + " (got 'acl-XYZ')"),
                Arguments.of("waf-block", Map.of(),
                        "action waf-block: missing required parameter 'ip-set-v4'"),
                Arguments.of("waf-block", Map.of("ip-set-v4", "blocked v4"),
                        "action waf-block: parameter 'ip-set-v4' must be a WAF IP set name"
                                + " (1-128 letters, digits, '_' or '-') (got 'blocked v4')"),
                Arguments.of("waf-block", Map.of("ip-set-v4", 42),
                        "action waf-block: parameter 'ip-set-v4' must be a string (got integer 42)"),
                Arguments.of("waf-block", Map.of("ip-set-v4", " "),
                        "action waf-block: parameter 'ip-set-v4' must not be empty"),
                Arguments.of("waf-block", Map.of("ip-set-v4", "b", "scope", "regional"),
                        "action waf-block: parameter 'scope' must be one of: REGIONAL, CLOUDFRONT (got 'regional')"),
                Arguments.of("sns-notify", Map.of("topic-arn", "security-alerts"),
                        "action sns-notify: parameter 'topic-arn' must be an ARN"
                                + " (arn:<partition>:<service>:<region>:<account>:<resource>) (got 'security-alerts')"),
                Arguments.of("sns-notify", Map.of("topic-arn", "arn:aws:sqs:us-east-1:111122223333:q"),
                        "action sns-notify: parameter 'topic-arn' must be an SNS topic ARN"
                                + " (arn:aws:sns:<region>:<account>:<topic>) (got 'arn:aws:sqs:us-east-1:111122223333:q')"),
                Arguments.of("sns-notify", Map.of("topic-arn", TOPIC, "priority", true),
                        "action sns-notify: parameter 'priority' must be one of: normal, high (got boolean true)"),
                Arguments.of("sns-notify", Map.of("topic-arn", TOPIC, "subject-prefix", "x".repeat(41)),
                        "action sns-notify: parameter 'subject-prefix' must be printable ASCII text of at most 40"
                                + " characters (SNS subjects are short) (got '" + "x".repeat(41) + "')"),
                Arguments.of("ssm-remediate", Map.of("document", "D1"),
                        "action ssm-remediate: parameter 'document' must be an SSM document name (3-128 letters,"
                                + " digits, '_', '-', '.', ':' or '/') (got 'D1')"),
                Arguments.of("ssm-remediate", Map.of("document", "Doc", "max-retries", 11),
                        "action ssm-remediate: parameter 'max-retries' must be between 0 and 10 (got 11)"),
                Arguments.of("ssm-remediate", Map.of("document", "Doc", "max-retries", "3"),
                        "action ssm-remediate: parameter 'max-retries' must be an integer (got '3')"),
                Arguments.of("ssm-remediate", Map.of("document", "Doc", "max-retries", 1.5),
                        "action ssm-remediate: parameter 'max-retries' must be an integer (got number 1.5)"),
                Arguments.of("ssm-remediate", Map.of("document", "Doc", "parameters", List.of("a")),
                        "action ssm-remediate: parameter 'parameters' must be a map of names to values (got a list)"),
                Arguments.of("ssm-remediate", Map.of("document", "Doc", "parameters", Map.of("K", List.of())),
                        "action ssm-remediate: parameter 'parameters' value of 'K' must be a string, number or"
                                + " boolean (got a list)"),
                Arguments.of("ssm-remediate", Map.of("document", "Doc", "parameters", Map.of("K", "{{bucket}}")),
                        "action ssm-remediate: parameter 'parameters' value of 'K' uses unknown placeholder"
                                + " '{{bucket}}' (known: {{resource.id}}, {{resource.name}}, {{resource.arn}},"
                                + " {{account}}, {{region}}, {{finding.id}}, {{compliance.ruleName}},"
                                + " {{resource.accessKeyId}}, {{resource.principal}})"),
                Arguments.of("ssm-remediate", Map.of("document", "Doc", "parameters", Map.of("K", "{{account")),
                        "action ssm-remediate: parameter 'parameters' value of 'K' has an unterminated placeholder"
                                + " (expected {{name}}): '{{account'"),
                Arguments.of("ssm-remediate", Map.of("document", "Doc", "assume-role-arn",
                                "arn:aws:iam::111122223333:user/bob"),
                        "action ssm-remediate: parameter 'assume-role-arn' must be an IAM role ARN"
                                + " (arn:aws:iam::<account>:role/<name>) (got 'arn:aws:iam::111122223333:user/bob')"),
                Arguments.of("isolate-instance", Map.of("isolation-group-name", "bad\nname"),
                        "action isolate-instance: parameter 'isolation-group-name' must be a security group name"
                                + " (1-255 letters, digits, spaces and ._-:/()#,@[]+=&;{}!$*), not 'default' and not"
                                + " starting with 'sg-' (got 'bad\nname')"),
                Arguments.of("isolate-instance", mapWithNull("notify-topic-arn"),
                        "action isolate-instance: parameter 'notify-topic-arn' must be an ARN"
                                + " (arn:<partition>:<service>:<region>:<account>:<resource>) (got nothing)"));
    }

    @ParameterizedTest
    @MethodSource("invalidParameters")
    void invalidParametersGetOnePreciseMessage(String action, Map<String, Object> params, String expected) {
        assertThat(schema(action).validate(params)).containsExactly(expected);
    }

    @Test
    void collectsEveryProblemWithTheParameterItIsAbout() {
        List<ParamViolation> problems = schema("waf-block").violations(Map.of("scope", "GLOBAL", "x", 1));
        assertThat(problems).extracting(ParamViolation::param).containsExactlyInAnyOrder("scope", "x", "ip-set-v4");
    }

    @Test
    void aProblemWithOneEntryOfAMapParameterNamesThatEntry() {
        List<ParamViolation> problems = schema("ssm-remediate").violations(Map.of("document", "AWS-Doc",
                "parameters", Map.of("Key", "{{resource.id}}", "Bucket", "{{bad")));
        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem.param()).isEqualTo("parameters");
            assertThat(problem.entry()).isEqualTo("Bucket");
        });
    }

    @Test
    void ttlIsRequiredForBlockingActionsAndForbiddenForOthers() {
        assertThat(schema("nacl-deny").checkTtl(null)).contains("action nacl-deny needs a ttl (it is a blocking action)");
        assertThat(schema("nacl-deny").checkTtl(Duration.ofHours(24))).isEmpty();
        assertThat(schema("waf-block").checkTtl(Duration.ofDays(90))).isEmpty();
        assertThat(schema("waf-block").checkTtl(Duration.ofDays(91)))
                .contains("ttl of action waf-block must be at most 90d (got 91d)");
        assertThat(schema("waf-block").checkTtl(Duration.ZERO))
                .contains("ttl of action waf-block must be positive (got 0s)");
        assertThat(schema("sns-notify").checkTtl(Duration.ofHours(1)))
                .contains("action sns-notify takes no ttl (it is not a blocking action)");
        assertThat(schema("isolate-instance").checkTtl(null)).isEmpty();
    }

    @Test
    void defaultsAreFilledInOnlyWhenAbsent() {
        assertThat(schema("waf-block").withDefaults(Map.of("ip-set-v4", "b")))
                .containsEntry("scope", "REGIONAL").containsEntry("ip-set-v4", "b");
        assertThat(schema("waf-block").withDefaults(Map.of("scope", "CLOUDFRONT"))).containsEntry("scope", "CLOUDFRONT");
    }

    @Test
    void schemasSerializeToReadableJson() throws Exception {
        String json = new ObjectMapper().writeValueAsString(ActionCatalog.all());
        assertThat(json).contains("\"name\":\"waf-block\"", "\"blocking\":true", "\"allowedValues\":[\"REGIONAL\",\"CLOUDFRONT\"]")
                .doesNotContain("\"placeholders\":[]");
    }

    private static ActionSchema schema(String name) {
        return ActionCatalog.find(name).orElseThrow();
    }

    private static Map<String, Object> mapWithNull(String key) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(key, null);
        return m;
    }
}
