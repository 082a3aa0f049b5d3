package dev.findingsresponder.response.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.findingsresponder.response.config.AwsConfig;
import dev.findingsresponder.testsupport.MotoExtension;
import dev.findingsresponder.testsupport.MotoServer;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/** Real STS calls to moto: moto maps an assumed role's credentials to the account in the role ARN. */
@ExtendWith(MotoExtension.class)
class StsAwsClientsTest {

    static final String MOTO_ACCOUNT = "123456789012";
    static final String MEMBER = "210987654321";

    private final List<AssumeRoleRequest> assumeRoleCalls = new CopyOnWriteArrayList<>();
    private final ExecutionInterceptor countAssumeRole = new ExecutionInterceptor() {
        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            if (context.request() instanceof AssumeRoleRequest request) {
                assumeRoleCalls.add(request);
            }
        }
    };
    private StsAwsClients clients;

    @AfterEach
    void close() {
        if (clients != null) {
            clients.close();
        }
    }

    @Test
    void adminAccountIsDiscoveredOnceAndUsesTheBaseCredentials() {
        clients = new StsAwsClients(config(Optional.empty(), Optional.empty()), List.of(countAssumeRole));

        assertThat(clients.adminAccount()).isEqualTo(MOTO_ACCOUNT);
        GetCallerIdentityResponse me = clients.sts(null, MotoServer.REGION).getCallerIdentity();
        assertThat(me.account()).isEqualTo(MOTO_ACCOUNT);
        assertThat(clients.sts(MOTO_ACCOUNT, MotoServer.REGION)).isSameAs(clients.sts(null, MotoServer.REGION));
        assertThat(clients.ec2(null, null)).isSameAs(clients.ec2(MOTO_ACCOUNT, MotoServer.REGION));
        assertThat(assumeRoleCalls).isEmpty();
    }

    @Test
    void memberAccountIsReachedThroughTheAssumedRoleAndCredentialsAreCached() {
        clients = new StsAwsClients(config(Optional.of(MOTO_ACCOUNT), Optional.of("ext-1234")), List.of(countAssumeRole));

        GetCallerIdentityResponse member = clients.sts(MEMBER, MotoServer.REGION).getCallerIdentity();

        assertThat(member.account()).isEqualTo(MEMBER);
        assertThat(member.arn()).contains(":" + MEMBER + ":assumed-role/FindingsResponderMemberRole/responder-test");
        assertThat(assumeRoleCalls).singleElement().satisfies(request -> {
            assertThat(request.roleArn()).isEqualTo("arn:aws:iam::" + MEMBER + ":role/FindingsResponderMemberRole");
            assertThat(request.externalId()).isEqualTo("ext-1234");
            assertThat(request.roleSessionName()).isEqualTo("responder-test");
        });

        // resources created through the member client live in the member account, not the admin's
        SnsClient memberSns = clients.sns(MEMBER, MotoServer.REGION);
        String topicArn = memberSns.createTopic(r -> r.name("member-alerts")).topicArn();
        assertThat(topicArn).isEqualTo("arn:aws:sns:us-east-1:" + MEMBER + ":member-alerts");
        assertThat(clients.sns(null, MotoServer.REGION).listTopics().topics())
                .noneMatch(t -> t.topicArn().equals(topicArn));

        // every further client and call of the member account reuses the same client and credentials
        assertThat(clients.sns(MEMBER, MotoServer.REGION)).isSameAs(memberSns);
        clients.sns(MEMBER, MotoServer.REGION).listTopics();
        clients.ec2(MEMBER, MotoServer.REGION).describeVpcs();
        clients.ec2(MEMBER, MotoServer.REGION).describeVpcs();
        clients.sts(MEMBER, MotoServer.REGION).getCallerIdentity();
        assertThat(clients.ec2(MEMBER, MotoServer.REGION)).isSameAs(clients.ec2(MEMBER, MotoServer.REGION));
        assertThat(assumeRoleCalls).hasSize(1);
    }

    @Test
    void clientsAreKeptPerAccountAndRegion() {
        clients = new StsAwsClients(config(Optional.of(MOTO_ACCOUNT), Optional.empty()), List.of(countAssumeRole));

        assertThat(clients.ssm(MEMBER, "us-east-1")).isNotSameAs(clients.ssm(MEMBER, "eu-west-1"));
        assertThat(clients.waf(MEMBER, "us-east-1")).isNotSameAs(clients.waf(MOTO_ACCOUNT, "us-east-1"));
        assertThat(clients.sts(MEMBER, "eu-west-1").getCallerIdentity().account()).isEqualTo(MEMBER);
        assertThat(assumeRoleCalls).hasSize(1).allSatisfy(r -> assertThat(r.externalId()).isNull());
    }

    @Test
    void somethingThatIsNotAnAccountIdIsRefused() {
        clients = new StsAwsClients(config(Optional.of(MOTO_ACCOUNT), Optional.empty()), List.of(countAssumeRole));

        assertThatThrownBy(() -> clients.ec2("12345", "us-east-1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> clients.ec2("123456789012:role/x", "us-east-1"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(assumeRoleCalls).isEmpty();
    }

    private static AwsConfig config(Optional<String> admin, Optional<String> externalId) {
        return new TestAwsConfig(MotoServer.endpoint(), admin, externalId, "responder-test");
    }
}
