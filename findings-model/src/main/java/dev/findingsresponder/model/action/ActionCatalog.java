package dev.findingsresponder.model.action;

import static dev.findingsresponder.model.action.ParamSpec.optional;
import static dev.findingsresponder.model.action.ParamSpec.required;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** The response actions a policy may ask for, with their parameter schemas. */
public final class ActionCatalog {

    public static final String NACL_DENY = "nacl-deny";
    public static final String WAF_BLOCK = "waf-block";
    public static final String SNS_NOTIFY = "sns-notify";
    public static final String SSM_REMEDIATE = "ssm-remediate";
    public static final String ISOLATE_INSTANCE = "isolate-instance";

    /** Placeholders an {@code ssm-remediate} parameter value may use; the response side substitutes them. */
    public static final List<String> SSM_PLACEHOLDERS = List.of(
            "resource.id", "resource.name", "resource.arn", "account", "region", "finding.id",
            "compliance.ruleName", "resource.accessKeyId", "resource.principal");

    private static final String TOPIC_ARN = "arn:aws(-[a-z]+)*:sns:[a-z]{2}(-[a-z]+)+-\\d+:\\d{12}:[A-Za-z0-9_-]{1,256}(\\.fifo)?";
    private static final String TOPIC_EXPECTED = "an SNS topic ARN (arn:aws:sns:<region>:<account>:<topic>)";
    private static final String ROLE_ARN = "arn:aws(-[a-z]+)*:iam::\\d{12}:role/[A-Za-z0-9+=,.@_/-]{1,512}";
    private static final String ROLE_EXPECTED = "an IAM role ARN (arn:aws:iam::<account>:role/<name>)";
    private static final String IP_SET_NAME = "[A-Za-z0-9_-]{1,128}";
    private static final String IP_SET_EXPECTED = "a WAF IP set name (1-128 letters, digits, '_' or '-')";

    private static final ParamSpec NOTIFY_TOPIC = optional("notify-topic-arn", ParamType.ARN,
            "SNS topic told the outcome of the action").withFormat(TOPIC_ARN, TOPIC_EXPECTED);

    private static final Map<String, ActionSchema> SCHEMAS = index(
            new ActionSchema(NACL_DENY,
                    "Deny the finding's remote addresses in the subnet's network ACL (cuts established connections)",
                    true, List.of(
                            optional("nacl-id", ParamType.STRING,
                                    "The network ACL to write; by default the one of the finding's subnet/VPC")
                                    .withFormat("acl-[0-9a-f]+", "a network ACL id like acl-0123456789abcdef0"),
                            NOTIFY_TOPIC)),
            new ActionSchema(WAF_BLOCK,
                    "Add the finding's remote addresses to WAFv2 IP sets referenced by a blocking rule",
                    true, List.of(
                            required("ip-set-v4", ParamType.STRING, "Name of the IPv4 IP set")
                                    .withFormat(IP_SET_NAME, IP_SET_EXPECTED),
                            optional("ip-set-v6", ParamType.STRING,
                                    "Name of the IPv6 IP set; without it IPv6 addresses are skipped with a reason")
                                    .withFormat(IP_SET_NAME, IP_SET_EXPECTED),
                            optional("scope", ParamType.ENUM, "Scope of the IP sets")
                                    .withAllowedValues("REGIONAL", "CLOUDFRONT").withDefault("REGIONAL"),
                            NOTIFY_TOPIC)),
            new ActionSchema(SNS_NOTIFY, "Publish the finding, its score and decision to an SNS topic",
                    false, List.of(
                            required("topic-arn", ParamType.ARN, "The topic to publish to")
                                    .withFormat(TOPIC_ARN, TOPIC_EXPECTED),
                            optional("priority", ParamType.ENUM,
                                    "Message attribute subscribers can filter on (high pages someone)")
                                    .withAllowedValues("normal", "high").withDefault("normal"),
                            optional("subject-prefix", ParamType.STRING, "Text put before the message subject")
                                    .withFormat("[\\x20-\\x7E]{1,40}",
                                            "printable ASCII text of at most 40 characters (SNS subjects are short)"))),
            new ActionSchema(SSM_REMEDIATE, "Start an SSM Automation document against the finding's resource",
                    false, List.of(
                            required("document", ParamType.STRING, "SSM Automation document name or ARN")
                                    .withFormat("[A-Za-z0-9_.:/-]{3,128}",
                                            "an SSM document name (3-128 letters, digits, '_', '-', '.', ':' or '/')"),
                            optional("parameters", ParamType.STRING_MAP,
                                    "Document parameters; values may use placeholders like {{resource.id}}")
                                    .withPlaceholders(SSM_PLACEHOLDERS),
                            optional("max-retries", ParamType.INT,
                                    "How often to retry while the resource stays non-compliant").withRange(0, 10),
                            optional("assume-role-arn", ParamType.ARN, "Role the automation runs as")
                                    .withFormat(ROLE_ARN, ROLE_EXPECTED))),
            new ActionSchema(ISOLATE_INSTANCE,
                    "Move the instance's network interfaces to an isolation security group and tag it;"
                            + " undone by an operator, not by a TTL",
                    false, List.of(
                            optional("isolation-group-name", ParamType.STRING,
                                    "Name of the isolation security group (created in the VPC when missing)")
                                    // the VPC's "default" group (and any group we did not create) is never ours
                                    .withFormat("(?!(?i:default)$)(?!(?i:sg-))[A-Za-z0-9 ._:/()#,@\\[\\]+=&;{}!$*-]{1,255}",
                                            "a security group name (1-255 letters, digits, spaces and ._-:/()#,@[]+=&;{}!$*)"
                                                    + ", not 'default' and not starting with 'sg-'"),
                            NOTIFY_TOPIC)));

    private ActionCatalog() {
    }

    public static Optional<ActionSchema> find(String name) {
        return Optional.ofNullable(name == null ? null : SCHEMAS.get(name));
    }

    /** Every action name, sorted. */
    public static Set<String> names() {
        return SCHEMAS.keySet();
    }

    /** Every schema, sorted by name. */
    public static List<ActionSchema> all() {
        return List.copyOf(SCHEMAS.values());
    }

    private static Map<String, ActionSchema> index(ActionSchema... schemas) {
        Map<String, ActionSchema> byName = new TreeMap<>();
        for (ActionSchema s : schemas) {
            byName.put(s.name(), s);
        }
        return Collections.unmodifiableMap(byName);
    }
}
