package dev.findingsresponder.model.decode;

import static dev.findingsresponder.model.decode.Fixtures.bytes;
import static dev.findingsresponder.model.decode.Fixtures.one;
import static dev.findingsresponder.model.decode.Fixtures.onlyIndicator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.findingsresponder.model.Direction;
import dev.findingsresponder.model.Finding;
import dev.findingsresponder.model.Finding.NetworkIndicator;
import dev.findingsresponder.model.IndicatorKind;
import dev.findingsresponder.model.InputForm;
import dev.findingsresponder.model.SeverityLabel;
import dev.findingsresponder.model.Source;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class GuardDutyDecoderTest {

    private static final String DIR = "guardduty/";

    @Test
    void sshBruteForceInboundNetworkConnection() {
        String path = DIR + "eb_unauthorizedaccess-ec2-sshbruteforce.json";
        Finding f = one(path);
        assertThat(f.id()).isEqualTo("guardduty:111122223333:us-east-1:a1b2c3d4e5f60718293a4b5c6d7e8f90");
        assertThat(f.nativeId()).isEqualTo("a1b2c3d4e5f60718293a4b5c6d7e8f90");
        assertThat(f.source()).isEqualTo(Source.GUARDDUTY);
        assertThat(f.product().productSource()).isEqualTo(Source.GUARDDUTY);
        assertThat(f.type()).isEqualTo("UnauthorizedAccess:EC2/SSHBruteForce");
        assertThat(f.account()).isEqualTo("111122223333");
        assertThat(f.region()).isEqualTo("us-east-1");
        assertThat(f.partition()).isEqualTo("aws");
        assertThat(f.severity().nativeValue()).isEqualTo("2");
        assertThat(f.severity().normalized()).isEqualTo(2.0);
        assertThat(f.severity().label()).isEqualTo(SeverityLabel.LOW);
        assertThat(f.createdAt()).isEqualTo(Instant.parse("2024-06-11T09:20:41.512Z"));
        assertThat(f.firstSeen()).isEqualTo(Instant.parse("2024-06-11T09:12:05Z"));
        assertThat(f.count()).isEqualTo(1);
        assertThat(f.resourceRole()).isEqualTo("TARGET");

        Finding.Resource r = f.resource();
        assertThat(r.type()).isEqualTo("Instance");
        assertThat(r.instanceId()).isEqualTo("i-0a1b2c3d4e5f60718");
        assertThat(r.id()).isEqualTo("i-0a1b2c3d4e5f60718");
        assertThat(r.arn()).isEqualTo("arn:aws:ec2:us-east-1:111122223333:instance/i-0a1b2c3d4e5f60718");
        assertThat(r.vpcId()).isEqualTo("vpc-0123456789abcdef0");
        assertThat(r.subnetId()).isEqualTo("subnet-0aa11bb22cc33dd44");
        assertThat(r.publicIps()).containsExactly("54.240.197.10");
        assertThat(r.privateIps()).containsExactly("10.0.12.34");
        assertThat(r.tags()).containsEntry("Name", "web-01").containsEntry("Environment", "production");
        assertThat(r.networkInterfaces()).singleElement().satisfies(nic -> {
            assertThat(nic.id()).isEqualTo("eni-0f1e2d3c4b5a69788");
            assertThat(nic.securityGroups()).extracting(Finding.SecurityGroup::id, Finding.SecurityGroup::name)
                    .containsExactly(tuple("sg-0b1c2d3e4f5a6b7c8", "web-tier"));
        });

        NetworkIndicator n = onlyIndicator(f);
        assertThat(n.kind()).isEqualTo(IndicatorKind.NETWORK_CONNECTION);
        assertThat(n.direction()).isEqualTo(Direction.INBOUND);
        assertThat(n.remoteIp()).isEqualTo("198.51.100.23");
        assertThat(n.ipVersion()).isEqualTo(4);
        assertThat(n.remotePort()).isEqualTo(51234);
        assertThat(n.localPort()).isEqualTo(22);
        assertThat(n.localIp()).isEqualTo("10.0.12.34");
        assertThat(n.protocol()).isEqualTo("TCP");
        assertThat(n.countryCode()).isEqualTo("NL");
        assertThat(n.asn()).isEqualTo(64500L);
        assertThat(n.asnOrg()).isEqualTo("EXAMPLE-TRANSIT-AS");
        assertThat(n.organization()).isEqualTo("Example Hosting B.V.");
        assertThat(n.blocked()).isFalse();

        assertThat(f.raw().eventId()).isEqualTo("7f1d2c3b-4a59-6e78-9f01-a2b3c4d5e6f7");
        assertThat(f.raw().form()).isEqualTo(InputForm.EVENTBRIDGE);
        assertThat(f.raw().eventAccount()).isEqualTo("444455556666");
        assertThat(f.raw().detailType()).isEqualTo("GuardDuty Finding");
        assertThat(f.raw().sha256()).isEqualTo(Fixtures.sha256Hex(bytes(path)));
        assertThat(f.raw().sizeBytes()).isEqualTo(bytes(path).length);
        assertThat(f.state().sample()).isFalse();
        assertThat(f.state().archived()).isFalse();
    }

    @Test
    void rdpBruteForceFromPublicIpv4() {
        Finding f = one(DIR + "eb_unauthorizedaccess-ec2-rdpbruteforce_public-ipv4.json");
        assertThat(f.type()).isEqualTo("UnauthorizedAccess:EC2/RDPBruteForce");
        assertThat(f.resource().instanceId()).isEqualTo("i-0b2c3d4e5f6071829");
        NetworkIndicator n = onlyIndicator(f);
        assertThat(n.remoteIp()).isEqualTo("185.156.73.54");
        assertThat(n.remotePort()).isEqualTo(49822);
        assertThat(n.localPort()).isEqualTo(3389);
        assertThat(n.direction()).isEqualTo(Direction.INBOUND);
        assertThat(n.countryCode()).isEqualTo("RU");
        assertThat(n.asn()).isEqualTo(211736L);
    }

    @Test
    void portProbeYieldsEveryEntryIncludingIpv6() {
        Finding f = one(DIR + "eb_recon-ec2-portprobeunprotectedport.json");
        assertThat(f.type()).isEqualTo("Recon:EC2/PortProbeUnprotectedPort");
        assertThat(f.count()).isEqualTo(3);
        assertThat(f.updatedAt()).isEqualTo(Instant.parse("2024-06-11T08:55:02.390Z"));
        assertThat(f.lastSeen()).isEqualTo(Instant.parse("2024-06-11T08:44:10Z"));
        assertThat(f.network())
                .extracting(NetworkIndicator::kind, NetworkIndicator::direction, NetworkIndicator::remoteIp,
                        NetworkIndicator::ipVersion, NetworkIndicator::localPort, NetworkIndicator::countryCode)
                .containsExactly(
                        tuple(IndicatorKind.PORT_PROBE, Direction.INBOUND, "203.0.113.5", 4, 22, "US"),
                        tuple(IndicatorKind.PORT_PROBE, Direction.INBOUND, "198.51.100.77", 4, 3389, "BR"),
                        tuple(IndicatorKind.PORT_PROBE, Direction.INBOUND, "2001:db8:4f2a::17", 6, 5432, "DE"));
        assertThat(f.network().get(2).localIp()).isEqualTo("2600:1f18:4a3:6f00:8d2e:1c4b:3a5f:9e10");
        assertThat(f.resource().publicIps()).contains("2600:1f18:4a3:6f00:8d2e:1c4b:3a5f:9e10");
    }

    @Test
    void bitcoinDnsRequestHasDomainAndNoIp() {
        Finding f = one(DIR + "eb_cryptocurrency-ec2-bitcointool-b-dns.json");
        assertThat(f.type()).isEqualTo("CryptoCurrency:EC2/BitcoinTool.B!DNS");
        assertThat(f.severity().normalized()).isEqualTo(8.0);
        assertThat(f.severity().label()).isEqualTo(SeverityLabel.HIGH);
        NetworkIndicator n = onlyIndicator(f);
        assertThat(n.kind()).isEqualTo(IndicatorKind.DNS_REQUEST);
        assertThat(n.domain()).isEqualTo("stratum.mining-pool.example");
        assertThat(n.remoteIp()).isNull();
        assertThat(n.ipVersion()).isNull();
        assertThat(n.direction()).isEqualTo(Direction.OUTBOUND);
        assertThat(n.protocol()).isEqualTo("UDP");
        assertThat(f.resource().publicIps()).isEmpty();
    }

    @Test
    void commandAndControlOutboundWithThreatIntel() {
        Finding f = one(DIR + "eb_backdoor-ec2-ccactivity-b.json");
        assertThat(f.type()).isEqualTo("Backdoor:EC2/C&CActivity.B");
        NetworkIndicator n = onlyIndicator(f);
        assertThat(n.direction()).isEqualTo(Direction.OUTBOUND);
        assertThat(n.remoteIp()).isEqualTo("203.0.113.66");
        assertThat(n.remotePort()).isEqualTo(443);
        assertThat(n.localPort()).isEqualTo(49152);
        assertThat(f.threatListNames()).containsExactly("CrowdStrike");
        assertThat(f.threatNames()).containsExactly("Emotet");
    }

    @Test
    void credentialExfiltrationAwsApiCall() {
        Finding f = one(DIR + "eb_unauthorizedaccess-iamuser-instancecredentialexfiltration-outsideaws.json");
        assertThat(f.type()).isEqualTo("UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS");
        assertThat(f.severity().label()).isEqualTo(SeverityLabel.HIGH);
        assertThat(f.resource().type()).isEqualTo("AccessKey");
        assertThat(f.resource().accessKeyId()).isEqualTo("ASIAEXAMPLEKEY000002");
        assertThat(f.resource().id()).isEqualTo("ASIAEXAMPLEKEY000002");
        assertThat(f.resource().principal()).isEqualTo("web-tier-role");
        assertThat(f.resource().instanceId()).isEqualTo("i-0a1b2c3d4e5f60718");
        NetworkIndicator n = onlyIndicator(f);
        assertThat(n.kind()).isEqualTo(IndicatorKind.AWS_API_CALL);
        assertThat(n.direction()).isEqualTo(Direction.INBOUND);
        assertThat(n.remoteIp()).isEqualTo("198.51.100.200");
        assertThat(n.countryCode()).isEqualTo("SG");
    }

    @Test
    void rootCredentialUsageArchivedFromPublicIpv6() {
        Finding f = one(DIR + "eb_policy-iamuser-rootcredentialusage_archived_public-ipv6.json");
        assertThat(f.type()).isEqualTo("Policy:IAMUser/RootCredentialUsage");
        assertThat(f.state().archived()).isTrue();
        assertThat(f.resource().principal()).isEqualTo("Root");
        assertThat(f.resource().accessKeyId()).isNull();
        NetworkIndicator n = onlyIndicator(f);
        assertThat(n.kind()).isEqualTo(IndicatorKind.AWS_API_CALL);
        assertThat(n.remoteIp()).isEqualTo("2a01:4f8:c2c:5d2e::1");
        assertThat(n.ipVersion()).isEqualTo(6);
        assertThat(n.asn()).isEqualTo(24940L);
        assertThat(n.asnOrg()).isEqualTo("Hetzner Online GmbH");
    }

    @Test
    void repeatedFindingCarriesCountAndNewerUpdatedAt() {
        Finding f = one(DIR + "eb_recon-iamuser-maliciousipcaller_count7_updated.json");
        assertThat(f.type()).isEqualTo("Recon:IAMUser/MaliciousIPCaller");
        assertThat(f.count()).isEqualTo(7);
        assertThat(f.createdAt()).isEqualTo(Instant.parse("2024-06-09T02:20:13.118Z"));
        assertThat(f.updatedAt()).isEqualTo(Instant.parse("2024-06-11T14:10:52.731Z"));
        assertThat(f.updatedAt()).isAfter(f.createdAt());
        assertThat(f.firstSeen()).isEqualTo(Instant.parse("2024-06-09T02:11:00Z"));
        assertThat(f.lastSeen()).isEqualTo(Instant.parse("2024-06-11T14:02:37Z"));
        assertThat(f.threatListNames()).containsExactly("ProofPoint");
        assertThat(f.threatNames()).containsExactly("Known malicious scanner");
        assertThat(onlyIndicator(f).remoteIp()).isEqualTo("203.0.113.150");
        assertThat(f.resource().accessKeyId()).isEqualTo("ASIAEXAMPLEKEY000001");
        assertThat(f.resource().principal()).isEqualTo("deploy-bot");
    }

    @Test
    void kubernetesApiCallFromMaliciousIp() {
        Finding f = one(DIR + "eb_discovery-kubernetes-maliciousipcaller.json");
        assertThat(f.type()).isEqualTo("Discovery:Kubernetes/MaliciousIPCaller");
        assertThat(f.resource().type()).isEqualTo("EKSCluster");
        assertThat(f.resource().name()).isEqualTo("prod-eks");
        assertThat(f.resource().arn()).isEqualTo("arn:aws:eks:us-east-1:111122223333:cluster/prod-eks");
        assertThat(f.resource().vpcId()).isEqualTo("vpc-0123456789abcdef0");
        assertThat(f.resource().tags()).containsEntry("team", "platform");
        NetworkIndicator n = onlyIndicator(f);
        assertThat(n.kind()).isEqualTo(IndicatorKind.KUBERNETES_API_CALL);
        assertThat(n.direction()).isEqualTo(Direction.INBOUND);
        assertThat(n.remoteIp()).isEqualTo("198.51.100.61");
    }

    @Test
    void rdsLoginAttempt() {
        Finding f = one(DIR + "eb_credentialaccess-rds-anomalousbehavior-successfullogin.json");
        assertThat(f.type()).isEqualTo("CredentialAccess:RDS/AnomalousBehavior.SuccessfulLogin");
        assertThat(f.resource().type()).isEqualTo("RDSDBInstance");
        assertThat(f.resource().name()).isEqualTo("orders-db-1");
        assertThat(f.resource().id()).isEqualTo("arn:aws:rds:us-east-1:111122223333:db:orders-db-1");
        assertThat(f.resource().tags()).containsEntry("data-class", "confidential");
        NetworkIndicator n = onlyIndicator(f);
        assertThat(n.kind()).isEqualTo(IndicatorKind.RDS_LOGIN_ATTEMPT);
        assertThat(n.direction()).isEqualTo(Direction.INBOUND);
        assertThat(n.remoteIp()).isEqualTo("203.0.113.201");
        assertThat(n.countryCode()).isEqualTo("VN");
    }

    @Test
    void dnsDataExfiltration() {
        Finding f = one(DIR + "eb_trojan-ec2-dnsdataexfiltration.json");
        assertThat(f.type()).isEqualTo("Trojan:EC2/DNSDataExfiltration");
        NetworkIndicator n = onlyIndicator(f);
        assertThat(n.kind()).isEqualTo(IndicatorKind.DNS_REQUEST);
        assertThat(n.domain()).isEqualTo("a3f9c1e7b2.tunnel.exfil.example.org");
        assertThat(n.blocked()).isTrue();
    }

    @Test
    void winRmBruteForceWithInstanceAsActor() {
        Finding f = one(DIR + "eb_impact-ec2-winrmbruteforce_actor.json");
        assertThat(f.type()).isEqualTo("Impact:EC2/WinRMBruteForce");
        assertThat(f.resourceRole()).isEqualTo("ACTOR");
        assertThat(f.resource().instanceId()).isEqualTo("i-0d4e5f60718293a4b");
        NetworkIndicator n = onlyIndicator(f);
        assertThat(n.direction()).isEqualTo(Direction.OUTBOUND);
        assertThat(n.remoteIp()).isEqualTo("203.0.113.40");
        assertThat(n.remotePort()).isEqualTo(5985);
        assertThat(n.localIp()).isEqualTo("10.0.40.9");
    }

    @Test
    void torClient() {
        Finding f = one(DIR + "eb_unauthorizedaccess-ec2-torclient.json");
        assertThat(f.type()).isEqualTo("UnauthorizedAccess:EC2/TorClient");
        NetworkIndicator n = onlyIndicator(f);
        assertThat(n.remoteIp()).isEqualTo("198.51.100.9");
        assertThat(n.remotePort()).isEqualTo(9001);
        assertThat(n.direction()).isEqualTo(Direction.OUTBOUND);
    }

    @Test
    void generatedSampleFindingIsFlagged() {
        Finding f = one(DIR + "eb_sample_unauthorizedaccess-ec2-maliciousipcaller-custom.json");
        assertThat(f.state().sample()).isTrue();
        assertThat(f.type()).isEqualTo("UnauthorizedAccess:EC2/MaliciousIPCaller.Custom");
        assertThat(f.threatListNames()).containsExactly("GeneratedFindingCustomerListName");
        NetworkIndicator n = onlyIndicator(f);
        assertThat(n.asn()).as("GuardDuty's -1 means unknown").isNull();
        assertThat(n.remoteIp()).isEqualTo("198.51.100.0");
    }

    @Test
    void bareGetFindingsElement() {
        String path = DIR + "bare_getfindings_cryptocurrency-ec2-bitcointool-b.json";
        Finding f = one(path);
        assertThat(f.id()).isEqualTo("guardduty:111122223333:eu-west-1:8f90a1b2c3d4e5f60718293a4b5c6d7e");
        assertThat(f.region()).isEqualTo("eu-west-1");
        assertThat(f.raw().form()).isEqualTo(InputForm.BARE);
        assertThat(f.raw().eventId()).isNull();
        assertThat(f.raw().sha256()).isEqualTo(Fixtures.sha256Hex(bytes(path)));
        NetworkIndicator n = onlyIndicator(f);
        assertThat(n.remoteIp()).isEqualTo("203.0.113.80");
        assertThat(n.remotePort()).isEqualTo(8333);
        assertThat(n.direction()).isEqualTo(Direction.OUTBOUND);
    }

    @Test
    void attackSequenceIsCriticalWithoutAction() {
        Finding f = one(DIR + "eb_attacksequence-ec2-compromisedinstancegroup_critical.json");
        assertThat(f.severity().nativeValue()).isEqualTo("9.3");
        assertThat(f.severity().normalized()).isEqualTo(9.3);
        assertThat(f.severity().label()).isEqualTo(SeverityLabel.CRITICAL);
        assertThat(f.resource().type()).isEqualTo("AttackSequence");
    }

    @Test
    void attackSequenceEndpointsAndIndicatorAddressesAreRemoteIndicators() {
        Finding f = one(DIR + "eb_attacksequence-ec2-compromisedinstancegroup_critical.json");
        assertThat(f.network()).allSatisfy(n -> assertThat(n.kind()).isEqualTo(IndicatorKind.ATTACK_SEQUENCE));
        assertThat(f.network()).extracting(n -> n.remoteIp(), n -> n.ipVersion(), n -> n.domain(), n -> n.direction(),
                n -> n.remotePort()).containsExactly(
                tuple("198.51.100.23", 4, null, Direction.OUTBOUND, 443),
                tuple("2001:db8:4006:812::200e", 6, null, Direction.INBOUND, null),
                tuple(null, null, "c2.example.net", Direction.OUTBOUND, 8443),
                tuple("203.0.113.9", 4, null, null, null),
                tuple("192.0.2.77", 4, null, null, null));
        Finding.NetworkIndicator first = f.network().get(0);
        assertThat(first.asn()).isEqualTo(64500L);
        assertThat(first.asnOrg()).isEqualTo("Example Transit");
        assertThat(first.countryName()).isEqualTo("Exampleland");
    }

    @Test
    void attackSequenceIndicatorsWithoutKeyOrOfAnotherShapeAreSkipped() {
        String event = new String(bytes(DIR + "eb_attacksequence-ec2-compromisedinstancegroup_critical.json"),
                StandardCharsets.UTF_8)
                .replace("\"key\": \"TOR_IP\",", "")
                .replace("\"endpoints\": [", "\"endpoints\": [\"not an endpoint\", {\"id\": \"no address\"}, ");
        NormalizeResult result = Fixtures.NORMALIZER.normalize(event.getBytes(StandardCharsets.UTF_8));
        assertThat(result).isInstanceOf(NormalizeResult.Normalized.class);
        Finding f = ((NormalizeResult.Normalized) result).findings().get(0);
        assertThat(f.network()).extracting(NetworkIndicator::remoteIp).doesNotContain("203.0.113.9").hasSize(4);
    }

    @Test
    void severityBandsFollowGuardDutyDocumentation() {
        assertThat(Severities.guardDuty("0.5", 0.5).label()).as("below 1.0 is undocumented: LOW").isEqualTo(SeverityLabel.LOW);
        assertThat(Severities.guardDuty("1", 1.0).label()).isEqualTo(SeverityLabel.LOW);
        assertThat(Severities.guardDuty("3.9", 3.9).label()).isEqualTo(SeverityLabel.LOW);
        assertThat(Severities.guardDuty("4", 4.0).label()).isEqualTo(SeverityLabel.MEDIUM);
        assertThat(Severities.guardDuty("6.9", 6.9).label()).isEqualTo(SeverityLabel.MEDIUM);
        assertThat(Severities.guardDuty("7", 7.0).label()).isEqualTo(SeverityLabel.HIGH);
        assertThat(Severities.guardDuty("8.9", 8.9).label()).isEqualTo(SeverityLabel.HIGH);
        assertThat(Severities.guardDuty("9", 9.0).label()).isEqualTo(SeverityLabel.CRITICAL);
        assertThat(Severities.guardDuty("10", 10.0).label()).isEqualTo(SeverityLabel.CRITICAL);
    }
}
