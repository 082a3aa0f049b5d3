package dev.findingsresponder.model.decode;

import com.fasterxml.jackson.databind.JsonNode;
import dev.findingsresponder.model.Finding;
import java.util.ArrayList;
import java.util.List;

/** Reads a GuardDuty {@code resource} object into the canonical resource. */
final class GuardDutyResources {

    private GuardDutyResources() {
    }

    static Finding.Resource extract(JsonNode resource, String account, String region, String partition) {
        ResourceDraft r = new ResourceDraft();
        r.type = Json.text(resource, "resourceType");
        r.region = region;

        JsonNode instance = Json.objOrNull(resource, "instanceDetails");
        if (instance != null) {
            readInstance(instance, r);
        }
        JsonNode key = Json.objOrNull(resource, "accessKeyDetails");
        if (key != null) {
            r.accessKeyId = Json.text(key, "accessKeyId");
            r.principal = Arns.firstNonBlank(Json.text(key, "userName"), Json.text(key, "principalId"));
        }
        String typeId = null;
        String typeArn = null;
        JsonNode buckets = Json.arrOrNull(resource, "s3BucketDetails");
        JsonNode bucket = buckets != null && !buckets.isEmpty() ? buckets.get(0) : null;
        JsonNode eks = Json.objOrNull(resource, "eksClusterDetails");
        JsonNode rds = Json.objOrNull(resource, "rdsDbInstanceDetails");
        JsonNode lambda = Json.objOrNull(resource, "lambdaDetails");
        JsonNode ecs = Json.objOrNull(resource, "ecsClusterDetails");
        JsonNode container = Json.objOrNull(resource, "containerDetails");
        String type = r.type == null ? "" : r.type;
        switch (type) {
            case "Instance" -> typeId = r.instanceId;
            case "AccessKey" -> typeId = r.accessKeyId;
            case "S3Bucket" -> {
                if (bucket != null) {
                    r.name = Json.text(bucket, "name");
                    typeArn = Json.text(bucket, "arn");
                    typeId = Arns.firstNonBlank(typeArn, r.name);
                    r.tags = null;
                    readTagList(Json.arrOrNull(bucket, "tags"), "key", "value", r);
                }
            }
            case "EKSCluster" -> {
                if (eks != null) {
                    r.name = Json.text(eks, "name");
                    typeArn = Json.text(eks, "arn");
                    typeId = Arns.firstNonBlank(typeArn, r.name);
                    r.vpcId = Arns.firstNonBlank(Json.text(eks, "vpcId"), r.vpcId);
                    readTagList(Json.arrOrNull(eks, "tags"), "key", "value", r);
                }
            }
            case "RDSDBInstance" -> {
                if (rds != null) {
                    r.name = Json.text(rds, "dbInstanceIdentifier");
                    typeArn = Json.text(rds, "dbInstanceArn");
                    typeId = Arns.firstNonBlank(typeArn, r.name);
                    readTagList(Json.arrOrNull(rds, "tags"), "key", "value", r);
                }
            }
            case "Lambda" -> {
                if (lambda != null) {
                    readLambda(lambda, r);
                    typeId = r.functionArn;
                    typeArn = r.functionArn;
                }
            }
            case "ECSCluster" -> {
                if (ecs != null) {
                    r.name = Json.text(ecs, "name");
                    typeArn = Json.text(ecs, "arn");
                    typeId = Arns.firstNonBlank(typeArn, r.name);
                }
            }
            case "Container" -> {
                if (container != null) {
                    r.name = Json.text(container, "name");
                    typeId = Json.text(container, "id");
                }
            }
            default -> {
                // other resource types: fall back below
            }
        }
        r.id = Arns.firstNonBlank(typeId, r.instanceId, r.accessKeyId, r.principal, r.type);
        if (typeArn != null) {
            r.arn = typeArn;
        } else if (r.instanceId != null && r.instanceId.equals(r.id) && account != null) {
            r.arn = "arn:" + (partition == null ? "aws" : partition) + ":ec2:" + region + ":" + account + ":instance/"
                    + r.instanceId;
        }
        return r.build();
    }

    private static void readInstance(JsonNode instance, ResourceDraft r) {
        r.instanceId = Json.text(instance, "instanceId");
        r.instanceType = Json.text(instance, "instanceType");
        r.imageId = Json.text(instance, "imageId");
        readTagList(Json.arrOrNull(instance, "tags"), "key", "value", r);
        JsonNode nics = Json.arrOrNull(instance, "networkInterfaces");
        if (nics == null) {
            return;
        }
        for (JsonNode nic : nics) {
            List<String> nicPrivate = new ArrayList<>(1);
            List<String> nicPublic = new ArrayList<>(1);
            addUnique(nicPrivate, Json.text(nic, "privateIpAddress"));
            JsonNode privs = Json.arrOrNull(nic, "privateIpAddresses");
            if (privs != null) {
                for (JsonNode p : privs) {
                    addUnique(nicPrivate, Json.text(p, "privateIpAddress"));
                }
            }
            addUnique(nicPublic, Json.text(nic, "publicIp"));
            for (String v6 : Json.texts(nic, "ipv6Addresses")) {
                addUnique(IpAddresses.isPrivate(v6) ? nicPrivate : nicPublic, v6);
            }
            List<Finding.SecurityGroup> groups = new ArrayList<>(1);
            JsonNode sgs = Json.arrOrNull(nic, "securityGroups");
            if (sgs != null) {
                for (JsonNode sg : sgs) {
                    groups.add(new Finding.SecurityGroup(Json.text(sg, "groupId"), Json.text(sg, "groupName")));
                }
            }
            String vpc = Json.text(nic, "vpcId");
            String subnet = Json.text(nic, "subnetId");
            r.networkInterfaces.add(new Finding.NetworkInterface(Json.text(nic, "networkInterfaceId"), vpc, subnet,
                    nicPrivate, nicPublic, groups));
            r.vpcId = r.vpcId == null ? vpc : r.vpcId;
            r.subnetId = r.subnetId == null ? subnet : r.subnetId;
            for (String ip : nicPrivate) {
                addUnique(r.privateIps, ip);
            }
            for (String ip : nicPublic) {
                addUnique(r.publicIps, ip);
            }
        }
    }

    private static void readLambda(JsonNode lambda, ResourceDraft r) {
        r.functionArn = Json.text(lambda, "functionArn");
        r.name = Json.text(lambda, "functionName");
        JsonNode vpc = Json.objOrNull(lambda, "vpcConfig");
        if (vpc != null) {
            r.vpcId = Json.text(vpc, "vpcId");
            List<String> subnets = Json.texts(vpc, "subnetIds");
            r.subnetId = subnets.isEmpty() ? null : subnets.get(0);
            List<Finding.SecurityGroup> groups = new ArrayList<>(1);
            JsonNode sgs = Json.arrOrNull(vpc, "securityGroups");
            if (sgs != null) {
                for (JsonNode sg : sgs) {
                    groups.add(new Finding.SecurityGroup(Json.text(sg, "groupId"), Json.text(sg, "groupName")));
                }
            }
            if (!groups.isEmpty()) {
                r.networkInterfaces.add(new Finding.NetworkInterface(null, r.vpcId, r.subnetId, null, null, groups));
            }
        }
        readTagList(Json.arrOrNull(lambda, "tags"), "key", "value", r);
    }

    /** Tags given as {@code [{"key": k, "value": v}]} (GuardDuty) or {@code [{"name": k, "value": v}]} (OCSF). */
    static void readTagList(JsonNode tags, String keyField, String valueField, ResourceDraft r) {
        if (tags == null) {
            return;
        }
        for (JsonNode t : tags) {
            r.tag(Json.text(t, keyField), Json.text(t, valueField));
        }
    }

    static void addUnique(List<String> list, String value) {
        if (value != null && !list.contains(value)) {
            list.add(value);
        }
    }
}
