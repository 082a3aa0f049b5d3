package dev.findingsresponder.response.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.findingsresponder.model.ActionRequest;
import dev.findingsresponder.model.Finding;
import dev.findingsresponder.model.Mode;
import dev.findingsresponder.response.aws.AwsClientFactory;
import dev.findingsresponder.response.aws.AwsClients;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.GroupIdentifier;
import software.amazon.awssdk.services.ec2.model.RuleAction;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.wafv2.Wafv2Client;
import software.amazon.awssdk.services.wafv2.model.IPAddressVersion;
import software.amazon.awssdk.services.wafv2.model.Scope;

/**
 * The AWS estate of the fault drill in moto (a VPC with two network ACLs and instances, an IPv4 IP set, an SNS topic
 * with an SQS queue subscribed), the action requests of one phase, and whether a request's effect is in AWS.
 */
final class DrillEstate implements AutoCloseable {

    static final String ACCOUNT = "123456789012";
    static final String REGION = "us-east-1";
    static final String ISOLATION_GROUP = "findings-responder-isolation";

    private final Ec2Client ec2;
    private final Wafv2Client waf;
    private final SqsClient sqs;
    private final String subnetId;
    private final List<String> naclIds;
    private final String ipSetName;
    private final String ipSetId;
    private final String topicArn;
    private final String queueUrl;
    private final List<String> snsBodies = new ArrayList<>();

    DrillEstate(AwsClients clients, AwsClientFactory factory) {
        ec2 = clients.ec2(ACCOUNT, REGION);
        waf = clients.waf(ACCOUNT, REGION);
        SnsClient sns = clients.sns(ACCOUNT, REGION);
        sqs = factory.configure(SqsClient.builder()).build();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String vpcId = ec2.createVpc(r -> r.cidrBlock("10.40.0.0/16")).vpc().vpcId();
        subnetId = ec2.createSubnet(r -> r.vpcId(vpcId).cidrBlock("10.40.1.0/24")).subnet().subnetId();
        naclIds = List.of(nacl(vpcId), nacl(vpcId));
        ipSetName = "drill-v4-" + suffix;
        ipSetId = waf.createIPSet(r -> r.name(ipSetName).scope(Scope.REGIONAL)
                .ipAddressVersion(IPAddressVersion.IPV4).addresses(List.of()).description("fault drill")).summary().id();
        topicArn = sns.createTopic(r -> r.name("drill-" + suffix)).topicArn();
        queueUrl = sqs.createQueue(r -> r.queueName("drill-" + suffix)).queueUrl();
        String queueArn = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        sns.subscribe(r -> r.topicArn(topicArn).protocol("sqs").endpoint(queueArn));
    }

    /**
     * {@code perAction} requests of each of nacl-deny, waf-block, sns-notify and isolate-instance, with addresses and
     * instances of their own in phase {@code phase} (0 or 1).
     */
    List<ActionRequest> requests(int phase, int perAction) {
        List<String> instances = ec2.runInstances(r -> r.imageId("ami-12c6146b").minCount(perAction).maxCount(perAction)
                .subnetId(subnetId)).instances().stream().map(i -> i.instanceId()).toList();
        List<ActionRequest> requests = new ArrayList<>();
        for (int i = 0; i < perAction; i++) {
            int host = 10 + phase * 100 + i;
            String naclId = naclIds.get(i % naclIds.size());
            requests.add(request("nacl-deny", Map.of("nacl-id", naclId), new ActionRequest.Target(
                    "nacl:" + ACCOUNT + ":" + REGION, ACCOUNT, REGION, "network-acl", naclId, "198.51.100." + host)));
            requests.add(request("waf-block", Map.of("ip-set-v4", ipSetName, "scope", "REGIONAL"), new ActionRequest.Target(
                    "waf:" + ACCOUNT + ":" + REGION + ":REGIONAL:" + ipSetName, ACCOUNT, REGION, "waf-ip-set", ipSetName,
                    "203.0.113." + host)));
            requests.add(request("sns-notify", Map.of("topic-arn", topicArn, "priority", "high"), new ActionRequest.Target(
                    "sns:" + topicArn, ACCOUNT, REGION, "sns-topic", topicArn, null)));
            String instance = instances.get(i);
            requests.add(request("isolate-instance", Map.of(), new ActionRequest.Target(
                    "ec2:" + ACCOUNT + ":" + REGION + ":" + instance, ACCOUNT, REGION, "ec2-instance", instance, null)));
        }
        return requests;
    }

    /** Whether what {@code request} asked for is in AWS now (read with faults off). */
    boolean effectPresent(ActionRequest request) {
        ActionRequest.Target target = request.target();
        return switch (request.action()) {
            case "nacl-deny" -> ec2.describeNetworkAcls(r -> r.networkAclIds(target.resourceId())).networkAcls().get(0)
                    .entries().stream().anyMatch(e -> !e.egress() && e.ruleAction() == RuleAction.DENY
                            && (target.address() + "/32").equals(e.cidrBlock()));
            case "waf-block" -> waf.getIPSet(r -> r.name(ipSetName).id(ipSetId).scope(Scope.REGIONAL)).ipSet()
                    .addresses().contains(target.address() + "/32");
            case "sns-notify" -> snsBodies().stream().anyMatch(body -> body.contains(request.requestId()));
            case "isolate-instance" -> ec2.describeNetworkInterfaces(r -> r.filters(Filter.builder()
                            .name("attachment.instance-id").values(target.resourceId()).build())).networkInterfaces()
                    .stream().allMatch(eni -> eni.groups().stream().map(GroupIdentifier::groupName).toList()
                            .equals(List.of(ISOLATION_GROUP)));
            default -> throw new IllegalArgumentException("no effect check for " + request.action());
        };
    }

    /** Every message delivered to the topic's queue so far (moto delivers when Publish answers). */
    private List<String> snsBodies() {
        for (int empty = 0; empty < 2; ) {
            var messages = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(0))
                    .messages();
            empty = messages.isEmpty() ? empty + 1 : 0;
            messages.forEach(m -> snsBodies.add(m.body()));
        }
        return snsBodies;
    }

    private String nacl(String vpcId) {
        return ec2.createNetworkAcl(r -> r.vpcId(vpcId)).networkAcl().networkAclId();
    }

    private static ActionRequest request(String action, Map<String, Object> params, ActionRequest.Target target) {
        return new ActionRequest("drill-" + action + "-" + UUID.randomUUID(), action, params, target, Mode.ENFORCE,
                Duration.ofHours(1), "fault-drill", "AWS fault drill", Instant.now(), finding(), null);
    }

    private static Finding finding() {
        Instant now = Instant.now();
        return new Finding("guardduty:" + ACCOUNT + ":" + REGION + ":drill", "drill", null, null,
                "UnauthorizedAccess:EC2/SSHBruteForce", List.of(), "AWS fault drill", null, ACCOUNT, REGION, "aws",
                now, now, now, now, 1, null, null, List.of(), List.of(), null, null, "TARGET", List.of(), List.of(),
                null, null);
    }

    @Override
    public void close() {
        sqs.close();
    }
}
