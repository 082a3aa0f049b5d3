package dev.findingsresponder.e2e;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.findingsresponder.model.FindingCodec;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.NetworkAclEntry;
import software.amazon.awssdk.services.ec2.model.RuleAction;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.wafv2.model.IPSetSummary;
import software.amazon.awssdk.services.wafv2.model.Scope;

/** Reads back what the responder did to the demo estate: NACL denies, IP set contents, notifications, isolation. */
public final class AwsState {

    /** An SNS notification as its SQS subscriber received it. */
    public record Notification(String topicArn, String subject, Map<String, String> attributes, String message) {
    }

    /** One instance's security groups and the tags the responder puts on it. */
    public record InstanceView(String instanceId, List<String> securityGroups, Map<String, String> tags) {
    }

    private final Aws aws;
    private final DemoEstate estate;

    public AwsState(Aws aws, DemoEstate estate) {
        this.aws = aws;
        this.estate = estate;
    }

    /** Inbound DENY entries per NACL role, as {@code rule cidr}. */
    public Map<String, List<String>> naclDenies() {
        Map<String, List<String>> denies = new LinkedHashMap<>();
        estate.nacls().forEach((role, naclId) -> {
            List<String> entries = new ArrayList<>();
            for (NetworkAclEntry e : aws.ec2.describeNetworkAcls(r -> r.networkAclIds(naclId)).networkAcls().get(0)
                    .entries()) {
                if (!Boolean.TRUE.equals(e.egress()) && e.ruleAction() == RuleAction.DENY && e.ruleNumber() < 32767) {
                    entries.add(e.ruleNumber() + " " + (e.cidrBlock() != null ? e.cidrBlock() : e.ipv6CidrBlock()));
                }
            }
            denies.put(role + " (" + naclId + ")", entries);
        });
        return denies;
    }

    /** Addresses in each of the estate's IP sets. */
    public Map<String, List<String>> ipSets() {
        Map<String, List<String>> sets = new LinkedHashMap<>();
        for (IPSetSummary summary : aws.waf.listIPSets(r -> r.scope(Scope.REGIONAL).limit(100)).ipSets()) {
            if (summary.name().equals(estate.ipSetV4()) || summary.name().equals(estate.ipSetV6())) {
                sets.put(summary.name(), aws.waf.getIPSet(r -> r.name(summary.name()).id(summary.id())
                        .scope(Scope.REGIONAL)).ipSet().addresses());
            }
        }
        return sets;
    }

    /** Notifications waiting in the subscribed queues; they are deleted once read. */
    public List<Notification> drainNotifications() {
        List<Notification> all = new ArrayList<>();
        estate.queueUrls().forEach((topic, url) -> {
            for (int round = 0; round < 20; round++) {
                List<Message> messages = aws.sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10)
                        .waitTimeSeconds(0)).messages();
                if (messages.isEmpty()) {
                    break;
                }
                List<DeleteMessageBatchRequestEntry> read = new ArrayList<>();
                for (Message m : messages) {
                    all.add(parse(topic, m.body()));
                    read.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(read.size()))
                            .receiptHandle(m.receiptHandle()).build());
                }
                // one call per 10 read: the 100,000-finding reliability run spent most of its accounting here
                aws.sqs.deleteMessageBatch(r -> r.queueUrl(url).entries(read));
            }
        });
        return all;
    }

    /** The estate's instances: security groups and tags. */
    public List<InstanceView> instances() {
        List<InstanceView> views = new ArrayList<>();
        for (String id : estate.instances().values()) {
            Instance i = aws.ec2.describeInstances(r -> r.instanceIds(id)).reservations().get(0).instances().get(0);
            Map<String, String> tags = new LinkedHashMap<>();
            i.tags().forEach(t -> tags.put(t.key(), t.value()));
            // the groups of its network interfaces: isolation moves those
            views.add(new InstanceView(id, i.networkInterfaces().stream().flatMap(n -> n.groups().stream())
                    .map(g -> g.groupName() + " " + g.groupId()).distinct().toList(), tags));
        }
        return views;
    }

    private static Notification parse(String topic, String body) {
        try {
            JsonNode envelope = FindingCodec.mapper().readTree(body);
            Map<String, String> attributes = new LinkedHashMap<>();
            envelope.path("MessageAttributes").properties()
                    .forEach(e -> attributes.put(e.getKey(), e.getValue().path("Value").asText()));
            return new Notification(topic, envelope.path("Subject").asText(null), attributes,
                    envelope.path("Message").asText(body));
        } catch (Exception e) {
            return new Notification(topic, null, Map.of(), body);
        }
    }
}
