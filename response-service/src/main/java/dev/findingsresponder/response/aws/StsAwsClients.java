package dev.findingsresponder.response.aws;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.findingsresponder.response.config.AwsConfig;
import io.micrometer.core.instrument.MeterRegistry;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.PartitionMetadata;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.config.ConfigClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.wafv2.Wafv2Client;

/**
 * Clients per (account, region). The admin account (configured, or discovered once with sts:GetCallerIdentity)
 * and a {@code null} account use the service's own credentials; any other account is reached through
 * {@code arn:<partition>:iam::<account>:role/<member-role-name>} with the configured external id and session name.
 * Assumed credentials are cached and refreshed synchronously 5 minutes before they expire; clients are built
 * once and closed on shutdown.
 */
@ApplicationScoped
public class StsAwsClients implements AwsClients, AutoCloseable {

    /** Assumed-role credentials are renewed this long before they expire. */
    public static final Duration REFRESH_BEFORE_EXPIRY = Duration.ofMinutes(5);

    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");

    private record ClientKey(String account, String region, Class<?> type) {
    }

    private final AwsConfig config;
    private final AwsClientFactory factory;
    private final StsClient baseSts;
    private final Map<ClientKey, SdkClient> clients = new ConcurrentHashMap<>();
    private final Map<String, StsAssumeRoleCredentialsProvider> memberCredentials = new ConcurrentHashMap<>();
    private final List<ExecutionInterceptor> clientInterceptors;
    private volatile String adminAccount;

    public StsAwsClients(AwsConfig config) {
        this(config, List.of());
    }

    /** Clients whose every call is counted in {@code response_aws_calls_total}. */
    @Inject
    public StsAwsClients(AwsConfig config, MeterRegistry meters) {
        this(config, List.of(), List.of(new AwsCallMetrics(meters)));
    }

    /** @param stsInterceptors see every call of the STS client that assumes member roles (tests count AssumeRole) */
    public StsAwsClients(AwsConfig config, List<ExecutionInterceptor> stsInterceptors) {
        this(config, stsInterceptors, List.of());
    }

    /** @param clientInterceptors see every call of the EC2, WAF, SNS, SSM and STS clients handed out */
    public StsAwsClients(AwsConfig config, List<ExecutionInterceptor> stsInterceptors,
            List<ExecutionInterceptor> clientInterceptors) {
        this.config = config;
        this.clientInterceptors = List.copyOf(clientInterceptors);
        this.factory = new AwsClientFactory(config);
        this.adminAccount = config.adminAccount().filter(a -> !a.isBlank()).map(StsAwsClients::checkAccount).orElse(null);
        this.baseSts = factory.configure(StsClient.builder(), stsInterceptors).build();
    }

    @Override
    public Ec2Client ec2(String account, String region) {
        return client(account, region, Ec2Client.class, Ec2Client::builder);
    }

    @Override
    public Wafv2Client waf(String account, String region) {
        return client(account, region, Wafv2Client.class, Wafv2Client::builder);
    }

    @Override
    public SnsClient sns(String account, String region) {
        return client(account, region, SnsClient.class, SnsClient::builder);
    }

    @Override
    public SsmClient ssm(String account, String region) {
        return client(account, region, SsmClient.class, SsmClient::builder);
    }

    @Override
    public ConfigClient config(String account, String region) {
        return client(account, region, ConfigClient.class, ConfigClient::builder);
    }

    /** An STS client acting as {@code account} (to ask who we are there, e.g. in a health check). */
    public StsClient sts(String account, String region) {
        return client(account, region, StsClient.class, StsClient::builder);
    }

    /** The admin account: configured, or the caller identity's account, asked once. */
    public String adminAccount() {
        String known = adminAccount;
        if (known == null) {
            synchronized (this) {
                if (adminAccount == null) {
                    adminAccount = checkAccount(baseSts.getCallerIdentity().account());
                }
                known = adminAccount;
            }
        }
        return known;
    }

    /** The role assumed in {@code account}. */
    public String memberRoleArn(String account) {
        String partition = PartitionMetadata.of(Region.of(config.region())).id();
        return "arn:" + partition + ":iam::" + checkAccount(account) + ":role/" + config.memberRoleName();
    }

    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C extends SdkClient> C client(
            String account, String region, Class<C> type, Supplier<B> builder) {
        String acting = account == null || account.isBlank() ? adminAccount() : checkAccount(account);
        String where = region == null || region.isBlank() ? config.region() : region;
        AwsCredentialsProvider credentials = acting.equals(adminAccount()) ? null : credentialsFor(acting);
        SdkClient client = clients.computeIfAbsent(new ClientKey(acting, where, type), key -> {
            B configured = factory.configure(builder.get(), clientInterceptors).region(Region.of(where));
            if (credentials != null) {
                configured.credentialsProvider(credentials);
            }
            return configured.build();
        });
        return type.cast(client);
    }

    private StsAssumeRoleCredentialsProvider credentialsFor(String account) {
        return memberCredentials.computeIfAbsent(account, a -> StsAssumeRoleCredentialsProvider.builder()
                .stsClient(baseSts)
                .refreshRequest(r -> r.roleArn(memberRoleArn(a))
                        .roleSessionName(config.roleSessionName())
                        .externalId(config.externalId().filter(id -> !id.isBlank()).orElse(null)))
                .staleTime(REFRESH_BEFORE_EXPIRY)
                .prefetchTime(REFRESH_BEFORE_EXPIRY)
                // refresh in the calling thread: no background threads to leak, and a failure surfaces on the call
                .asyncCredentialUpdateEnabled(false)
                .build());
    }

    /** Account ids go into role ARNs: refuse anything but 12 digits rather than build an ARN from junk. */
    /** Whether {@code account} is an AWS account id: exactly 12 digits. */
    public static boolean isAccountId(String account) {
        return account != null && ACCOUNT.matcher(account).matches();
    }

    private static String checkAccount(String account) {
        if (!isAccountId(account)) {
            throw new IllegalArgumentException("not an AWS account id (12 digits): '" + account + "'");
        }
        return account;
    }

    @PreDestroy
    @Override
    public void close() {
        clients.values().forEach(SdkClient::close);
        clients.clear();
        memberCredentials.values().forEach(StsAssumeRoleCredentialsProvider::close);
        memberCredentials.clear();
        baseSts.close();
    }
}
