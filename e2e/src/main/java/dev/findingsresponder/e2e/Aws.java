package dev.findingsresponder.e2e;

import java.net.URI;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.wafv2.Wafv2Client;

/** SDK clients for the emulated AWS (moto) the demo and the end-to-end tests provision and read. */
public final class Aws implements AutoCloseable {

    public final Ec2Client ec2;
    public final Wafv2Client waf;
    public final SnsClient sns;
    public final SqsClient sqs;

    public Aws(String endpoint, String region) {
        ec2 = configure(Ec2Client.builder(), endpoint, region).build();
        waf = configure(Wafv2Client.builder(), endpoint, region).build();
        sns = configure(SnsClient.builder(), endpoint, region).build();
        sqs = configure(SqsClient.builder(), endpoint, region).build();
    }

    private static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B configure(B builder,
            String endpoint, String region) {
        return builder.region(Region.of(region))
                .endpointOverride(URI.create(endpoint))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
                .httpClientBuilder(UrlConnectionHttpClient.builder());
    }

    @Override
    public void close() {
        ec2.close();
        waf.close();
        sns.close();
        sqs.close();
    }
}
