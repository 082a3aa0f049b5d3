package dev.findingsresponder.response.action;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.findingsresponder.bench.BenchCorpus;
import dev.findingsresponder.model.ActionRequest;
import dev.findingsresponder.model.FindingCodec;
import dev.findingsresponder.response.guard.GuardrailSettings;
import dev.findingsresponder.response.guard.Guardrails;
import dev.findingsresponder.triage.TriageEngine;
import software.amazon.awssdk.services.ec2.model.NetworkAcl;
import software.amazon.awssdk.services.ec2.model.NetworkAclEntry;
import software.amazon.awssdk.services.ec2.model.RuleAction;
import software.amazon.awssdk.services.wafv2.model.IPAddressVersion;

/**
 * What response-service does per action request before (and between) its AWS calls: decode the request from
 * actions.requested, find the plug-in and validate the parameters, the guardrails, parse the address, then plan
 * the batch: the rule numbers of {@code nacl-deny} ({@link NaclBatchPlan} over a NACL holding 12 of our blocks and
 * 3 foreign entries) and the read-modify-write of {@code waf-block} ({@link IpSetWriter} against an in-memory IP
 * set of 200 addresses: no HTTP). The corpus is every action request the example policy makes for the fixtures,
 * as one batch. Beside it, a bare Jackson {@code readTree} of the same request bytes.
 */
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ActionPlanningBenchmark {

    private final ObjectMapper bare = new ObjectMapper();
    private final ActionRegistry registry = ActionRegistry.defaults();
    private final Guardrails guardrails = new Guardrails(new GuardrailSettings(List.of("10.0.0.0/8"),
            List.of("198.51.100.200/32", "2001:db8:ffff::/48"), false));
    private List<byte[]> requests;
    private NetworkAcl acl;
    private InMemoryWaf waf;

    @Setup
    public void setUp() {
        TriageEngine engine = BenchCorpus.engine(BenchCorpus.policy("example"));
        requests = BenchCorpus.canonicalFindings().stream()
                .map(FindingCodec::fromJson)
                .flatMap(finding -> engine.explain(finding).requests().stream())
                .map(FindingCodec::write)
                .toList();
        List<NetworkAclEntry> entries = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            entries.add(deny(80 + i, "192.0.2." + (100 + i) + "/32"));
        }
        entries.add(NetworkAclEntry.builder().ruleNumber(70).egress(false).protocol("6").ruleAction(RuleAction.ALLOW)
                .cidrBlock("0.0.0.0/0").build());
        entries.add(NetworkAclEntry.builder().ruleNumber(100).egress(false).protocol("-1").ruleAction(RuleAction.ALLOW)
                .cidrBlock("0.0.0.0/0").build());
        entries.add(NetworkAclEntry.builder().ruleNumber(32767).egress(false).protocol("-1")
                .ruleAction(RuleAction.DENY).cidrBlock("0.0.0.0/0").build());
        acl = NetworkAcl.builder().networkAclId("acl-0123456789abcdef0").entries(entries).build();
        List<String> held = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            held.add("198.18." + (i / 250) + "." + (i % 250) + "/32");
        }
        waf = new InMemoryWaf(IPAddressVersion.IPV4, held);
        System.out.println("\ncorpus: " + BenchCorpus.describe(requests, "action requests"));
    }

    private static NetworkAclEntry deny(int number, String cidr) {
        return NetworkAclEntry.builder().ruleNumber(number).egress(false).protocol("-1").ruleAction(RuleAction.DENY)
                .cidrBlock(cidr).build();
    }

    /** The floor: parse the request bytes into a tree and nothing else. */
    @Benchmark
    public void bareReadTree(Blackhole hole) throws Exception {
        for (byte[] request : requests) {
            hole.consume(bare.readTree(request));
        }
    }

    /** Decode, validate, guardrails, address, and the NACL and WAF batch plans of the whole corpus. */
    @Benchmark
    public void planActions(Blackhole hole) {
        List<BlockAddress> nacl = new ArrayList<>();
        List<BlockAddress> wafV4 = new ArrayList<>();
        for (byte[] json : requests) {
            ActionRequest request = FindingCodec.read(json, ActionRequest.class);
            ResponseAction plugin = registry.find(request.action()).orElseThrow();
            hole.consume(plugin.schema().validate(request.params()));
            Optional<String> violation = guardrails.violation(request);
            if (violation.isPresent() || !plugin.schema().blocking()) {
                hole.consume(violation);
                continue;
            }
            Optional<BlockAddress> address = BlockAddress.parse(request.target().address());
            if (address.isEmpty()) {
                continue;
            }
            if (request.action().equals("nacl-deny")) {
                nacl.add(address.get());
            } else if (!address.get().v6()) {
                wafV4.add(address.get());
            }
        }
        NaclBatchPlan plan = new NaclBatchPlan(new NaclEntries(acl, NaclSettings.DEFAULTS), acl.networkAclId(),
                NaclSettings.DEFAULTS, BlockLedger.NONE, new HashSet<>());
        plan.keepAll(nacl);
        for (BlockAddress address : nacl) {
            hole.consume(plan.decide(address));
        }
        waf.reset();
        hole.consume(new IpSetWriter(waf, WafSettings.DEFAULTS, new AwsCallLog())
                .addAll(new IpSetWriter.IpSetRef("blocked-ipv4", waf.id(),
                        software.amazon.awssdk.services.wafv2.model.Scope.REGIONAL), wafV4));
    }
}
