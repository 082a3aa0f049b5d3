package dev.findingsresponder.model.decode;

import dev.findingsresponder.model.Finding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Mutable builder of {@link Finding.Resource}. */
final class ResourceDraft {

    String type;
    String id;
    String arn;
    String name;
    String region;
    String instanceId;
    String instanceType;
    String imageId;
    String vpcId;
    String subnetId;
    final List<Finding.NetworkInterface> networkInterfaces = new ArrayList<>(1);
    final List<String> publicIps = new ArrayList<>(2);
    final List<String> privateIps = new ArrayList<>(2);
    Map<String, String> tags;
    String imageDigest;
    String repository;
    String functionArn;
    String accessKeyId;
    String principal;

    /** AWS allows tag keys of at most 128 characters; a longer "key" is not a tag (and would not read back). */
    static final int MAX_TAG_KEY_LENGTH = 128;

    void tag(String key, String value) {
        if (key == null || key.length() > MAX_TAG_KEY_LENGTH) {
            return;
        }
        if (tags == null) {
            tags = new LinkedHashMap<>();
        }
        tags.put(key, value == null ? "" : value);
    }

    Finding.Resource build() {
        return new Finding.Resource(type, id, arn, name, region, instanceId, instanceType, imageId, vpcId, subnetId,
                networkInterfaces, publicIps, privateIps, tags, imageDigest, repository, functionArn, accessKeyId,
                principal);
    }
}
