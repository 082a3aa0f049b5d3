package dev.findingsresponder.response;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;


import dev.findingsresponder.model.ActionRequest;
import dev.findingsresponder.model.ActionResult;
import dev.findingsresponder.model.ActionResult.Outcome;
import dev.findingsresponder.model.FindingCodec;
import dev.findingsresponder.model.Mode;
import dev.findingsresponder.model.Topics;
import dev.findingsresponder.response.aws.AwsClients;
import dev.findingsresponder.response.rest.OperatorKeys;
import dev.findingsresponder.testsupport.KafkaTestBroker;
import dev.findingsresponder.testsupport.KafkaTestResource;
import dev.findingsresponder.testsupport.MotoExtension;
import dev.findingsresponder.testsupport.MotoTestResource;
import dev.findingsresponder.testsupport.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.NetworkAclEntry;
import software.amazon.awssdk.services.ec2.model.RuleAction;
import software.amazon.awssdk.services.wafv2.Wafv2Client;
import software.amazon.awssdk.services.wafv2.model.CreateIpSetResponse;
import software.amazon.awssdk.services.wafv2.model.IPAddressVersion;
import software.amazon.awssdk.services.wafv2.model.Scope;

/**
 * Blocks over time, through the running service: expiry removes them from the NACL and the IP set, the reconciler
 * repairs a hand-deleted entry and reports foreign ones, an operator unblocks, and a storm on one IP set is
 * coalesced into a few writes. Real broker, real SDK calls to moto.
 */
@ExtendWith(MotoExtension.class)
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(MotoTestResource.class)
class BlockLifecycleTest {

    private static final String ACCOUNT = "123456789012";
    private static final String REGION = "us-east-1";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    AwsClients clients;

    private Ec2Client ec2;
    private Wafv2Client waf;
    private String naclId;
    private String setName;
    private String setId;

    @BeforeEach
    void createNaclAndIpSet() {
        ec2 = clients.ec2(ACCOUNT, REGION);
        waf = clients.waf(ACCOUNT, REGION);
        String vpcId = ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
        naclId = ec2.createNetworkAcl(r -> r.vpcId(vpcId)).networkAcl().networkAclId();
        setName = "blocklist-v4-" + UUID.randomUUID().toString().substring(0, 8);
        CreateIpSetResponse created = waf.createIPSet(r -> r.name(setName).scope(Scope.REGIONAL)
                .ipAddressVersion(IPAddressVersion.IPV4).addresses(List.of()).description("test block list"));
        setId = created.summary().id();
    }

    @Test
    void aBlockWithAShortTtlLeavesTheNaclAndTheIpSetWhenItExpires() {
        String address = "198.51.100.20";
        ActionRequest nacl = naclDeny(address, Duration.ofSeconds(3));
        ActionRequest ipSet = wafBlock(address, Duration.ofSeconds(3));
        try (TopicProbe results = TopicProbe.from(Topics.ACTIONS_RESULTS)) {
            send(nacl, ipSet);
            assertThat(Results.await(results, nacl.requestId(), 1, WAIT).get(0).outcome()).isEqualTo(Outcome.APPLIED);
            assertThat(Results.await(results, ipSet.requestId(), 1, WAIT).get(0).outcome()).isEqualTo(Outcome.APPLIED);
            assertThat(naclHolds(address)).isTrue();
            assertThat(ipSetHolds(address)).isTrue();
            List<Map<String, Object>> blocks = OperatorKeys.asViewer().queryParam("address", address).get("/blocks")
                    .then().statusCode(200).extract().jsonPath().getList("$");
            assertThat(blocks).hasSize(2).allSatisfy(b -> assertThat(b.get("status")).isEqualTo("ACTIVE"));
            Instant expiresAt = Instant.parse((String) blocks.get(0).get("expiresAt"));

            for (ActionRequest request : List.of(nacl, ipSet)) {
                List<ActionResult> ended = Results.await(results, request.requestId(), 3, WAIT);
                assertThat(ended).extracting(ActionResult::outcome)
                        .containsExactly(Outcome.APPLIED, Outcome.EXPIRED, Outcome.REMOVED);
                assertThat(ended.get(2).finishedAt()).isAfterOrEqualTo(expiresAt.minusMillis(1));
                System.out.printf("expiry of %s: removed %d ms after its expiry time%n", request.action(),
                        Duration.between(expiresAt, ended.get(2).finishedAt()).toMillis());
            }
        }
        assertThat(naclHolds(address)).isFalse();
        assertThat(ipSetHolds(address)).isFalse();
        OperatorKeys.asViewer().queryParam("address", address).get("/blocks").then().statusCode(200)
                .body("size()", org.hamcrest.Matchers.is(0));
    }

    @Test
    void theReconcilerRepairsAHandDeletedEntryAndReportsWhatIsNotOurs() {
        String address = "198.51.100.30";
        ActionRequest request = naclDeny(address, Duration.ofHours(1));
        ActionResult applied = sendAndAwait(request).get(0);
        assertThat(applied.outcome()).isEqualTo(Outcome.APPLIED);
        int rule = Integer.parseInt(applied.facts().get("ruleNumber"));
        ec2.deleteNetworkAclEntry(r -> r.networkAclId(naclId).ruleNumber(rule).egress(false));
        ec2.createNetworkAclEntry(r -> r.networkAclId(naclId).ruleNumber(98).egress(false).protocol("6")
                .portRange(p -> p.from(22).to(22)).cidrBlock("192.0.2.0/24").ruleAction(RuleAction.ALLOW));
        ec2.createNetworkAclEntry(r -> r.networkAclId(naclId).ruleNumber(97).egress(false).protocol("-1")
                .cidrBlock("192.0.2.77/32").ruleAction(RuleAction.DENY));
        assertThat(naclHolds(address)).isFalse();

        RestAssured.given().post("/reconcile").then().statusCode(401);
        OperatorKeys.asViewer().post("/reconcile").then().statusCode(403);
        Map<String, Object> report = OperatorKeys.asOperator().post("/reconcile").then().statusCode(200)
                .extract().jsonPath().getMap("$");

        List<Map<String, Object>> drift = driftAt(report, "nacl:" + ACCOUNT + ":" + REGION + ":" + naclId);
        assertThat(drift).anySatisfy(d -> {
            assertThat(d.get("kind")).isEqualTo("MISSING");
            assertThat(d.get("cidr")).isEqualTo(address + "/32");
            assertThat((String) d.get("action")).startsWith("REPAIRED");
        });
        assertThat(drift).anySatisfy(d -> {
            assertThat(d.get("kind")).isEqualTo("UNKNOWN");
            assertThat(d.get("cidr")).isEqualTo("192.0.2.77/32");
        });
        assertThat(drift).anySatisfy(d -> assertThat(d.get("kind")).isEqualTo("FOREIGN"));
        assertThat(naclHolds(address)).isTrue();
        assertThat(entries().stream().map(NetworkAclEntry::ruleNumber)).contains(97, 98); // reported, never deleted
        OperatorKeys.asViewer().get("/reconcile").then().statusCode(200);
        assertThat(metrics()).contains("response_reconcile_drift_total{kind=\"MISSING\"}",
                "response_reconcile_drift_total{kind=\"FOREIGN\"}",
                "response_active_blocks{target=\"nacl:" + ACCOUNT + ":" + REGION + "\"}");
    }

    @Test
    void aBlockEvictedFromAFullNaclLeavesTheDesiredStateSoTheReconcilerLeavesItOut() {
        String victim = null;
        for (int i = 1; i <= 30 && victim == null; i++) {
            ActionResult applied = sendAndAwait(naclDeny("203.0.113." + i, Duration.ofHours(1))).get(0);
            assertThat(applied.outcome()).isEqualTo(Outcome.APPLIED);
            victim = applied.facts().get("evicted");
        }
        assertThat(victim).as("a full NACL evicts our oldest block").isNotNull();
        String evicted = victim;
        int held = entries().size();

        Map<String, Object> report = OperatorKeys.asOperator().post("/reconcile").then().statusCode(200)
                .extract().jsonPath().getMap("$");
        assertThat(driftAt(report, "nacl:" + ACCOUNT + ":" + REGION + ":" + naclId))
                .noneSatisfy(d -> assertThat(d.get("cidr")).isEqualTo(evicted));
        assertThat(naclHolds(evicted.replace("/32", ""))).isFalse();
        assertThat(entries()).hasSize(held);
        String blocks = OperatorKeys.asViewer().queryParam("address", evicted.replace("/32", "")).get("/blocks")
                .then().statusCode(200).extract().asString();
        assertThat(blocks).as("blocks of the evicted address").doesNotContain(naclId);
    }

    @Test
    void aBlockTheReconcilerEvictsToRepairAnotherLeavesTheDesiredStateSoRepairsDoNotPingPong() {
        String evictedByRequests = null;
        for (int i = 1; i <= 30 && evictedByRequests == null; i++) {
            evictedByRequests = sendAndAwait(naclDeny("203.0.113." + (100 + i), Duration.ofHours(1))).get(0)
                    .facts().get("evicted");
        }
        assertThat(evictedByRequests).as("the NACL is full of our blocks").isNotNull();
        NetworkAclEntry handDeleted = entries().stream()
                .filter(e -> e.ruleNumber() >= 80 && e.ruleNumber() <= 99 && e.cidrBlock() != null)
                .max(java.util.Comparator.comparing(NetworkAclEntry::ruleNumber)).orElseThrow();
        ec2.deleteNetworkAclEntry(r -> r.networkAclId(naclId).ruleNumber(handDeleted.ruleNumber()).egress(false));
        // a person's own rule takes the freed place in the quota, so writing the block back must evict one of ours
        ec2.createNetworkAclEntry(r -> r.networkAclId(naclId).ruleNumber(10).egress(false).protocol("6")
                .portRange(p -> p.from(443).to(443)).cidrBlock("192.0.2.0/24").ruleAction(RuleAction.ALLOW));

        Map<String, Object> first = OperatorKeys.asOperator().post("/reconcile").then().statusCode(200)
                .extract().jsonPath().getMap("$");
        assertThat(driftAt(first, "nacl:" + ACCOUNT + ":" + REGION + ":" + naclId)).anySatisfy(d -> {
            assertThat(d.get("kind")).isEqualTo("MISSING");
            assertThat(d.get("cidr")).isEqualTo(handDeleted.cidrBlock());
            assertThat((String) d.get("action")).startsWith("REPAIRED").contains("evicted");
        });
        assertThat(naclHolds(handDeleted.cidrBlock().replace("/32", ""))).isTrue();

        Map<String, Object> second = OperatorKeys.asOperator().post("/reconcile").then().statusCode(200)
                .extract().jsonPath().getMap("$");
        assertThat(driftAt(second, "nacl:" + ACCOUNT + ":" + REGION + ":" + naclId))
                .as("the block evicted by the repair is not reported missing and written back")
                .noneSatisfy(d -> assertThat(d.get("kind")).isEqualTo("MISSING"));
    }

    @Test
    void anOperatorUnblocksAnAddressEverywhere() {
        String address = "198.51.100.40";
        ActionRequest nacl = naclDeny(address, Duration.ofHours(1));
        ActionRequest ipSet = wafBlock(address, Duration.ofHours(1));
        try (TopicProbe results = TopicProbe.from(Topics.ACTIONS_RESULTS)) {
            send(nacl, ipSet);
            Results.await(results, nacl.requestId(), 1, WAIT);
            Results.await(results, ipSet.requestId(), 1, WAIT);

            RestAssured.given().queryParam("address", address).delete("/blocks").then().statusCode(401);
            OperatorKeys.asViewer().queryParam("address", address).delete("/blocks").then().statusCode(403);
            OperatorKeys.asOperator().queryParam("address", "not-an-address").delete("/blocks").then().statusCode(400);
            OperatorKeys.asOperator().queryParam("address", address).delete("/blocks").then().statusCode(200)
                    .body("size()", org.hamcrest.Matchers.is(2));

            for (ActionRequest request : List.of(nacl, ipSet)) {
                ActionResult removed = Results.await(results, request.requestId(), 2, WAIT).get(1);
                assertThat(removed.outcome()).isEqualTo(Outcome.REMOVED);
                assertThat(removed.detail()).startsWith("unblocked by " + OperatorKeys.OPERATOR_NAME);
            }
        }
        assertThat(naclHolds(address)).isFalse();
        assertThat(ipSetHolds(address)).isFalse();
        OperatorKeys.asOperator().queryParam("address", address).delete("/blocks").then().statusCode(404);
        List<Map<String, Object>> recent = OperatorKeys.asViewer().queryParam("limit", 500).get("/results")
                .then().statusCode(200).extract().jsonPath().getList("$");
        assertThat(recent).anySatisfy(r -> {
            assertThat(r.get("requestId")).isEqualTo(nacl.requestId());
            assertThat(r.get("outcome")).isEqualTo("REMOVED");
        });
        RestAssured.given().get("/results").then().statusCode(401);
        RestAssured.given().get("/blocks").then().statusCode(401);
    }

    @Test
    void aStormOnOneIpSetIsCoalescedIntoAFewWrites() {
        int addresses = 500;
        int requests = 2_000;
        List<ActionRequest> storm = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            int n = i % addresses;
            storm.add(wafBlock("203.0." + (113 + n / 250) + "." + (n % 250 + 1), Duration.ofHours(1)));
        }
        double writesBefore = awsCalls("UpdateIPSet");
        List<ActionResult> results;
        Instant start = Instant.now();
        try (TopicProbe probe = TopicProbe.from(Topics.ACTIONS_RESULTS)) {
            send(storm.toArray(ActionRequest[]::new));
            java.util.Set<String> ids = new java.util.HashSet<>(storm.stream().map(ActionRequest::requestId).toList());
            results = probe.await(r -> ids.contains(Results.of(r.value()).requestId()), requests, Duration.ofMinutes(3))
                    .stream().map(r -> Results.of(r.value())).toList();
        }
        Instant lastEnforced = results.stream().filter(r -> r.outcome() == Outcome.APPLIED)
                .map(ActionResult::finishedAt).max(Instant::compareTo).orElseThrow();
        double writes = awsCalls("UpdateIPSet") - writesBefore;
        System.out.printf("storm: %d requests for %d addresses -> %.0f UpdateIPSet calls; last enforcement %d ms"
                + " after the first request was sent%n", requests, addresses, writes,
                Duration.between(start, lastEnforced).toMillis());

        assertThat(results).hasSize(requests);
        assertThat(results).filteredOn(r -> r.outcome() == Outcome.APPLIED).hasSize(addresses);
        assertThat(results).filteredOn(r -> r.outcome() == Outcome.ALREADY_APPLIED).hasSize(requests - addresses);
        assertThat(waf.getIPSet(r -> r.name(setName).id(setId).scope(Scope.REGIONAL)).ipSet().addresses())
                .hasSize(addresses);
        // one write per request would be 500 UpdateIPSet calls (one per new address)
        assertThat(writes).isLessThanOrEqualTo(50);
        assertThat(metrics()).contains("response_aws_writes_per_request_count{action=\"waf-block\"}",
                "response_aws_writes_total{operation=\"UpdateIPSet\"}");
    }

    private ActionRequest naclDeny(String address, Duration ttl) {
        return new ActionRequest("req-" + UUID.randomUUID(), "nacl-deny", Map.of("nacl-id", naclId),
                new ActionRequest.Target("nacl:" + ACCOUNT + ":" + REGION, ACCOUNT, REGION, "network-acl", naclId,
                        address),
                Mode.ENFORCE, ttl, "block-attackers", "first alert", Instant.now(), null, null);
    }

    private ActionRequest wafBlock(String address, Duration ttl) {
        return new ActionRequest("req-" + UUID.randomUUID(), "waf-block", Map.of("ip-set-v4", setName),
                new ActionRequest.Target("waf:" + ACCOUNT + ":" + REGION + ":REGIONAL:" + setName, ACCOUNT, REGION,
                        "waf-ip-set", setName, address),
                Mode.ENFORCE, ttl, "block-attackers", "first alert", Instant.now(), null, null);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> driftAt(Map<String, Object> report, String location) {
        return ((List<Map<String, Object>>) report.get("drift")).stream()
                .filter(d -> location.equals(d.get("location"))).toList();
    }

    private List<NetworkAclEntry> entries() {
        return ec2.describeNetworkAcls(r -> r.networkAclIds(naclId)).networkAcls().get(0).entries().stream()
                .filter(e -> !e.egress()).toList();
    }

    private boolean naclHolds(String address) {
        return entries().stream().anyMatch(e -> (address + "/32").equals(e.cidrBlock())
                && e.ruleAction() == RuleAction.DENY);
    }

    private boolean ipSetHolds(String address) {
        return waf.getIPSet(r -> r.name(setName).id(setId).scope(Scope.REGIONAL)).ipSet().addresses()
                .contains(address + "/32");
    }

    private static String metrics() {
        return RestAssured.given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    private static double awsCalls(String operation) {
        return metrics().lines()
                .filter(l -> l.startsWith("response_aws_calls_total{") && l.contains("operation=\"" + operation + "\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private List<ActionResult> sendAndAwait(ActionRequest request) {
        try (TopicProbe results = TopicProbe.from(Topics.ACTIONS_RESULTS)) {
            send(request);
            return Results.await(results, request.requestId(), 1, WAIT);
        }
    }

    /** Sends all at once (asynchronously, then waits for every ack), as a storm arrives. */
    static void send(ActionRequest... requests) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestBroker.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer())) {
            List<Future<RecordMetadata>> sends = new ArrayList<>();
            for (ActionRequest request : requests) {
                sends.add(producer.send(new ProducerRecord<>(Topics.ACTIONS_REQUESTED, request.target().key(),
                        FindingCodec.write(request))));
            }
            for (Future<RecordMetadata> send : sends) {
                send.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not send the requests", e);
        }
    }



}
