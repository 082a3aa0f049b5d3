package dev.findingsresponder.response;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.findingsresponder.response.aws.AwsClientFactory;
import dev.findingsresponder.testsupport.KafkaTestResource;
import dev.findingsresponder.testsupport.MotoExtension;
import dev.findingsresponder.testsupport.MotoTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Vpc;

/** A real SDK v2 call over HTTP to moto, through the service's own client factory. */
@ExtendWith(MotoExtension.class)
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(MotoTestResource.class)
class MotoSmokeTest {

    @Inject
    AwsClientFactory clients;

    @Test
    void createdVpcIsDescribedBackWithItsNetworkAcl() {
        try (Ec2Client ec2 = clients.ec2()) {
            String vpcId = ec2.createVpc(r -> r.cidrBlock("10.20.0.0/16")).vpc().vpcId();

            Vpc described = ec2.describeVpcs(r -> r.vpcIds(vpcId)).vpcs().get(0);
            assertThat(described.cidrBlock()).isEqualTo("10.20.0.0/16");
            // AWS gives every new VPC a default network ACL: the one nacl-deny will write to
            assertThat(ec2.describeNetworkAcls(r -> r.filters(Filter.builder().name("vpc-id").values(vpcId).build()))
                    .networkAcls()).singleElement().satisfies(acl -> assertThat(acl.isDefault()).isTrue());
        }
    }
}
