package dev.findingsresponder.response.action;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.findingsresponder.response.aws.AwsClients;
import dev.findingsresponder.testsupport.MotoServer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.config.ConfigClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.wafv2.Wafv2Client;

/**
 * Test {@link AwsClients} for the NACL and WAF block tests: real SDK v2 clients against moto (static dummy
 * credentials, url-connection client, one attempt so a moto gap fails fast), one per service and region,
 * whatever the account. WAF clients may carry interceptors (to stage a competing writer).
 */
public final class BlockTestClients implements AwsClients, AutoCloseable {

    private final List<ExecutionInterceptor> ec2Interceptors;
    private final List<ExecutionInterceptor> wafInterceptors;
    private final Map<String, SdkClient> clients = new ConcurrentHashMap<>();

    public BlockTestClients() {
        this(List.of(), List.of());
    }

    private BlockTestClients(List<ExecutionInterceptor> ec2Interceptors, List<ExecutionInterceptor> wafInterceptors) {
        this.ec2Interceptors = List.copyOf(ec2Interceptors);
        this.wafInterceptors = List.copyOf(wafInterceptors);
    }

    /** Clients whose EC2 client runs {@code interceptor} on every call. */
    static BlockTestClients withEc2(ExecutionInterceptor interceptor) {
        return new BlockTestClients(List.of(interceptor), List.of());
    }

    /** Clients whose WAF client runs {@code interceptor} on every call. */
    static BlockTestClients withWaf(ExecutionInterceptor interceptor) {
        return new BlockTestClients(List.of(), List.of(interceptor));
    }

    static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B configure(B builder, String region) {
        return builder.region(Region.of(region))
                .endpointOverride(URI.create(MotoServer.endpoint()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(MotoServer.ACCESS_KEY, MotoServer.SECRET_KEY)))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(1)));
    }

    @Override
    public Ec2Client ec2(String account, String region) {
        return (Ec2Client) clients.computeIfAbsent("ec2|" + region, k -> configure(Ec2Client.builder(), region)
                .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(1))
                        .executionInterceptors(ec2Interceptors))
                .build());
    }

    @Override
    public Wafv2Client waf(String account, String region) {
        return (Wafv2Client) clients.computeIfAbsent("waf|" + region, k -> configure(Wafv2Client.builder(), region)
                .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(1))
                        .executionInterceptors(wafInterceptors))
                .build());
    }

    @Override
    public ConfigClient config(String account, String region) {
        return (ConfigClient) clients.computeIfAbsent("config|" + region,
                k -> configure(ConfigClient.builder(), region).build());
    }

    @Override
    public SnsClient sns(String account, String region) {
        return (SnsClient) clients.computeIfAbsent("sns|" + region, k -> configure(SnsClient.builder(), region).build());
    }

    @Override
    public SsmClient ssm(String account, String region) {
        return (SsmClient) clients.computeIfAbsent("ssm|" + region, k -> configure(SsmClient.builder(), region).build());
    }

    @Override
    public void close() {
        clients.values().forEach(SdkClient::close);
        clients.clear();
    }
}
