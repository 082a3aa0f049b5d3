package dev.findingsresponder.model.decode;

import com.fasterxml.jackson.databind.JsonNode;
import dev.findingsresponder.model.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads one element of Inspector2 {@code resources[]} (EC2 instance, ECR image, Lambda function, ...). */
final class InspectorResources {

    private InspectorResources() {
    }

    static Finding.Resource extract(JsonNode res, String findingRegion) {
        ResourceDraft r = new ResourceDraft();
        r.type = Json.text(res, "type");
        r.id = Json.text(res, "id");
        String region = Json.text(res, "region");
        r.region = region == null || region.equals("N/A") ? findingRegion : region;
        if (r.id != null && r.id.startsWith("arn:")) {
            r.arn = r.id;
        }
        JsonNode tags = Json.objOrNull(res, "tags");
        if (tags != null) {
            for (Map.Entry<String, JsonNode> e : tags.properties()) {
                r.tag(e.getKey(), Json.text(e.getValue()));
            }
        }
        JsonNode details = Json.objOrNull(res, "details");
        JsonNode ec2 = Json.objOrNull(details, "awsEc2Instance");
        if (ec2 != null) {
            r.instanceId = r.id != null && r.id.startsWith("i-") ? r.id : Arns.after(r.id, "instance/");
            r.instanceType = Json.text(ec2, "type");
            r.imageId = Json.text(ec2, "imageId");
            r.vpcId = Json.text(ec2, "vpcId");
            r.subnetId = Json.text(ec2, "subnetId");
            for (String ip : Json.texts(ec2, "ipV4Addresses")) {
                IpAddresses.classify(ip, r.publicIps, r.privateIps);
            }
            for (String ip : Json.texts(ec2, "ipV6Addresses")) {
                IpAddresses.classify(ip, r.publicIps, r.privateIps);
            }
        }
        JsonNode image = Json.objOrNull(details, "awsEcrContainerImage");
        if (image != null) {
            r.imageDigest = Json.text(image, "imageHash");
            r.repository = Json.text(image, "repositoryName");
            r.name = r.repository;
        }
        JsonNode fn = Json.objOrNull(details, "awsLambdaFunction");
        if (fn != null) {
            r.functionArn = r.arn;
            r.name = Json.text(fn, "functionName");
            JsonNode vpc = Json.objOrNull(fn, "vpcConfig");
            if (vpc != null) {
                r.vpcId = Json.text(vpc, "vpcId");
                List<String> subnets = Json.texts(vpc, "subnetIds");
                r.subnetId = subnets.isEmpty() ? null : subnets.get(0);
                List<Finding.SecurityGroup> groups = new ArrayList<>(1);
                for (String sg : Json.texts(vpc, "securityGroupIds")) {
                    groups.add(new Finding.SecurityGroup(sg, null));
                }
                if (!groups.isEmpty()) {
                    r.networkInterfaces.add(new Finding.NetworkInterface(null, r.vpcId, r.subnetId, null, null, groups));
                }
            }
        }
        JsonNode repo = Json.objOrNull(details, "awsEcrRepository");
        if (repo != null) {
            r.repository = Json.text(repo, "name");
            r.name = r.repository;
        }
        return r.build();
    }
}
