package dev.findingsresponder.response.action;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.awscore.DefaultAwsResponseMetadata;

import software.amazon.awssdk.services.wafv2.Wafv2Client;
import software.amazon.awssdk.services.wafv2.model.GetIpSetRequest;
import software.amazon.awssdk.services.wafv2.model.GetIpSetResponse;
import software.amazon.awssdk.services.wafv2.model.IPAddressVersion;
import software.amazon.awssdk.services.wafv2.model.IPSet;
import software.amazon.awssdk.services.wafv2.model.UpdateIpSetRequest;
import software.amazon.awssdk.services.wafv2.model.UpdateIpSetResponse;

/**
 * One WAFv2 IP set held in memory, answering GetIPSet and UpdateIPSet only: lets the benchmark measure
 * {@link IpSetWriter}'s planning without HTTP. Not thread-safe; benchmarks only.
 */
final class InMemoryWaf implements Wafv2Client {

    private static final DefaultAwsResponseMetadata METADATA =
            DefaultAwsResponseMetadata.create(Map.of("AWS_REQUEST_ID", "in-memory"));

    private final IPAddressVersion version;
    private final List<String> initial;
    private List<String> addresses;

    InMemoryWaf(IPAddressVersion version, List<String> initial) {
        this.version = version;
        this.initial = List.copyOf(initial);
        reset();
    }

    String id() {
        return "00000000-0000-0000-0000-000000000001";
    }

    /** Back to the addresses it was created with. */
    void reset() {
        addresses = new ArrayList<>(initial);
    }

    @Override
    public GetIpSetResponse getIPSet(GetIpSetRequest request) {
        return (GetIpSetResponse) GetIpSetResponse.builder().lockToken("token")
                .ipSet(IPSet.builder().name(request.name()).id(request.id()).ipAddressVersion(version)
                        .addresses(addresses).description("benchmark").build())
                .responseMetadata(METADATA).build();
    }

    @Override
    public UpdateIpSetResponse updateIPSet(UpdateIpSetRequest request) {
        addresses = new ArrayList<>(request.addresses());
        return (UpdateIpSetResponse) UpdateIpSetResponse.builder().nextLockToken("token").responseMetadata(METADATA)
                .build();
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {
    }
}
