package dev.findingsresponder.bench.load;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.findingsresponder.e2e.ServiceProcess;

/**
 * The three packaged services as processes (e2e's {@link ServiceProcess}: {@code -Xmx256m -XX:+UseSerialGC}, as in
 * the end-to-end tests), started one after the other so each start-up is measured on its own: from process start
 * to the first 200 of {@code /q/health/ready} (polled every 250 ms, so figures are rounded up to that).
 */
final class Pipeline implements AutoCloseable {

    static final List<String> SERVICES = List.of("ingest-service", "triage-service", "response-service");

    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private final Map<String, Duration> startup = new LinkedHashMap<>();

    /**
     * @param responseEnv extra environment of response-service (AWS endpoint, coalescing window, ...)
     */
    Pipeline(Path repo, Path logs, String bootstrap, Path policy, Map<String, String> responseEnv, RssSampler rss,
            Cleanup cleanup) throws Exception {
        Map<String, String> common = new HashMap<>();
        common.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        common.put("AWS_REGION", "us-east-1");
        common.put("AWS_ACCESS_KEY_ID", "testing");
        common.put("AWS_SECRET_ACCESS_KEY", "testing");
        for (String name : SERVICES) {
            ServiceProcess service = cleanup.add(new ServiceProcess(repo, name, logs));
            if (!service.packaged()) {
                throw new IllegalStateException(name + " is not packaged: run ./mvnw -B install -DskipTests first "
                        + "(bench/load.sh does)");
            }
            Map<String, String> env = new HashMap<>(common);
            switch (name) {
                case "ingest-service" -> env.put("INGEST_HTTP_API_KEY", "load-ingest-key-0000000000001");
                case "triage-service" -> env.put("TRIAGE_POLICY_FILE", policy.toString());
                default -> env.putAll(responseEnv);
            }
            long started = System.nanoTime();
            service.start(env, Duration.ofSeconds(180));
            startup.put(name, Duration.ofNanos(System.nanoTime() - started));
            rss.watch(name, service.pid());
            services.put(name, service);
            System.out.printf("  %-17s ready in %5.1f s  %s  (log %s)%n", name, startup.get(name).toMillis() / 1000.0,
                    service.url(), service.log());
        }
    }

    Map<String, Duration> startup() {
        return startup;
    }

    String url(String name) {
        return services.get(name).url();
    }

    @Override
    public void close() {
        List.copyOf(services.values()).reversed().forEach(ServiceProcess::close);
    }
}
