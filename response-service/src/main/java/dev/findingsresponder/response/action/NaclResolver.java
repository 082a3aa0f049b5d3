package dev.findingsresponder.response.action;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.findingsresponder.model.ActionRequest;
import dev.findingsresponder.model.Finding;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.NetworkAcl;
import software.amazon.awssdk.services.ec2.model.Reservation;

/**
 * Finds the NACL a {@code nacl-deny} request writes to, in this order: the {@code nacl-id} parameter (or an
 * {@code acl-} target); the NACL associated with the finding's subnet (target {@code subnet-}, the
 * resource's subnet, its interfaces' subnets); the subnet of the finding's instance (DescribeInstances).
 * "Associated" is read from the NACL's associations: a subnet without an explicit association is listed under
 * the VPC's default NACL, so that is the one found for it. A VPC alone is never enough: its default NACL may guard
 * other subnets than the affected one, so with no NACL named and no subnet known the request fails.
 */
final class NaclResolver {

    /** The NACL found and how, for the detail ("NACL of subnet subnet-1"). */
    record Resolved(NetworkAcl acl, String how) {
    }

    private final Ec2Client ec2;
    private final AwsCallLog log;
    /** What was looked at without success, for the FAILED detail. */
    private final List<String> tried = new ArrayList<>();

    NaclResolver(Ec2Client ec2, AwsCallLog log) {
        this.ec2 = ec2;
        this.log = log;
    }

    List<String> tried() {
        return List.copyOf(tried);
    }

    /** The NACL, or empty (see {@link #tried}); AWS errors propagate. */
    Optional<Resolved> resolve(ActionRequest request) {
        ActionRequest.Target target = request.target();
        String resourceId = target.resourceId() == null ? "" : target.resourceId();
        Object param = request.params().get("nacl-id");
        String naclId = param != null ? param.toString() : resourceId.startsWith("acl-") ? resourceId : null;
        if (naclId != null) {
            Optional<Resolved> byId = first(byId(naclId), "NACL " + naclId + (param != null ? " (parameter nacl-id)" : " (target)"));
            if (byId.isEmpty()) {
                tried.add("NACL " + naclId + " does not exist");
            }
            return byId; // an explicit NACL never falls back to another one
        }
        Finding.Resource resource = request.finding() == null ? null : request.finding().resource();
        Set<String> subnets = new LinkedHashSet<>();
        Set<String> vpcs = new LinkedHashSet<>();
        collect(resourceId, subnets, vpcs);
        if (resource != null) {
            add(subnets, resource.subnetId());
            resource.networkInterfaces().forEach(n -> add(subnets, n.subnetId()));
            add(vpcs, resource.vpcId());
            resource.networkInterfaces().forEach(n -> add(vpcs, n.vpcId()));
        }
        Optional<Resolved> found = bySubnets(subnets, "");
        if (found.isPresent()) {
            return found;
        }
        String instanceId = resource != null && resource.instanceId() != null ? resource.instanceId()
                : resourceId.startsWith("i-") ? resourceId : null;
        if (instanceId != null) {
            Set<String> instanceSubnets = new LinkedHashSet<>();
            for (Instance instance : instance(instanceId)) {
                add(instanceSubnets, instance.subnetId());
                instance.networkInterfaces().forEach(n -> add(instanceSubnets, n.subnetId()));
                add(vpcs, instance.vpcId());
            }
            instanceSubnets.removeAll(subnets);
            found = bySubnets(instanceSubnets, " of instance " + instanceId);
            if (found.isPresent()) {
                return found;
            }
        }
        if (subnets.isEmpty() && !vpcs.isEmpty() && tried.stream().noneMatch(t -> t.startsWith("subnet "))) {
            tried.add("no subnet is known, only VPC " + String.join(", ", vpcs) + ": its default NACL is not"
                    + " necessarily the one of the affected subnet, so it is not used; name the NACL (nacl-id)");
        }
        if (subnets.isEmpty() && vpcs.isEmpty() && instanceId == null) {
            tried.add("the request names no NACL, subnet, instance or VPC");
        }
        return Optional.empty();
    }

    private Optional<Resolved> bySubnets(Set<String> subnets, String suffix) {
        for (String subnet : subnets) {
            Optional<Resolved> found = first(describe(Filter.builder().name("association.subnet-id").values(subnet)
                    .build()).stream().filter(acl -> acl.associations().stream()
                    .anyMatch(a -> subnet.equals(a.subnetId()))).toList(), "NACL of subnet " + subnet + suffix);
            if (found.isPresent()) {
                return found;
            }
            tried.add("subnet " + subnet + suffix + " (no associated NACL)");
        }
        return Optional.empty();
    }

    private List<Instance> instance(String instanceId) {
        try {
            return log.add(ec2.describeInstances(r -> r.instanceIds(instanceId))).reservations().stream()
                    .map(Reservation::instances).flatMap(List::stream).toList();
        } catch (AwsServiceException e) {
            log.add(e);
            if (AwsCallLog.retryable(e)) {
                throw e;
            }
            // a terminated or unknown instance: the VPC may still be known from the finding
            tried.add("instance " + instanceId + " (" + AwsCallLog.code(e) + ")");
            return List.of();
        }
    }

    /**
     * What {@link #resolve} reads from a request: two requests with the same inputs resolve to the same NACL, so
     * a batch resolves each distinct input once. An explicit NACL id is the only input that counts when given.
     */
    static String inputs(ActionRequest request) {
        ActionRequest.Target target = request.target();
        String resourceId = target.resourceId() == null ? "" : target.resourceId();
        Object param = request.params().get("nacl-id");
        String where = target.account() + "|" + target.region() + "|";
        if (param != null || resourceId.startsWith("acl-")) {
            return where + (param != null ? "acl-param|" + param : "acl-target|" + resourceId);
        }
        Finding.Resource resource = request.finding() == null ? null : request.finding().resource();
        StringBuilder key = new StringBuilder(where).append("find|").append(resourceId);
        if (resource != null) {
            key.append('|').append(resource.subnetId()).append('|').append(resource.vpcId()).append('|')
                    .append(resource.instanceId());
            resource.networkInterfaces().forEach(n -> key.append('|').append(n.subnetId()).append('/')
                    .append(n.vpcId()));
        }
        return key.toString();
    }

    /** The NACL with this id; none when AWS says it does not exist (moto says so with a route-table code). */
    List<NetworkAcl> byId(String naclId) {
        try {
            return log.add(ec2.describeNetworkAcls(r -> r.networkAclIds(naclId))).networkAcls();
        } catch (AwsServiceException e) {
            if (AwsCallLog.retryable(e) || !AwsCallLog.code(e).endsWith(".NotFound")) {
                throw e;
            }
            log.add(e);
            return List.of();
        }
    }

    private List<NetworkAcl> describe(Filter... filters) {
        return log.add(ec2.describeNetworkAcls(r -> r.filters(filters))).networkAcls();
    }

    private static Optional<Resolved> first(List<NetworkAcl> acls, String how) {
        return acls.stream().findFirst().map(acl -> new Resolved(acl, how));
    }

    private static void collect(String resourceId, Set<String> subnets, Set<String> vpcs) {
        if (resourceId.startsWith("subnet-")) {
            subnets.add(resourceId);
        } else if (resourceId.startsWith("vpc-")) {
            vpcs.add(resourceId);
        }
    }

    private static void add(Set<String> ids, String id) {
        if (id != null && !id.isBlank()) {
            ids.add(id);
        }
    }
}
