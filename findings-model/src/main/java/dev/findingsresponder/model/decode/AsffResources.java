package dev.findingsresponder.model.decode;

import com.fasterxml.jackson.databind.JsonNode;
import dev.findingsresponder.model.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads one ASFF {@code Resources[]} element. */
final class AsffResources {

    private AsffResources() {
    }

    static Finding.Resource extract(JsonNode res, String findingRegion) {
        ResourceDraft r = new ResourceDraft();
        r.type = Json.text(res, "Type");
        r.id = Json.text(res, "Id");
        r.region = Arns.firstNonBlank(Json.text(res, "Region"), findingRegion);
        if (r.id != null && r.id.startsWith("arn:")) {
            r.arn = r.id;
        }
        JsonNode tags = Json.objOrNull(res, "Tags");
        if (tags != null) {
            for (Map.Entry<String, JsonNode> e : tags.properties()) {
                r.tag(e.getKey(), Json.text(e.getValue()));
            }
        }
        JsonNode details = Json.objOrNull(res, "Details");
        String type = r.type == null ? "" : r.type;
        switch (type) {
            case "AwsEc2Instance" -> ec2(Json.objOrNull(details, "AwsEc2Instance"), r);
            case "AwsEcrContainerImage" -> {
                JsonNode img = Json.objOrNull(details, "AwsEcrContainerImage");
                r.imageDigest = Arns.firstNonBlank(Json.text(img, "ImageDigest"), Arns.after(r.id, "/"));
                r.repository = Json.text(img, "RepositoryName");
                r.name = r.repository;
            }
            case "AwsLambdaFunction" -> lambda(Json.objOrNull(details, "AwsLambdaFunction"), r);
            case "AwsIamAccessKey" -> {
                JsonNode key = Json.objOrNull(details, "AwsIamAccessKey");
                String keyId = Arns.after(r.id, "AWS::IAM::AccessKey:");
                r.accessKeyId = keyId == null || keyId.equals("null") ? Json.text(key, "AccessKeyId") : keyId;
                r.principal = Arns.firstNonBlank(Json.text(key, "UserName"), Json.text(key, "PrincipalName"),
                        Json.text(key, "PrincipalId"));
            }
            case "AwsS3Bucket" -> r.name = Arns.after(r.id, ":::");
            case "AwsEc2Vpc" -> r.vpcId = Arns.firstNonBlank(Arns.after(r.id, "vpc/"), r.id);
            case "AwsEc2Subnet" -> r.subnetId = Arns.firstNonBlank(Arns.after(r.id, "subnet/"), r.id);
            default -> {
                JsonNode other = Json.objOrNull(details, "Other");
                r.functionArn = Json.text(other, "FunctionArn");
                r.name = Arns.firstNonBlank(Json.text(other, "FunctionName"), Json.text(other, "name"));
            }
        }
        return r.build();
    }

    private static void ec2(JsonNode ec2, ResourceDraft r) {
        r.instanceId = r.id != null && r.id.startsWith("i-") ? r.id : Arns.after(r.id, "instance/");
        if (ec2 == null) {
            return;
        }
        r.instanceType = Json.text(ec2, "Type");
        r.imageId = Json.text(ec2, "ImageId");
        r.vpcId = Json.text(ec2, "VpcId");
        r.subnetId = Json.text(ec2, "SubnetId");
        for (String ip : Json.texts(ec2, "IpV4Addresses")) {
            IpAddresses.classify(ip, r.publicIps, r.privateIps);
        }
        for (String ip : Json.texts(ec2, "IpV6Addresses")) {
            IpAddresses.classify(ip, r.publicIps, r.privateIps);
        }
        JsonNode nics = Json.arrOrNull(ec2, "NetworkInterfaces");
        if (nics != null) {
            for (JsonNode nic : nics) {
                r.networkInterfaces.add(new Finding.NetworkInterface(Json.text(nic, "NetworkInterfaceId"), r.vpcId,
                        r.subnetId, null, null, null));
            }
        }
    }

    private static void lambda(JsonNode fn, ResourceDraft r) {
        r.functionArn = r.arn;
        if (fn == null) {
            return;
        }
        r.name = Json.text(fn, "FunctionName");
        JsonNode vpc = Json.objOrNull(fn, "VpcConfig");
        if (vpc != null) {
            r.vpcId = Json.text(vpc, "VpcId");
            List<String> subnets = Json.texts(vpc, "SubnetIds");
            r.subnetId = subnets.isEmpty() ? null : subnets.get(0);
            List<Finding.SecurityGroup> groups = new ArrayList<>(1);
            for (String sg : Json.texts(vpc, "SecurityGroupIds")) {
                groups.add(new Finding.SecurityGroup(sg, null));
            }
            if (!groups.isEmpty()) {
                r.networkInterfaces.add(new Finding.NetworkInterface(null, r.vpcId, r.subnetId, null, null, groups));
            }
        }
    }
}
