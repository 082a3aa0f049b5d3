package dev.findingsresponder.e2e;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.NetworkAcl;
import software.amazon.awssdk.services.ec2.model.NetworkAclAssociation;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.RuleAction;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.wafv2.model.IPAddressVersion;
import software.amazon.awssdk.services.wafv2.model.IPSetSummary;
import software.amazon.awssdk.services.wafv2.model.Scope;

/**
 * Provisions the demo estate in moto, or finds it when an earlier run made it (everything is tagged or named):
 * a VPC with a web and an app subnet, each with its own network ACL that allows all traffic at rule 100 (so the
 * responder's denies at 80-99 come first), one instance per subnet, the WAF IP sets the example policy names,
 * and the SNS topics with an SQS queue subscribed to each so notifications can be read back.
 */
public final class EstateProvisioner {

    public static final String TAG = "findings-responder-demo";
    public static final String IP_SET_V4 = "blocked-ipv4";
    public static final String IP_SET_V6 = "blocked-ipv6";
    private static final String AMI = "ami-12c6146b"; // one of moto's built-in images
    private static final Map<String, String> SUBNET_CIDRS = Map.of("web", "10.20.1.0/24", "app", "10.20.2.0/24");

    private final Aws aws;
    private final String account;
    private final String region;

    public EstateProvisioner(Aws aws, String account, String region) {
        this.aws = aws;
        this.account = account;
        this.region = region;
    }

    public DemoEstate provision() {
        String vpcId = vpc();
        Map<String, String> subnets = new LinkedHashMap<>();
        Map<String, String> nacls = new LinkedHashMap<>();
        Map<String, String> instances = new LinkedHashMap<>();
        for (String role : List.of("web", "app")) {
            String subnetId = subnet(vpcId, role);
            subnets.put(role, subnetId);
            nacls.put(role, nacl(vpcId, subnetId, role));
            instances.put(role, instance(subnetId, role));
        }
        ipSet(IP_SET_V4, IPAddressVersion.IPV4);
        ipSet(IP_SET_V6, IPAddressVersion.IPV6);
        String alerts = aws.sns.createTopic(r -> r.name("security-alerts")).topicArn();
        String low = aws.sns.createTopic(r -> r.name("security-low-priority")).topicArn();
        Map<String, String> queues = new LinkedHashMap<>();
        queues.put(alerts, subscribedQueue(alerts, "demo-security-alerts"));
        queues.put(low, subscribedQueue(low, "demo-security-low-priority"));
        return new DemoEstate(account, region, vpcId, subnets, nacls, instances, IP_SET_V4, IP_SET_V6, alerts, low,
                queues);
    }

    /** The instance of {@code role} with its network placement, as a finding about it would describe it. */
    public DemoEstate.Host host(DemoEstate estate, String role) {
        Instance instance = aws.ec2.describeInstances(r -> r.instanceIds(estate.instances().get(role)))
                .reservations().get(0).instances().get(0);
        return new DemoEstate.Host(instance.instanceId(), instance.subnetId(), instance.vpcId(),
                instance.privateIpAddress());
    }

    private String vpc() {
        return aws.ec2.describeVpcs(r -> r.filters(tagged(TAG))).vpcs().stream().findFirst()
                .map(v -> v.vpcId())
                .orElseGet(() -> aws.ec2.createVpc(r -> r.cidrBlock("10.20.0.0/16")
                        .tagSpecifications(tags(ResourceType.VPC, TAG))).vpc().vpcId());
    }

    private String subnet(String vpcId, String role) {
        String name = TAG + "-" + role;
        return aws.ec2.describeSubnets(r -> r.filters(tagged(name))).subnets().stream().findFirst()
                .map(s -> s.subnetId())
                .orElseGet(() -> aws.ec2.createSubnet(r -> r.vpcId(vpcId).cidrBlock(SUBNET_CIDRS.get(role))
                        .tagSpecifications(tags(ResourceType.SUBNET, name))).subnet().subnetId());
    }

    /** The subnet's own NACL (allow all at rule 100, both directions, both IP versions), associated with it. */
    private String nacl(String vpcId, String subnetId, String role) {
        String name = TAG + "-" + role;
        List<NetworkAcl> all = aws.ec2.describeNetworkAcls(r -> r.filters(
                Filter.builder().name("vpc-id").values(vpcId).build())).networkAcls();
        Optional<NetworkAcl> ours = all.stream()
                .filter(a -> a.tags().stream().anyMatch(t -> "Name".equals(t.key()) && name.equals(t.value())))
                .findFirst();
        String naclId = ours.map(NetworkAcl::networkAclId).orElseGet(() -> {
            String id = aws.ec2.createNetworkAcl(r -> r.vpcId(vpcId)
                    .tagSpecifications(tags(ResourceType.NETWORK_ACL, name))).networkAcl().networkAclId();
            for (boolean egress : List.of(false, true)) {
                aws.ec2.createNetworkAclEntry(r -> r.networkAclId(id).ruleNumber(100).egress(egress).protocol("-1")
                        .cidrBlock("0.0.0.0/0").ruleAction(RuleAction.ALLOW));
                aws.ec2.createNetworkAclEntry(r -> r.networkAclId(id).ruleNumber(101).egress(egress).protocol("-1")
                        .ipv6CidrBlock("::/0").ruleAction(RuleAction.ALLOW));
            }
            return id;
        });
        for (NetworkAcl acl : all) {
            for (NetworkAclAssociation association : acl.associations()) {
                if (subnetId.equals(association.subnetId()) && !naclId.equals(acl.networkAclId())) {
                    aws.ec2.replaceNetworkAclAssociation(r -> r.associationId(association.networkAclAssociationId())
                            .networkAclId(naclId));
                }
            }
        }
        return naclId;
    }

    private String instance(String subnetId, String role) {
        String name = TAG + "-" + role;
        return aws.ec2.describeInstances(r -> r.filters(tagged(name))).reservations().stream()
                .flatMap(res -> res.instances().stream())
                .filter(i -> i.state() == null || i.state().name() != InstanceStateName.TERMINATED)
                .map(Instance::instanceId).findFirst()
                .orElseGet(() -> aws.ec2.runInstances(r -> r.imageId(AMI).minCount(1).maxCount(1).subnetId(subnetId)
                        .instanceType("t3.micro").tagSpecifications(tags(ResourceType.INSTANCE, name)))
                        .instances().get(0).instanceId());
    }

    private void ipSet(String name, IPAddressVersion version) {
        boolean exists = aws.waf.listIPSets(r -> r.scope(Scope.REGIONAL).limit(100)).ipSets().stream()
                .map(IPSetSummary::name).anyMatch(name::equals);
        if (!exists) {
            aws.waf.createIPSet(r -> r.name(name).scope(Scope.REGIONAL).ipAddressVersion(version)
                    .addresses(List.of()).description("addresses blocked by findings-responder (demo)"));
        }
    }

    private String subscribedQueue(String topicArn, String queueName) {
        String url = aws.sqs.createQueue(r -> r.queueName(queueName)).queueUrl();
        String arn = aws.sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        boolean subscribed = aws.sns.listSubscriptionsByTopic(r -> r.topicArn(topicArn)).subscriptions().stream()
                .anyMatch(s -> arn.equals(s.endpoint()));
        if (!subscribed) {
            aws.sns.subscribe(r -> r.topicArn(topicArn).protocol("sqs").endpoint(arn));
        }
        return url;
    }

    private static Filter tagged(String name) {
        return Filter.builder().name("tag:Name").values(name).build();
    }

    private static TagSpecification tags(ResourceType type, String name) {
        return TagSpecification.builder().resourceType(type).tags(Tag.builder().key("Name").value(name).build()).build();
    }
}
