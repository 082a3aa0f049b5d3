package dev.findingsresponder.response.action;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.findingsresponder.model.ActionRequest;
import dev.findingsresponder.model.ActionResult.Outcome;
import dev.findingsresponder.model.action.ActionCatalog;
import dev.findingsresponder.response.aws.AwsClients;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.GroupIdentifier;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.NetworkInterface;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * {@code isolate-instance}: moves every network interface of the finding's instance to an isolation security
 * group of its VPC (created when missing, found by name and VPC id) that has no inbound rules and no outbound
 * rules: its default egress rule is revoked, and any egress rule found on it later is revoked again. Inbound
 * rules an operator adds to it (forensic access) are left alone and reported. Only a group we created (tagged
 * {@code findings-responder:isolation=true} on creation) is used or changed: a group of that name without the
 * tag (the VPC's "default", someone's own group) fails the request and is never touched.
 *
 * <p>Before moving anything it records each interface's groups on the instance ({@link PreviousGroupsTag}) and
 * tags {@code findings-responder:isolated-by} with the finding id. A repeat finds the interfaces isolated and
 * answers ALREADY_APPLIED without touching the saved groups; a run cut short is completed without overwriting
 * them. Undo restores each interface's groups from the tags and removes the tags.
 *
 * <p>A security-group change does not cut connections the old groups already track; pair it with
 * {@code nacl-deny} to cut an attacker's live session.
 */
public class IsolateInstanceAction implements ResponseAction {

    static final String ISOLATED_BY = "findings-responder:isolated-by";
    /** Tag put on an isolation group when we create it; a group without it is not ours to change. */
    static final String ISOLATION_GROUP_TAG = "findings-responder:isolation";
    /** Used when the playbook names no group (the catalog declares no default for it). */
    static final String DEFAULT_GROUP_NAME = "findings-responder-isolation";

    @Override
    public String name() {
        return ActionCatalog.ISOLATE_INSTANCE;
    }

    @Override
    public List<String> permissions() {
        return List.of("ec2:DescribeInstances", "ec2:DescribeSecurityGroups", "ec2:CreateSecurityGroup",
                "ec2:RevokeSecurityGroupEgress", "ec2:ModifyNetworkInterfaceAttribute", "ec2:CreateTags",
                "ec2:DeleteTags", "ec2:DescribeNetworkInterfaces");
    }

    @Override
    public Reversibility reversibility() {
        return Reversibility.by("restores each network interface's previous security groups from the instance's"
                + " findings-responder:previous-groups tags, then removes the tags");
    }

    @Override
    public ActionOutcome execute(ActionRequest request, AwsClients clients) {
        String instanceId = instanceId(request);
        if (instanceId == null) {
            return new ActionOutcome(Outcome.FAILED, "the finding names no EC2 instance", List.of(), Map.of());
        }
        Object named = request.params().get("isolation-group-name");
        String groupName = named == null ? DEFAULT_GROUP_NAME : named.toString();
        Ec2Client ec2 = clients.ec2(request.target().account(), request.target().region());
        AwsCallLog calls = new AwsCallLog();
        Map<String, String> facts = new LinkedHashMap<>(Map.of("instanceId", instanceId));
        try {
            Optional<Instance> instance = describe(ec2, calls, instanceId);
            Optional<String> unusable = unusable(instance, instanceId);
            if (unusable.isPresent()) {
                return calls.outcome(Outcome.FAILED, unusable.get(), facts);
            }
            Map<String, String> tags = tags(instance.get());
            Optional<Map<String, List<String>>> saved = PreviousGroupsTag.decode(tags);
            if (saved.isEmpty()) {
                return calls.outcome(Outcome.FAILED, "tag " + PreviousGroupsTag.KEY + " of " + instanceId
                        + " is unreadable (edited by hand?): not isolating over it", facts);
            }
            List<NetworkInterface> interfaces = interfaces(ec2, calls, instanceId);
            if (interfaces.isEmpty()) {
                return calls.outcome(Outcome.FAILED, instanceId + " has no network interface attached", facts);
            }
            IsolationGroups isolation = new IsolationGroups(ec2, calls, groupName);
            Map<String, List<String>> previous = new LinkedHashMap<>(saved.get());
            Map<String, String> toMove = new LinkedHashMap<>();
            for (NetworkInterface eni : interfaces) {
                String groupId = isolation.forVpc(eni.vpcId());
                List<String> current = groupIds(eni);
                if (!current.equals(List.of(groupId))) {
                    previous.putIfAbsent(eni.networkInterfaceId(), current);
                    toMove.put(eni.networkInterfaceId(), groupId);
                }
            }
            facts.put("isolationGroups", isolation.describe());
            facts.put("previousGroups", PreviousGroupsTag.text(previous));
            if (toMove.isEmpty()) {
                return calls.outcome(Outcome.ALREADY_APPLIED, instanceId + " is already isolated in "
                        + isolation.describe() + isolation.warnings(), facts);
            }
            // groups are saved before any interface moves, so a run cut short never loses them
            if (!previous.equals(saved.get()) || !tags.containsKey(ISOLATED_BY)) {
                Map<String, String> newTags = new LinkedHashMap<>(PreviousGroupsTag.encode(previous));
                String by = request.finding() == null ? "request " + request.requestId() : request.finding().id();
                newTags.put(ISOLATED_BY, tags.getOrDefault(ISOLATED_BY, NotificationText.prefix(by, PreviousGroupsTag.MAX_VALUE)));
                calls.add(ec2.createTags(r -> r.resources(instanceId).tags(newTags.entrySet().stream()
                        .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList())));
            }
            toMove.forEach((eni, groupId) -> calls.add(
                    ec2.modifyNetworkInterfaceAttribute(r -> r.networkInterfaceId(eni).groups(groupId))));
            facts.put("movedInterfaces", String.join(",", toMove.keySet()));
            return calls.outcome(Outcome.APPLIED, "isolated " + instanceId + ": moved " + String.join(", ", toMove.keySet())
                    + " to " + isolation.describe() + "; previous groups saved in tag " + PreviousGroupsTag.KEY
                    + ". Connections already tracked may persist: nacl-deny cuts them" + isolation.warnings(), facts);
        } catch (NotOurGroupException e) {
            return calls.outcome(Outcome.FAILED, e.getMessage(), facts);
        } catch (Ec2Exception e) {
            return calls.failedOrThrow(e, "isolating " + instanceId, facts);
        }
    }

    @Override
    public ActionOutcome undo(ActionRequest request, AwsClients clients) {
        String instanceId = instanceId(request);
        if (instanceId == null) {
            return new ActionOutcome(Outcome.FAILED, "the finding names no EC2 instance", List.of(), Map.of());
        }
        Ec2Client ec2 = clients.ec2(request.target().account(), request.target().region());
        AwsCallLog calls = new AwsCallLog();
        Map<String, String> facts = new LinkedHashMap<>(Map.of("instanceId", instanceId));
        try {
            Optional<Instance> instance = describe(ec2, calls, instanceId);
            if (instance.isEmpty()) {
                return calls.outcome(Outcome.FAILED, "instance " + instanceId + " not found", facts);
            }
            Map<String, String> tags = tags(instance.get());
            Optional<Map<String, List<String>>> saved = PreviousGroupsTag.decode(tags);
            if (saved.isEmpty()) {
                return calls.outcome(Outcome.FAILED, "tag " + PreviousGroupsTag.KEY + " of " + instanceId
                        + " is unreadable (edited by hand?): restore the groups by hand", facts);
            }
            if (saved.get().isEmpty()) {
                // undo is idempotent: like execute's repeat, an undo that already happened answers ALREADY_APPLIED
                return calls.outcome(Outcome.ALREADY_APPLIED, instanceId + " is not isolated by us: nothing to restore",
                        facts);
            }
            List<String> restored = new ArrayList<>();
            for (NetworkInterface eni : interfaces(ec2, calls, instanceId)) {
                List<String> groups = saved.get().get(eni.networkInterfaceId());
                if (groups != null && !groups.equals(groupIds(eni))) {
                    calls.add(ec2.modifyNetworkInterfaceAttribute(r -> r.networkInterfaceId(eni.networkInterfaceId())
                            .groups(groups)));
                    restored.add(eni.networkInterfaceId() + "=" + String.join(",", groups));
                }
            }
            List<String> keys = new ArrayList<>(PreviousGroupsTag.keysPresent(tags));
            keys.add(ISOLATED_BY);
            calls.add(ec2.deleteTags(r -> r.resources(instanceId)
                    .tags(keys.stream().map(k -> Tag.builder().key(k).build()).toList())));
            facts.put("restoredGroups", String.join(";", restored));
            return calls.outcome(Outcome.REMOVED, "restored the security groups of " + instanceId
                    + (restored.isEmpty() ? " (they were already in place)" : ": " + String.join("; ", restored))
                    + "; isolation tags removed", facts);
        } catch (Ec2Exception e) {
            return calls.failedOrThrow(e, "restoring " + instanceId, facts);
        }
    }

    private static String instanceId(ActionRequest request) {
        if (request.finding() != null && request.finding().resource() != null
                && request.finding().resource().instanceId() != null) {
            return request.finding().resource().instanceId();
        }
        String id = request.target() == null ? null : request.target().resourceId();
        return id != null && id.startsWith("i-") ? id : null;
    }

    private static Optional<Instance> describe(Ec2Client ec2, AwsCallLog calls, String instanceId) {
        return calls.add(ec2.describeInstances(r -> r.instanceIds(instanceId))).reservations().stream()
                .flatMap(r -> r.instances().stream()).findFirst();
    }

    private static Optional<String> unusable(Optional<Instance> instance, String instanceId) {
        if (instance.isEmpty()) {
            return Optional.of("instance " + instanceId + " not found");
        }
        InstanceStateName state = instance.get().state() == null ? null : instance.get().state().name();
        return state == InstanceStateName.TERMINATED || state == InstanceStateName.SHUTTING_DOWN
                ? Optional.of("instance " + instanceId + " is " + state + ": nothing to isolate")
                : Optional.empty();
    }

    private static Map<String, String> tags(Instance instance) {
        return instance.tags().stream()
                .collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> a, LinkedHashMap::new));
    }

    private static List<NetworkInterface> interfaces(Ec2Client ec2, AwsCallLog calls, String instanceId) {
        return calls.add(ec2.describeNetworkInterfaces(r -> r.filters(
                Filter.builder().name("attachment.instance-id").values(instanceId).build()))).networkInterfaces();
    }

    private static List<String> groupIds(NetworkInterface eni) {
        return eni.groups().stream().map(GroupIdentifier::groupId).toList();
    }

    /** The isolation group of each VPC met, created and emptied of egress rules on first use. */
    private static final class IsolationGroups {
        /** Revokes of the group's egress rules, each after a fresh read, when another writer races us. */
        private static final int MAX_REVOKE_ATTEMPTS = 3;

        private final Ec2Client ec2;
        private final AwsCallLog calls;
        private final String name;
        private final Map<String, String> byVpc = new LinkedHashMap<>();
        private final List<String> warnings = new ArrayList<>();

        IsolationGroups(Ec2Client ec2, AwsCallLog calls, String name) {
            this.ec2 = ec2;
            this.calls = calls;
            this.name = name;
        }

        String forVpc(String vpcId) {
            return byVpc.computeIfAbsent(vpcId, this::ensure);
        }

        private String ensure(String vpcId) {
            SecurityGroup group = find(vpcId).orElseGet(() -> create(vpcId));
            for (int attempt = 1; !group.ipPermissionsEgress().isEmpty(); attempt++) {
                SecurityGroup read = group;
                try {
                    calls.add(ec2.revokeSecurityGroupEgress(r -> r.groupId(read.groupId())
                            .ipPermissions(read.ipPermissionsEgress())));
                    break;
                } catch (Ec2Exception e) {
                    // another request isolating an instance of the same VPC revoked (some of) them first
                    if (!"InvalidPermission.NotFound".equals(AwsCallLog.code(e)) || attempt >= MAX_REVOKE_ATTEMPTS) {
                        throw e;
                    }
                    calls.add(e);
                    group = find(vpcId).orElseThrow(() -> e);
                }
            }
            if (!group.ipPermissions().isEmpty()) {
                warnings.add(group.groupId() + " has " + group.ipPermissions().size()
                        + " inbound rule(s) someone added (left in place)");
            }
            return group.groupId();
        }

        private Optional<SecurityGroup> find(String vpcId) {
            Optional<SecurityGroup> found = calls.add(ec2.describeSecurityGroups(r -> r.filters(
                    Filter.builder().name("group-name").values(name).build(),
                    Filter.builder().name("vpc-id").values(vpcId).build()))).securityGroups().stream().findFirst();
            found.filter(g -> g.tags().stream().noneMatch(t -> ISOLATION_GROUP_TAG.equals(t.key())
                    && "true".equals(t.value()))).ifPresent(g -> {
                        throw new NotOurGroupException("security group " + g.groupId() + " (" + name + ") in " + vpcId
                                + " was not created by findings-responder (no tag " + ISOLATION_GROUP_TAG
                                + "=true): refusing to use it or change its rules; name another isolation group");
                    });
            return found;
        }

        private SecurityGroup create(String vpcId) {
            try {
                calls.add(ec2.createSecurityGroup(r -> r.groupName(name).vpcId(vpcId).description(
                        "findings-responder isolation: no inbound and no outbound rules").tagSpecifications(
                        t -> t.resourceType(ResourceType.SECURITY_GROUP).tags(Tag.builder().key(ISOLATION_GROUP_TAG)
                                .value("true").build()))));
            } catch (Ec2Exception e) {
                // another request isolating an instance of the same VPC created it first
                if (!"InvalidGroup.Duplicate".equals(AwsCallLog.code(e))) {
                    throw e;
                }
            }
            return find(vpcId).orElseThrow(() -> new IllegalStateException(
                    "security group " + name + " not found in " + vpcId + " right after creating it"));
        }

        String describe() {
            return byVpc.entrySet().stream().map(e -> e.getValue() + " (" + name + " in " + e.getKey() + ")")
                    .collect(Collectors.joining(", "));
        }


        String warnings() {
            return warnings.isEmpty() ? "" : "; warning: " + String.join("; ", warnings);
        }
    }

    /** A group of the isolation group's name exists but was not created by us: the request fails, nothing moves. */
    private static final class NotOurGroupException extends RuntimeException {
        NotOurGroupException(String message) {
            super(message);
        }
    }
}
