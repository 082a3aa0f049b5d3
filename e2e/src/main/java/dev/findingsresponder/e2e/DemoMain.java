package dev.findingsresponder.e2e;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.findingsresponder.model.FindingCodec;
import dev.findingsresponder.model.Topics;
import dev.findingsresponder.model.drill.DrillType;

/**
 * The demo scenario of {@code scripts/run-local.sh}: provisions the demo estate in moto (when there is one), sends a
 * mixed set of findings to ingest's {@code POST /events} as EventBridge would, waits until each has its decision
 * and every action its result, and prints what happened to each, then the resulting AWS state.
 *
 * <p>Options: {@code --bootstrap host:port --ingest URL --ingest-key KEY [--aws-endpoint URL] [--account ID]
 * [--region R] [--wait SECONDS]}. Without {@code --aws-endpoint} nothing is provisioned or read back.
 */
public final class DemoMain {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        String bootstrap = options.getOrDefault("bootstrap", "127.0.0.1:9092");
        String ingest = options.getOrDefault("ingest", "http://127.0.0.1:8081");
        String key = options.getOrDefault("ingest-key", "local-dev-key");
        String account = options.getOrDefault("account", "123456789012");
        String region = options.getOrDefault("region", "us-east-1");
        String awsEndpoint = options.get("aws-endpoint");
        Duration wait = Duration.ofSeconds(Long.parseLong(options.getOrDefault("wait", "90")));
        PrintStream out = System.out;

        Aws aws = awsEndpoint == null ? null : new Aws(awsEndpoint, region);
        DemoEstate estate = null;
        String web = "i-0a1b2c3d4e5f60718";
        String app = "i-0f1e2d3c4b5a69788";
        if (aws != null) {
            estate = new EstateProvisioner(aws, account, region).provision();
            web = estate.instances().get("web");
            app = estate.instances().get("app");
            out.printf("demo: estate in moto: VPC %s, subnets %s, NACLs %s, instances %s, IP sets %s/%s, topics %s%n",
                    estate.vpcId(), estate.subnets(), estate.nacls(), estate.instances(), estate.ipSetV4(),
                    estate.ipSetV6(), estate.queueUrls().keySet());
        }
        List<DemoCase> cases = cases(new DemoEvents(account, region), web, app);
        try (TopicTail tail = new TopicTail(bootstrap, List.of(Topics.FINDINGS_TRIAGED, Topics.ACTIONS_RESULTS,
                Topics.FINDINGS_DLQ))) {
            out.printf("demo: sending %d events to %s/events%n", cases.size(), ingest);
            for (DemoCase c : cases) {
                HttpResponse<String> answer = post(ingest, key, c.body());
                out.printf("  %-52s -> HTTP %d %s%n", c.label(), answer.statusCode(), answer.body());
            }
            PipelineReport report = new PipelineReport(tail.readFor(Duration.ofSeconds(2)));
            long deadline = System.nanoTime() + wait.toNanos();
            while (!report.complete(cases) && System.nanoTime() < deadline) {
                report = new PipelineReport(tail.readFor(Duration.ofSeconds(1)));
            }
            if (!report.complete(cases)) {
                out.printf("demo: not every event was fully handled within %s; the report shows what was seen%n", wait);
            }
            out.println("\n===== what happened to each finding =====");
            report.print(cases, out);
        }
        if (aws != null) {
            PipelineReport.printAws(new AwsState(aws, estate), out);
            aws.close();
        } else {
            out.println("\n(no AWS emulator: nothing was provisioned, every playbook ran in observe mode)");
        }
    }

    static List<DemoCase> cases(DemoEvents events, String web, String app) throws IOException {
        List<DemoCase> cases = new ArrayList<>();
        add(cases, "GuardDuty SSH brute force from 203.0.113.10", "NACL deny + WAF block + SNS",
                events.guardDuty(DrillType.SSH_BRUTE_FORCE, "203.0.113.10", web, false));
        add(cases, "GuardDuty SSH brute force from IPv6 2001:db8:bad::10", "NACL deny + WAF (IPv6 set) + SNS",
                events.guardDuty(DrillType.SSH_BRUTE_FORCE, "2001:db8:bad::10", web, false));
        add(cases, "GuardDuty port probe from 203.0.113.20", "NACL deny + WAF block + SNS",
                events.guardDuty(DrillType.PORT_PROBE, "203.0.113.20", web, false));
        add(cases, "GuardDuty crypto mining on the app instance", "instance isolated + SNS [ISOLATED]",
                events.guardDuty(DrillType.CRYPTO_MINING, "203.0.113.30", app, false));
        add(cases, "GuardDuty instance credentials used outside AWS", "SNS [CREDENTIALS] (no block)",
                events.guardDuty(DrillType.CREDENTIAL_EXFILTRATION, "203.0.113.40", web, false));
        add(cases, "Inspector CRITICAL vulnerability with exploit", "SNS [PATCH NOW]",
                events.inspectorCriticalWithExploit(web));
        add(cases, "Config: IAM user credentials unused for 90 days", "SSM automation (moto has no SSM Automation)",
                events.configUnusedCredentials());
        add(cases, "A GuardDuty sample finding (drill)", "SUPPRESSED by guardduty-sample-findings",
                events.guardDuty(DrillType.SSH_BRUTE_FORCE, "203.0.113.60", web, true));
        add(cases, "Our own scanner probing (198.51.100.241)", "SUPPRESSED by trusted-vulnerability-scanner",
                events.guardDuty(DrillType.PORT_PROBE, "198.51.100.241", web, false));
        add(cases, "A malformed event (unknown detail-type)", "rejected: HTTP 400, dead letter with the reason",
                events.malformed());
        return cases;
    }

    private static void add(List<DemoCase> cases, String label, String expected, byte[] body) throws IOException {
        String eventId = FindingCodec.mapper().readTree(body).path("id").asText();
        cases.add(new DemoCase(label, expected, eventId, body));
    }

    private static HttpResponse<String> post(String ingest, String key, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(ingest + "/events")).timeout(Duration.ofSeconds(30))
                .header("x-api-key", key).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option value, got " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }
}
