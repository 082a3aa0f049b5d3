package dev.findingsresponder.response.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.findingsresponder.response.config.AwsConfig;
import dev.findingsresponder.testsupport.MotoServer;
import dev.findingsresponder.testsupport.faults.AwsFault;
import dev.findingsresponder.testsupport.faults.AwsFaultProxy;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;

/**
 * The configured per-attempt and per-call timeouts hold for the clients the service really uses: the ones with the
 * metrics interceptor (an interceptor added through a second {@code overrideConfiguration} once dropped them).
 */
class AwsClientTimeoutTest {

    private AwsFaultProxy proxy;
    private StsAwsClients clients;
    private SimpleMeterRegistry meters;

    @BeforeEach
    void start() {
        proxy = AwsFaultProxy.start(MotoServer.ensureRunning(), 7, Duration.ofSeconds(25));
        meters = new SimpleMeterRegistry();
        clients = new StsAwsClients(new ShortTimeouts(TestAwsConfig.at(proxy.endpoint())), meters);
    }

    @AfterEach
    void stop() {
        clients.close();
        proxy.close();
    }

    @Test
    void aHeldAnswerEndsTheCallWithAnSdkTimeoutInsteadOfWaitingForTheSocket() {
        proxy.share("DescribeVpcs", 1.0).faults(Set.of(AwsFault.TIMEOUT));

        assertThatThrownBy(() -> clients.ec2(null, MotoServer.REGION).describeVpcs())
                .isInstanceOfAny(ApiCallAttemptTimeoutException.class, ApiCallTimeoutException.class);

        assertThat(proxy.counts().calls()).containsEntry("ec2:DescribeVpcs", 1L);
        assertThat(meters.counter("response.aws.calls", "operation", "DescribeVpcs", "outcome", "error").count())
                .isEqualTo(1.0);
    }

    @Test
    void withoutAFaultTheSameClientAnswers() {
        assertThat(clients.ec2(null, MotoServer.REGION).describeVpcs().vpcs()).isNotNull();
        assertThat(meters.counter("response.aws.calls", "operation", "DescribeVpcs", "outcome", "success").count())
                .isEqualTo(1.0);
    }

    /** The test configuration with timeouts below the proxy's hold (25 s), itself below the socket timeout (30 s). */
    private record ShortTimeouts(TestAwsConfig base) implements AwsConfig {
        @Override public String region() { return base.region(); }
        @Override public Optional<URI> endpointOverride() { return base.endpointOverride(); }
        @Override public Optional<String> accessKeyId() { return base.accessKeyId(); }
        @Override public Optional<String> secretAccessKey() { return base.secretAccessKey(); }
        @Override public int maxAttempts() { return 1; }
        @Override public Duration apiCallAttemptTimeout() { return Duration.ofSeconds(8); }
        @Override public Duration apiCallTimeout() { return Duration.ofSeconds(16); }
        @Override public Optional<String> adminAccount() { return base.adminAccount(); }
        @Override public String memberRoleName() { return base.memberRoleName(); }
        @Override public Optional<String> externalId() { return base.externalId(); }
        @Override public String roleSessionName() { return base.roleSessionName(); }
    }
}
