package dev.findingsresponder.bench.load;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.findingsresponder.e2e.Aws;
import dev.findingsresponder.e2e.DemoEstate;
import dev.findingsresponder.e2e.EstateProvisioner;
import dev.findingsresponder.model.drill.DrillType;
import dev.findingsresponder.testsupport.MotoServer;
import software.amazon.awssdk.services.ec2.model.NetworkAclEntry;
import software.amazon.awssdk.services.wafv2.model.Scope;

/**
 * The storm: many SSH brute-force findings from many addresses within a minute, through the whole pipeline in enforce
 * mode against moto (NACL deny and WAF block), counting response-service's AWS calls by operation and the time from
 * produce to enforcement per address. Run with {@code bench/storm.sh}; options are listed by {@code --help}.
 */
public final class StormMain {

    private static final String ACCOUNT = "123456789012";
    private static final String REGION = "us-east-1";
    private static final int WARM_UP_BLOCKS = 15;
    private static final String USAGE = """
            usage: bench/storm.sh [options]        (moto at MOTO_ENDPOINT, default http://127.0.0.1:5000; it is reset)
              --findings N      findings in the storm (default 10000)
              --addresses N     distinct attacker addresses (default 2000; documentation ranges, IPv6 beyond 762)
              --duration D      produce them evenly within D (default 60s)
              --warmup N        port-probe findings no playbook acts on, through ingest and triage first, then 15
                                blocks in the app subnet (not measured; default 2000, 0 = no warm-up)
              --policy FILE     triage policy (default bench/src/main/resources/load/storm-policy.yaml)
              --bootstrap H:P   use this broker instead of starting a fresh one
              --drain-max D     stop waiting after this long in all (default 15m)
              --drain-idle D    stop waiting after this long without a new record (default 30s)
            """;

    private StormMain() {
    }

    public static void main(String[] args) throws Exception {
        LoadOptions options = new LoadOptions(args);
        if (options.flag("help")) {
            System.out.print(USAGE);
            return;
        }
        int findings = options.integer("findings", 10_000);
        int addressCount = options.integer("addresses", 2_000);
        Duration duration = options.duration("duration", Duration.ofSeconds(60));
        String endpoint = MotoServer.endpoint();
        MotoServer.reset();
        DemoEstate estate;
        try (Aws aws = new Aws(endpoint, REGION)) {
            estate = new EstateProvisioner(aws, ACCOUNT, REGION).provision();
        }
        String instance = estate.instances().get("web");
        List<String> addresses = LoadEvents.documentationAddresses(addressCount);
        List<LoadEvent> storm = LoadEvents.storm(findings, addresses, ACCOUNT, instance);
        double rate = storm.size() * 1000.0 / duration.toMillis();
        System.out.printf("storm: %d SSH brute-force findings against %s from %d addresses within %d s (%.0f/s); "
                + "moto %s, estate provisioned (web NACL %s)%n", storm.size(), instance, addresses.size(),
                duration.toSeconds(), rate, endpoint, estate.nacls().get("web"));

        try (RunHarness run = new RunHarness(options)) {
            Path policy = Path.of(options.text("policy",
                    run.repo.resolve("bench/src/main/resources/load/storm-policy.yaml").toString())).toAbsolutePath();
            run.startServices(policy, Map.of("AWS_ENDPOINT_OVERRIDE", endpoint),
                    run.repo.resolve("bench/target/storm-logs"));
            run.warmUp(warmUp(options.integer("warmup", 2_000), estate.instances().get("app")), Duration.ofMinutes(5));
            String response = run.url("response-service");
            AwsCallCounts before = AwsCallCounts.scrape(response);
            try (StageRecorder recorder = run.cleanup.add(new StageRecorder(run.bootstrap))) {
                long wall = System.currentTimeMillis();
                long nanos = System.nanoTime();
                System.out.println("storm...");
                PacedProducer.Sent sent = new PacedProducer(run.bootstrap).produce(storm, rate);
                RunHarness.drain(recorder, storm.size(), options.duration("drain-idle", Duration.ofSeconds(30)),
                        options.duration("drain-max", Duration.ofMinutes(15)), "drain");
                AwsCallCounts calls = AwsCallCounts.scrape(response).since(before);
                run.report(recorder, sent, rate);
                Outcomes.print(recorder);
                Enforcement enforcement = new Enforcement(wall, nanos);
                List<Enforcement.Figures> figures;
                synchronized (recorder) {
                    figures = List.of(enforcement.of("waf-block", storm, sent.sentNanos(), recorder.results),
                            enforcement.of("nacl-deny", storm, sent.sentNanos(), recorder.results));
                }
                StormReport.print(storm.size(), calls, figures);
                awsState(endpoint, estate, options.integer("warmup", 2_000) > 0 ? WARM_UP_BLOCKS : 0);
            }
        }
    }

    /**
     * Port probes no playbook acts on, through ingest and triage; then brute forces from {@value #WARM_UP_BLOCKS}
     * IPv6 addresses against the app instance, so response-service has made every call of the storm once (SDK
     * clients, NACL lookup, both writes) before it is measured, in the app subnet's NACL and not the web one.
     */
    private static List<LoadEvent> warmUp(int findings, String appInstance) {
        if (findings <= 0) {
            return List.of();
        }
        List<String> addresses = new java.util.ArrayList<>();
        for (int i = 1; i <= WARM_UP_BLOCKS; i++) {
            addresses.add("2001:db8:beef::" + i);
        }
        List<LoadEvent> events = new java.util.ArrayList<>(LoadEvents.distinctFindings(DrillType.PORT_PROBE, findings));
        events.addAll(LoadEvents.storm(WARM_UP_BLOCKS, addresses, ACCOUNT, appInstance));
        return events;
    }

    private static void awsState(String endpoint, DemoEstate estate, int warmUpBlocks) {
        try (Aws aws = new Aws(endpoint, REGION)) {
            String naclId = estate.nacls().get("web");
            List<NetworkAclEntry> entries = aws.ec2.describeNetworkAcls(r -> r.networkAclIds(naclId))
                    .networkAcls().get(0).entries();
            long v4 = entries.stream().filter(e -> !e.egress() && "deny".equals(e.ruleActionAsString())
                    && e.cidrBlock() != null && e.ruleNumber() < 32767).count();
            long v6 = entries.stream().filter(e -> !e.egress() && "deny".equals(e.ruleActionAsString())
                    && e.ipv6CidrBlock() != null && e.ruleNumber() < 32767).count();
            System.out.printf("%nAWS state afterwards (moto): web NACL %s holds %d IPv4 and %d IPv6 inbound denies "
                    + "(responder rules 80-99)%n", naclId, v4, v6);
            for (String name : List.of(estate.ipSetV4(), estate.ipSetV6())) {
                var summary = aws.waf.listIPSets(r -> r.scope(Scope.REGIONAL).limit(100)).ipSets().stream()
                        .filter(s -> s.name().equals(name)).findFirst().orElseThrow();
                int size = aws.waf.getIPSet(r -> r.scope(Scope.REGIONAL).name(name).id(summary.id()))
                        .ipSet().addresses().size();
                System.out.printf("  WAF IP set %-14s %d addresses%s%n", name, size,
                        name.equals(estate.ipSetV6()) && warmUpBlocks > 0
                                ? " (" + warmUpBlocks + " of them from the warm-up)" : "");
            }
        }
    }
}
