package dev.findingsresponder.response;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.findingsresponder.model.ActionRequest;
import dev.findingsresponder.model.ActionResult;
import dev.findingsresponder.model.ActionResult.Outcome;
import dev.findingsresponder.model.Finding;
import dev.findingsresponder.model.FindingCodec;
import dev.findingsresponder.model.Mode;
import dev.findingsresponder.model.Topics;
import dev.findingsresponder.response.aws.AwsClients;
import dev.findingsresponder.response.guard.HostileAddresses;
import dev.findingsresponder.testsupport.KafkaTestBroker;
import dev.findingsresponder.testsupport.KafkaTestResource;
import dev.findingsresponder.testsupport.MotoExtension;
import dev.findingsresponder.testsupport.MotoTestResource;
import dev.findingsresponder.testsupport.TopicProbe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.NetworkAclEntry;
import software.amazon.awssdk.services.wafv2.Wafv2Client;
import software.amazon.awssdk.services.wafv2.model.IPAddressVersion;
import software.amazon.awssdk.services.wafv2.model.Scope;

/**
 * The adversarial target set end to end: nacl-deny and waf-block requests in enforce mode for every
 * {@link HostileAddresses} entry go through the real broker; each ends SKIPPED_GUARDRAIL with a reason on
 * actions.results, no AWS call is made (response_aws_calls_total unchanged) and moto's NACL and IP sets stay as
 * they were.
 */
@ExtendWith(MotoExtension.class)
@QuarkusTest
@TestProfile(HostileTargetsTest.OwnAndTrustedRanges.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(MotoTestResource.class)
class HostileTargetsTest {

    private static final String ACCOUNT = "123456789012";
    private static final String REGION = "us-east-1";
    private static final Duration WAIT = Duration.ofSeconds(60);

    /** Own and trusted ranges configured as an operator would (env RESPONSE_OWN_CIDRS / RESPONSE_TRUSTED_CIDRS). */
    public static class OwnAndTrustedRanges implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("response.own-cidrs", HostileAddresses.OWN_CIDR,
                    "response.trusted-cidrs", String.join(",", HostileAddresses.TRUSTED_CIDRS),
                    // no background sweeps: every AWS call in the window below would come from these requests
                    "response.blocks.expiry-check-interval", "1h");
        }
    }

    @Inject
    AwsClients clients;

    @Inject
    MeterRegistry meters;

    @Test
    void noHostileTargetReachesAws() {
        Ec2Client ec2 = clients.ec2(ACCOUNT, REGION);
        Wafv2Client waf = clients.waf(ACCOUNT, REGION);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String vpcId = ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
        String naclId = ec2.createNetworkAcl(r -> r.vpcId(vpcId)).networkAcl().networkAclId();
        String v4Set = "hostile-v4-" + suffix;
        String v6Set = "hostile-v6-" + suffix;
        String v4Id = createIpSet(waf, v4Set, IPAddressVersion.IPV4);
        String v6Id = createIpSet(waf, v6Set, IPAddressVersion.IPV6);
        List<NetworkAclEntry> naclBefore = entries(ec2, naclId);

        List<ActionRequest> requests = new ArrayList<>();
        for (String address : HostileAddresses.all()) {
            requests.add(naclDeny(address, naclId));
            requests.add(wafBlock(address, v4Set, v6Set));
        }
        // an address longer than any name field may be is not a request at all: a dead letter, no result
        List<ActionRequest> deadLettered = requests.stream().filter(r -> r.target().address().length() > 256).toList();
        requests.removeAll(deadLettered);
        double callsBefore = settledAwsCalls();
        Map<String, ActionResult> results;
        try (TopicProbe dlq = TopicProbe.from(Topics.FINDINGS_DLQ)) {
            results = sendAll(requests, deadLettered);
            Set<String> deadIds = deadLettered.stream().map(ActionRequest::requestId).collect(Collectors.toSet());
            assertThat(dlq.await(r -> deadIds.stream().anyMatch(id -> new String(r.value(),
                    java.nio.charset.StandardCharsets.UTF_8).contains(id)), deadLettered.size(), WAIT))
                    .allSatisfy(r -> assertThat(new String(r.value(), java.nio.charset.StandardCharsets.UTF_8))
                            .contains("NOT_AN_ACTION_REQUEST", "target.address is"));
        }
        double callsAfter = awsCalls();

        assertThat(deadLettered).hasSize(4);
        assertThat(results).hasSize(requests.size());
        for (ActionRequest request : requests) {
            ActionResult result = results.get(request.requestId());
            assertThat(result.outcome()).as("outcome for %s '%s'", request.action(), request.target().address())
                    .isEqualTo(Outcome.SKIPPED_GUARDRAIL);
            assertThat(result.detail()).isNotBlank();
        }
        Map<String, Long> byReason = results.values().stream()
                .collect(Collectors.groupingBy(HostileTargetsTest::reasonKind, Collectors.counting()));
        System.out.printf("hostile targets: %d requests (%d addresses x nacl-deny, waf-block), all SKIPPED_GUARDRAIL; "
                + "AWS calls during the run: %.0f; by reason %s%n", requests.size(), requests.size() / 2,
                callsAfter - callsBefore, byReason);

        assertThat(callsAfter - callsBefore).as("AWS calls made for hostile targets").isZero();
        assertThat(writesPerRequestCount()).as("enforced batches").isZero();
        assertThat(entries(ec2, naclId)).isEqualTo(naclBefore);
        assertThat(ipSet(waf, v4Set, v4Id)).isEmpty();
        assertThat(ipSet(waf, v6Set, v6Id)).isEmpty();
    }

    private static String reasonKind(ActionResult result) {
        String d = result.detail();
        for (String kind : List.of("malformed", "/0 prefix", "is a range", "own-infrastructure", "trusted",
                "embedding", "private", "loopback", "link-local", "multicast", "unique local", "unspecified")) {
            if (d.contains(kind)) {
                return kind;
            }
        }
        return "other special-purpose";
    }

    private Map<String, ActionResult> sendAll(List<ActionRequest> requests, List<ActionRequest> deadLettered) {
        Set<String> ids = requests.stream().map(ActionRequest::requestId).collect(Collectors.toSet());
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestBroker.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (TopicProbe probe = TopicProbe.from(Topics.ACTIONS_RESULTS);
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                     new ByteArraySerializer())) {
            for (ActionRequest request : java.util.stream.Stream.concat(requests.stream(), deadLettered.stream()).toList()) {
                producer.send(new ProducerRecord<>(Topics.ACTIONS_REQUESTED, request.target().key(),
                        FindingCodec.write(request)));
            }
            producer.flush();
            Map<String, ActionResult> out = new HashMap<>();
            probe.await(r -> ids.contains(Results.of(r.value()).requestId()), requests.size(), WAIT)
                    .forEach(r -> {
                        ActionResult result = Results.of(r.value());
                        out.put(result.requestId(), result);
                    });
            return out;
        }
    }

    /** AWS calls so far, once no call came in for a moment (the startup reconcile of earlier tests' state is over). */
    private double settledAwsCalls() {
        double last = -1;
        double now = awsCalls();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (now != last && System.nanoTime() < deadline) {
            last = now;
            sleep(500);
            now = awsCalls();
        }
        return now;
    }

    private double awsCalls() {
        return meters.find("response.aws.calls").counters().stream().mapToDouble(Counter::count).sum();
    }

    private long writesPerRequestCount() {
        return meters.find("response.aws.writes.per.request").summaries().stream()
                .filter(s -> List.of("nacl-deny", "waf-block").contains(s.getId().getTag("action")))
                .mapToLong(s -> s.count()).sum();
    }

    private static ActionRequest naclDeny(String address, String naclId) {
        return request("nacl-deny", Map.of("nacl-id", naclId), new ActionRequest.Target(
                "nacl:" + ACCOUNT + ":" + REGION, ACCOUNT, REGION, "network-acl", naclId, address));
    }

    private static ActionRequest wafBlock(String address, String v4Set, String v6Set) {
        return request("waf-block", Map.of("ip-set-v4", v4Set, "ip-set-v6", v6Set, "scope", "REGIONAL"),
                new ActionRequest.Target("waf:" + ACCOUNT + ":" + REGION + ":REGIONAL:" + v4Set, ACCOUNT, REGION,
                        "waf-ip-set", v4Set, address));
    }

    private static ActionRequest request(String action, Map<String, Object> params, ActionRequest.Target target) {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        Finding finding = new Finding("guardduty:" + ACCOUNT + ":" + REGION + ":hostile", "hostile", null, null,
                "Recon:EC2/PortProbeUnprotectedPort", List.of(), "port probe", null, ACCOUNT, REGION, "aws", now, now,
                now, now, 1, null, null, List.of(), List.of(), null, null, "TARGET", List.of(), List.of(), null, null);
        return new ActionRequest("req-" + UUID.randomUUID(), action, params, target, Mode.ENFORCE, Duration.ofHours(1),
                "block-attackers", "hostile target", Instant.now(), finding, null);
    }

    private static String createIpSet(Wafv2Client waf, String name, IPAddressVersion version) {
        return waf.createIPSet(r -> r.name(name).scope(Scope.REGIONAL).ipAddressVersion(version).addresses(List.of()))
                .summary().id();
    }

    private static List<String> ipSet(Wafv2Client waf, String name, String id) {
        return waf.getIPSet(r -> r.name(name).id(id).scope(Scope.REGIONAL)).ipSet().addresses();
    }

    private static List<NetworkAclEntry> entries(Ec2Client ec2, String naclId) {
        return ec2.describeNetworkAcls(r -> r.networkAclIds(naclId)).networkAcls().get(0).entries();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
