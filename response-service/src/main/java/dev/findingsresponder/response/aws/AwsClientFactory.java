package dev.findingsresponder.response.aws;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.findingsresponder.response.config.AwsConfig;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * Builds AWS SDK v2 clients from {@link AwsConfig}: one HTTP client implementation
 * (url-connection), the configured region, endpoint override and credentials.
 */
@ApplicationScoped
public class AwsClientFactory {

    private final AwsConfig config;

    public AwsClientFactory(AwsConfig config) {
        this.config = config;
    }

    /** An EC2 client for the admin account in the configured region. */
    public Ec2Client ec2() {
        return configure(Ec2Client.builder()).build();
    }

    /** Applies region, endpoint, credentials, HTTP client, retry policy and timeouts to any sync client builder. */
    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B configure(B builder) {
        return configure(builder, List.of());
    }

    /**
     * {@link #configure(AwsClientBuilder)} with {@code interceptors} on every call. The override configuration is
     * set here once: each {@code overrideConfiguration(...)} on a builder replaces the previous one whole, so adding
     * interceptors afterwards would silently drop the retry strategy and the timeouts.
     */
    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B configure(B builder,
            List<ExecutionInterceptor> interceptors) {
        builder.region(Region.of(config.region()))
                .credentialsProvider(credentials())
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(Duration.ofSeconds(30)))
                // a stalled endpoint must not hold a target's writer for minutes: each attempt and the whole call
                // are bounded, and the executor's own retries (and actions.retry) take over from there
                .overrideConfiguration(o -> {
                    o.retryStrategy(r -> r.maxAttempts(config.maxAttempts()))
                            .apiCallAttemptTimeout(config.apiCallAttemptTimeout())
                            .apiCallTimeout(config.apiCallTimeout());
                    interceptors.forEach(o::addExecutionInterceptor);
                });
        config.endpointOverride().ifPresent(builder::endpointOverride);
        return builder;
    }

    private AwsCredentialsProvider credentials() {
        if (config.accessKeyId().isPresent() && config.secretAccessKey().isPresent()) {
            return StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(config.accessKeyId().get(), config.secretAccessKey().get()));
        }
        return DefaultCredentialsProvider.builder().build();
    }
}
