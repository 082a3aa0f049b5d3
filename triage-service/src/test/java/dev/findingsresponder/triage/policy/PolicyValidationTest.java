package dev.findingsresponder.triage.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every validation message, with the line and column it points at. Each case is a whole policy file;
 * expected errors are written {@code line:column: message}.
 */
class PolicyValidationTest {

    private static final String HEAD = "version: 1\nplaybooks:\n";

    /** A valid playbook with the given extra lines for its match (indented 6) and actions (indented 6). */
    private static String playbook(String match, String actions) {
        return HEAD + """
                  - name: a
                    mode: enforce
                    match:
                """ + (match.isEmpty() ? "      source: [GUARDDUTY]\n" : match) + "    actions:\n"
                + (actions.isEmpty() ? "      []\n" : actions);
    }

    static Stream<Arguments> structure() {
        return Stream.of(
                c("", "1:1: the policy is empty (expected a map with keys: version, suppressions, playbooks)"),
                c("# only a comment\n",
                        "1:1: the policy is empty (expected a map with keys: version, suppressions, playbooks)"),
                c("- a\n- b\n", "1:1: expected a map for the policy, got a list"),
                c("version: 1\nplaybooks: [\n", "3:1: invalid YAML: while parsing a flow node: expected the node"
                        + " content, but found '<stream end>'"),
                c("version: 1\nplaybooks:\n\t- name: a\n", "3:1: invalid YAML: while scanning for the next token:"
                        + " found character '\\t(TAB)' that cannot start any token. (Do not use \\t(TAB) for indentation)"),
                c("version: 1\nplaybooks: []\n---\nversion: 1\n",
                        "3:1: invalid YAML: expected a single document in the stream: but found another document"),
                c("version: 1\nplaybooks: &p []\nsuppressions: *p\n",
                        "2:12: anchors (&p) are not allowed in a policy: write the value out",
                        "3:15: aliases (*p) are not allowed in a policy: write the value out"),
                c("version: 1\nplaybooks: !custom []\n",
                        "2:12: tag '!custom' is not allowed in a policy (plain values only)"),
                c("version: !!int \"1\"\nplaybooks: !!seq []\n",
                        "1:10: tag 'tag:yaml.org,2002:int' is not allowed in a policy (plain values only)",
                        "2:12: tag 'tag:yaml.org,2002:seq' is not allowed in a policy (plain values only)"),
                c("version: !!python/object:os.system 1\nplaybooks: []\n",
                        "1:10: tag 'tag:yaml.org,2002:python/object:os.system' is not allowed in a policy (plain values only)"),
                c("version: 1\nplaybook: []\n",
                        "1:1: missing required key 'playbooks' in the policy",
                        "2:1: unknown key 'playbook' in the policy (expected one of: version, suppressions, playbooks)"),
                c("playbooks: []\n", "1:1: missing required key 'version' in the policy"),
                c("version: 2\nplaybooks: []\n", "1:10: unsupported policy version number 2 (expected 1)"),
                c("version: one\nplaybooks: []\n", "1:10: unsupported policy version 'one' (expected 1)"),
                c("version: 1\nversion: 1\nplaybooks: []\n", "2:1: duplicate key 'version' in the policy"),
                c("version: 1\n? [a]\n: 1\nplaybooks: []\n", "2:3: keys must be plain names in the policy, got a list"),
                c("version: 1\nplaybooks: {a: 1}\n", "2:12: expected a list for playbooks, got a map"),
                c("version: 1\nplaybooks: []\nsuppressions: {}\n", "3:15: expected a list for suppressions, got a map"),
                c("version: 1\nplaybooks: []\nsuppressions:\n  - " + "[".repeat(40) + "]".repeat(40) + "\n",
                        "4:33: nesting deeper than 30 maps and lists is not allowed in a policy"),
                c("version: 1\nplaybooks: []\nsuppressions:\n  - " + "[".repeat(28) + "]".repeat(28) + "\n",
                        "4:5: expected a map for suppression #1, got a list"));
    }

    static Stream<Arguments> playbooks() {
        return Stream.of(
                c(HEAD + "  - just-a-name\n", "3:5: expected a map for playbook #1, got 'just-a-name'"),
                c(HEAD + """
                          - name: ssh-brute-force
                            mode: enforce
                            mach: {}
                            actions:
                              - action: nacl-block
                        """,
                        "3:5: missing required key 'match' in playbook 'ssh-brute-force'",
                        "5:5: unknown key 'mach' in playbook 'ssh-brute-force' (expected one of: name, description,"
                                + " mode, continue, match, actions)",
                        "7:17: unknown action 'nacl-block' (known: isolate-instance, nacl-deny, sns-notify,"
                                + " ssm-remediate, waf-block)"),
                c(HEAD + "  - mode: enforce\n    match: {}\n    actions: []\n",
                        "3:5: missing required key 'name' in playbook #1"),
                c(HEAD + "  - name: a\n    match: {score: {min: 101}}\n",
                        "3:5: missing required key 'mode' in playbook 'a'",
                        "3:5: missing required key 'actions' in playbook 'a'",
                        "4:26: score min must be a whole number from 0 to 100 (got 101)"),
                c(HEAD + "  - name: ssh brute\n    mode: enforce\n    match: {}\n    actions: []\n",
                        "3:11: invalid playbook name 'ssh brute' (expected up to 64 letters, digits, '.', '_' or '-',"
                                + " starting with a letter or digit)"),
                c(HEAD + "  - name:\n    mode: enforce\n    match: {}\n    actions: []\n",
                        "3:10: expected text for playbook name, got nothing"),
                c(HEAD + "  - {name: a, mode: enforce, match: {}, actions: []}\n"
                                + "  - {name: a, mode: observe, match: {}, actions: []}\n",
                        "4:12: duplicate playbook name 'a' (first used on line 3)"),
                c(HEAD + "  - name: a\n    mode: dry-run\n    match: {}\n    actions: []\n",
                        "4:11: invalid mode 'dry-run' in playbook 'a' (expected one of: observe, approve, enforce)"),
                c(HEAD + "  - name: a\n    mode: enforce\n    mode: observe\n    match: {}\n    actions: []\n",
                        "5:5: duplicate key 'mode' in playbook 'a'"),
                c(HEAD + "  - name: a\n    mode: enforce\n    continue: yes please\n    match: {}\n    actions: []\n",
                        "5:15: expected true or false for continue, got 'yes please'"),
                c(HEAD + "  - name: a\n    description: {x: 1}\n    mode: enforce\n    match: {}\n    actions: []\n",
                        "4:18: expected text for description, got a map"),
                c(HEAD + "  - name: a\n    mode: enforce\n    match: {}\n    actions: {}\n",
                        "6:14: expected a list for actions of playbook 'a', got a map"));
    }

    static Stream<Arguments> actions() {
        String topic = "arn:aws:sns:us-east-1:111122223333:security-alerts";
        return Stream.of(
                c(playbook("", "      - ttl: 1h\n"), "8:9: missing required key 'action' in action #1 of playbook 'a'"),
                c(playbook("", "      - action: nacl-block\n"),
                        "8:17: unknown action 'nacl-block' (known: isolate-instance, nacl-deny, sns-notify,"
                                + " ssm-remediate, waf-block)"),
                c(playbook("", "      - action: nacl-deny\n        tll: 1h\n"),
                        "8:9: action nacl-deny needs a ttl (it is a blocking action)",
                        "9:9: unknown key 'tll' in action nacl-deny of playbook 'a' (expected one of: action, ttl,"
                                + " params)"),
                c(playbook("", "      - action: sns-notify\n        ttl: 1h\n        params: {topic-arn: " + topic + "}\n"),
                        "9:9: action sns-notify takes no ttl (it is not a blocking action)"),
                c(playbook("", "      - action: nacl-deny\n        ttl: 1w\n"),
                        "9:14: invalid ttl '1w' for action nacl-deny (expected a duration like 30m, 24h, 7d or"
                                + " ISO-8601 PT1H)"),
                c(playbook("", "      - action: nacl-deny\n        ttl: 91d\n"),
                        "9:9: ttl of action nacl-deny must be at most 90d (got 91d)"),
                c(playbook("", "      - action: nacl-deny\n        ttl: PT0S\n"),
                        "9:9: ttl of action nacl-deny must be positive (got 0s)"),
                c(playbook("", "      - action: sns-notify\n        params: [" + topic + "]\n"),
                        "9:17: expected a map for params of action sns-notify, got a list"),
                c(playbook("", "      - action: waf-block\n        ttl: 24h\n        params:\n          scope: REGIONAL\n"),
                        "10:9: action waf-block: missing required parameter 'ip-set-v4'"),
                c(playbook("", "      - action: waf-block\n        ttl: 24h\n"),
                        "8:9: action waf-block: missing required parameter 'ip-set-v4'"),
                c(playbook("", "      - action: sns-notify\n        params:\n          topic: " + topic + "\n"),
                        "9:9: action sns-notify: missing required parameter 'topic-arn'",
                        "10:11: unknown parameter 'topic' for action sns-notify (known: topic-arn, priority,"
                                + " subject-prefix)"),
                c(playbook("", "      - action: sns-notify\n        params:\n          topic-arn: " + topic
                                + "\n          priority: urgent\n"),
                        "11:11: action sns-notify: parameter 'priority' must be one of: normal, high (got 'urgent')"),
                c(playbook("", "      - action: sns-notify\n        params:\n          topic-arn: security-alerts\n"),
                        "10:11: action sns-notify: parameter 'topic-arn' must be an ARN"
                                + " (arn:<partition>:<service>:<region>:<account>:<resource>) (got 'security-alerts')"),
                c(playbook("", "      - action: nacl-deny\n        ttl: 1h\n        params: {nacl-id: subnet-1}\n"),
                        "10:18: action nacl-deny: parameter 'nacl-id' must be a network ACL id like"
                                + " acl-0123456789abcdef0 (got 'subnet-1')"),
                c(playbook("", "      - action: ssm-remediate\n        params:\n          document: AWS-Doc\n"
                                + "          max-retries: \"3\"\n"),
                        "11:11: action ssm-remediate: parameter 'max-retries' must be an integer (got '3')"),
                c(playbook("", "      - action: ssm-remediate\n        params:\n          document: AWS-Doc\n"
                                + "          max-retries: 11\n"),
                        "11:11: action ssm-remediate: parameter 'max-retries' must be between 0 and 10 (got 11)"),
                c(playbook("", "      - action: ssm-remediate\n        params:\n          document: AWS-Doc\n"
                                + "          parameters: {Bucket: \"{{resource.bucket}}\"}\n"),
                        "11:24: action ssm-remediate: parameter 'parameters' value of 'Bucket' uses unknown"
                                + " placeholder '{{resource.bucket}}' (known: {{resource.id}}, {{resource.name}},"
                                + " {{resource.arn}}, {{account}}, {{region}}, {{finding.id}}, {{compliance.ruleName}},"
                                + " {{resource.accessKeyId}}, {{resource.principal}})"),
                c(playbook("", "      - action: ssm-remediate\n        params:\n          document: AWS-Doc\n"
                                + "          parameters:\n            Key: \"{{resource.id}}\"\n"
                                + "            Bucket: \"{{bad\"\n"),
                        "13:13: action ssm-remediate: parameter 'parameters' value of 'Bucket' has an unterminated"
                                + " placeholder (expected {{name}}): '{{bad'"),
                c(playbook("", "      - action: [sns-notify]\n"), "8:17: expected text for action, got a list"),
                c(playbook("", "      - action: nacl-deny\n        ttl: {hours: 1}\n"), "9:14: expected text for ttl, got a map"),
                c(playbook("", "      - action: ssm-remediate\n        params:\n          document: AWS-Doc\n"
                                + "          parameters: {A: x, A: y}\n"),
                        "11:30: duplicate key 'A' in parameter 'parameters' of action ssm-remediate"),
                c(playbook("", "      - action: sns-notify\n        params:\n          topic-arn: " + topic
                                + "\n          topic-arn: " + topic + "\n"),
                        "11:11: duplicate key 'topic-arn' in params of action sns-notify"));
    }

    static Stream<Arguments> matches() {
        return Stream.of(
                c(HEAD + "  - name: a\n    mode: enforce\n    match: [GUARDDUTY]\n    actions: []\n",
                        "5:12: expected a map for match of playbook 'a', got a list"),
                c(playbook("      typ: [\"Recon:*\"]\n", ""),
                        "6:7: unknown key 'typ' in match of playbook 'a' (expected one of: source, product, type,"
                                + " severity, score, label, resource-type, account, region, tags, remote-ip,"
                                + " resource-role, exploit-available, sample)"),
                c(playbook("      source: [GUARDDUTY, guard]\n", ""),
                        "6:27: unknown source 'guard' (expected one of: GUARDDUTY, INSPECTOR, CONFIG, SECURITY_HUB)"),
                c(playbook("      product: Macie\n", ""),
                        "6:16: unknown product 'Macie' (expected one of: GUARDDUTY, INSPECTOR, CONFIG, SECURITY_HUB)"),
                c(playbook("      type: []\n", ""),
                        "6:13: type is an empty list, which matches nothing (remove it to match any)"),
                c(playbook("      type: {Recon: 1}\n", ""),
                        "6:13: expected a list or a single value for type, got a map"),
                c(playbook("      type: [[Recon]]\n", ""), "6:14: expected text for an entry of type, got a list"),
                c(playbook("      type: [\"Recon:EC2/[Pp]ort*\"]\n", ""),
                        "6:14: invalid type glob 'Recon:EC2/[Pp]ort*' in type: character '[' is not allowed"
                                + " (only * and ? are wildcards)"),
                c(playbook("      type: [\"UnauthorizedAccess:EC2/SSHBruteForce\u200b\"]\n", ""),
                        "6:14: invalid type glob 'UnauthorizedAccess:EC2/SSHBruteForce\\u200b' in type: character U+200B"
                                + " is not printable ASCII, as AWS finding types are (use ? for a character you cannot type)"),
                c(playbook("      type: [\" Recon:*\"]\n", ""),
                        "6:14: invalid type glob ' Recon:*' in type: leading or trailing whitespace"),
                c(playbook("      severity: {min: 11}\n", ""), "6:23: severity min must be from 0 to 10 (got 11)"),
                c(playbook("      severity: {min: 8, max: 5}\n", ""), "6:17: severity min 8 is above max 5"),
                c(playbook("      score: {min: 40.5}\n", ""),
                        "6:20: score min must be a whole number from 0 to 100 (got 40.5)"),
                c(playbook("      score: {max: high}\n", ""), "6:20: expected a number for score max, got 'high'"),
                c(playbook("      score: {}\n", ""), "6:14: score needs min, max or both"),
                c(playbook("      score: 40\n", ""), "6:14: expected a map for score, got number 40"),
                c(playbook("      score: {minimum: 40}\n", ""),
                        "6:15: unknown key 'minimum' in score (expected one of: min, max)"),
                c(playbook("      label: {min: SEVERE}\n", ""),
                        "6:20: unknown label 'SEVERE' in label min (expected one of: INFORMATIONAL, LOW, MEDIUM,"
                                + " HIGH, CRITICAL)"),
                c(playbook("      label: {min: high, max: low}\n", ""), "6:14: label min HIGH is above max LOW"),
                c(playbook("      label: {}\n", ""), "6:14: label needs min, max or both"),
                c(playbook("      account: [\"111122223333\", 1234]\n", ""),
                        "6:33: invalid account '1234' in account (expected 12 digits)"),
                c(playbook("      region: us-east1\n", ""),
                        "6:15: invalid region 'us-east1' in region (expected a name like us-east-1)"),
                c(playbook("      tags: [environment]\n", ""), "6:13: expected a map for tags, got a list"),
                c(playbook("      tags: {}\n", ""), "6:13: tags needs at least one key (remove it to match any)"),
                c(playbook("      tags: {environment: {prod: 1}}\n", ""),
                        "6:27: expected a list or a single value for tag 'environment', got a map"),
                c(playbook("      remote-ip: [\"10.0.0.0/33\"]\n", ""),
                        "6:19: invalid CIDR '10.0.0.0/33' in remote-ip: prefix length must be 0-32"),
                c(playbook("      remote-ip: [\"2001:db8::/129\"]\n", ""),
                        "6:19: invalid CIDR '2001:db8::/129' in remote-ip: prefix length must be 0-128"),
                c(playbook("      remote-ip: [10.0.0.256]\n", ""),
                        "6:19: invalid IP address '10.0.0.256' in remote-ip (expected an IPv4 or IPv6 address or CIDR)"),
                c(playbook("      remote-ip: [\"2001:db8:::1/64\"]\n", ""),
                        "6:19: invalid CIDR '2001:db8:::1/64' in remote-ip (expected an IPv4 or IPv6 address or CIDR)"),
                c(playbook("      remote-ip: [10.0.0.1/8]\n", ""),
                        "6:19: invalid CIDR '10.0.0.1/8' in remote-ip: address bits are set after the /8 prefix"),
                c(playbook("      resource-role: [VICTIM]\n", ""),
                        "6:23: unknown resource-role 'VICTIM' (expected one of: TARGET, ACTOR)"),
                c(playbook("      sample: maybe\n", ""), "6:15: expected true or false for sample, got 'maybe'"),
                c(playbook("      exploit-available: 1\n", ""),
                        "6:26: expected true or false for exploit-available, got number 1"));
    }

    static Stream<Arguments> suppressions() {
        return Stream.of(
                c("version: 1\nplaybooks: []\nsuppressions:\n  - name: everything\n    match: {}\n",
                        "5:5: suppression 'everything' has an empty match, which would suppress every finding"
                                + " (give at least one criterion)"),
                c("version: 1\nplaybooks: []\nsuppressions:\n  - name: x y\n",
                        "4:5: missing required key 'match' in suppression 'x y'",
                        "4:11: invalid suppression name 'x y' (expected up to 64 letters, digits, '.', '_' or '-',"
                                + " starting with a letter or digit)"),
                c("version: 1\nplaybooks: []\nsuppressions:\n  - name: x\n    mode: observe\n    match: {sample: true}\n",
                        "5:5: unknown key 'mode' in suppression 'x' (expected one of: name, description, match)"),
                c("version: 1\nplaybooks: []\nsuppressions:\n  - {name: x, match: {sample: true}}\n"
                                + "  - {name: x, match: {sample: false}}\n",
                        "5:12: duplicate suppression name 'x' (first used on line 4)"),
                c("version: 1\nplaybooks: []\nsuppressions:\n  - name: x\n    match: {remote-ip: [\"300.1.1.1\"]}\n",
                        "5:25: invalid IP address '300.1.1.1' in remote-ip (expected an IPv4 or IPv6 address or CIDR)"));
    }

    @ParameterizedTest(name = "structure {index}: {1}")
    @MethodSource("structure")
    void structureErrors(String yaml, List<String> expected) {
        assertErrors(yaml, expected);
    }

    @ParameterizedTest(name = "playbook {index}: {1}")
    @MethodSource("playbooks")
    void playbookErrors(String yaml, List<String> expected) {
        assertErrors(yaml, expected);
    }

    @ParameterizedTest(name = "action {index}: {1}")
    @MethodSource("actions")
    void actionErrors(String yaml, List<String> expected) {
        assertErrors(yaml, expected);
    }

    @ParameterizedTest(name = "match {index}: {1}")
    @MethodSource("matches")
    void matchErrors(String yaml, List<String> expected) {
        assertErrors(yaml, expected);
    }

    @ParameterizedTest(name = "suppression {index}: {1}")
    @MethodSource("suppressions")
    void suppressionErrors(String yaml, List<String> expected) {
        assertErrors(yaml, expected);
    }

    @Test
    void collectsEveryErrorInFileOrderWithTheFileName() {
        String yaml = """
                version: 1
                suppressions:
                  - name: s
                    match: {remote-ip: ["10.0.0.0/33"]}
                playbooks:
                  - name: ssh-brute-force
                    mode: enforce
                    match:
                      type: ["UnauthorizedAccess:EC2/SSHBruteForce"]
                      score: {min: 400}
                    actions:
                      - action: nacl-deny
                      - action: waf-block
                        ttl: 24h
                        params: {}
                  - name: ssh-brute-force
                    mode: sometimes
                    match: {}
                    actions: []
                """;
        PolicyException e = catchThrowableOfType(PolicyException.class, () -> PolicyLoader.load(yaml, "policy.yaml"));
        assertThat(e.errors()).extracting(PolicyError::toString).containsExactly(
                "policy.yaml:4:25: invalid CIDR '10.0.0.0/33' in remote-ip: prefix length must be 0-32",
                "policy.yaml:10:20: score min must be a whole number from 0 to 100 (got 400)",
                "policy.yaml:12:9: action nacl-deny needs a ttl (it is a blocking action)",
                "policy.yaml:15:9: action waf-block: missing required parameter 'ip-set-v4'",
                "policy.yaml:16:11: duplicate playbook name 'ssh-brute-force' (first used on line 6)",
                "policy.yaml:17:11: invalid mode 'sometimes' in playbook 'ssh-brute-force' (expected one of:"
                        + " observe, approve, enforce)");
        assertThat(e.getMessage()).startsWith("policy policy.yaml is invalid (6 errors):\npolicy.yaml:4:25: ");
    }

    @Test
    void emptyPlaybookListAndMissingSuppressionsAreValid() {
        Policy policy = PolicyLoader.load("version: 1\nplaybooks: []\n", "p.yaml");
        assertThat(policy.playbooks()).isEmpty();
        assertThat(policy.suppressions()).isEmpty();
        assertThat(PolicyLoader.load("version: 1\nsuppressions:\nplaybooks: []\n", "p.yaml").suppressions()).isEmpty();
    }

    @Test
    void refusesHugeFiles() {
        String yaml = "version: 1\nplaybooks: []\n# " + "x".repeat(SafeYaml.MAX_CODE_POINTS) + "\n";
        assertThatThrownBy(() -> PolicyLoader.load(yaml, "big.yaml")).isInstanceOf(PolicyException.class)
                .hasMessageContaining("big.yaml:1:1: the policy is larger than 1000000 characters");
    }

    @Test
    void versionIsTheSha256OfTheText() {
        Policy policy = PolicyLoader.load("version: 1\nplaybooks: []\n", "p.yaml");
        assertThat(policy.version()).isEqualTo("ea1f440a5d7678346566cab59cfae6726fecee6673ab45d9b71b4020109ea1cf");
        assertThat(policy.shortVersion()).isEqualTo("ea1f440a5d7678346566cab59cfae6726fecee6673ab45d9b71b4020109ea1cf".substring(0, 12));
    }

    private static void assertErrors(String yaml, List<String> expected) {
        PolicyException e = catchThrowableOfType(PolicyException.class, () -> PolicyLoader.load(yaml, "policy.yaml"));
        assertThat(e).as("expected the policy to be refused:\n%s", yaml).isNotNull();
        assertThat(e.errors()).extracting(err -> err.line() + ":" + err.column() + ": " + err.message())
                .as("errors of:\n%s", yaml).containsExactlyElementsOf(expected);
        assertThat(e.errors()).allSatisfy(err -> assertThat(err.sourceName()).isEqualTo("policy.yaml"));
    }

    private static Arguments c(String yaml, String... expected) {
        return Arguments.of(yaml, List.of(expected));
    }
}
