package dev.findingsresponder.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks docker-compose.yml against the services; every problem found is one message. The file is interpolated first
 * as docker compose does ($$ is a literal $, ${VAR:-default} takes its default in an empty environment).
 */
final class ComposeChecks {

    private final Map<String, Object> compose;
    private final List<String> problems = new ArrayList<>();

    private ComposeChecks(Map<String, Object> compose) {
        this.compose = compose;
    }

    /** Reads docker-compose.yml from the repository root. */
    static Map<String, Object> load() {
        return Repo.yamlMap(Repo.read("docker-compose.yml"), "docker-compose.yml");
    }

    static List<String> run(Map<String, Object> raw) {
        List<String> problems = new ArrayList<>();
        Object interpolated = interpolate(Repo.deepCopy(raw), "", problems);
        ComposeChecks checks = new ComposeChecks(Repo.map(interpolated));
        checks.problems.addAll(problems);
        checks.checkAll();
        return checks.problems;
    }

    /** compose's interpolation over every string; a variable without a default is a problem (it would be empty). */
    static Object interpolate(Object node, String where, List<String> problems) {
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), interpolate(v, where + "/" + k, problems)));
            return out;
        }
        if (node instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                out.add(interpolate(list.get(i), where + "[" + i + "]", problems));
            }
            return out;
        }
        if (!(node instanceof String s)) {
            return node;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '$' || i + 1 >= s.length()) {
                out.append(c);
                continue;
            }
            char next = s.charAt(i + 1);
            if (next == '$') {
                out.append('$');
                i++;
            } else if (next == '{') {
                int end = s.indexOf('}', i);
                String expression = s.substring(i + 2, end);
                Matcher m = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)(:?-)(.*)").matcher(expression);
                if (m.matches()) {
                    out.append(m.group(3));
                } else {
                    problems.add("docker-compose.yml " + where + ": ${" + expression + "} has no default: empty unless the shell sets it");
                }
                i = end;
            } else if (Character.isLetter(next) || next == '_') {
                int end = i + 1;
                while (end < s.length() && (Character.isLetterOrDigit(s.charAt(end)) || s.charAt(end) == '_')) {
                    end++;
                }
                problems.add("docker-compose.yml " + where + ": $" + s.substring(i + 1, end) + " is interpolated from the shell"
                        + " (write $$ for the container's shell)");
                i = end - 1;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private void problem(String message) {
        problems.add("docker-compose.yml: " + message);
    }

    private Map<String, Object> services() {
        return Repo.map(compose.get("services"));
    }

    private void checkAll() {
        for (ServiceFacts service : ServiceFacts.all()) {
            Map<String, Object> s = Repo.map(services().get(service.name));
            if (s.isEmpty()) {
                problem("no service " + service.name);
                continue;
            }
            checkService(service, s);
        }
        checkImages();
    }

    private void checkService(ServiceFacts service, Map<String, Object> s) {
        String name = service.name;
        Map<String, String> env = environment(s);
        service.unreadEnv(env.keySet(), "docker-compose.yml service " + name).forEach(problems::add);
        int port = service.httpPort(env);

        // ports: the container side is the service's HTTP port
        List<Integer> containerPorts = new ArrayList<>();
        for (Object p : Repo.list(s.get("ports"))) {
            if (p instanceof Map<?, ?> longSyntax) {
                containerPorts.add(Integer.parseInt(String.valueOf(longSyntax.get("target"))));
            } else {
                String[] parts = String.valueOf(p).replaceAll("/(tcp|udp)$", "").split(":");
                containerPorts.add(Integer.parseInt(parts[parts.length - 1]));
            }
        }
        if (!containerPorts.equals(List.of(port))) {
            problem(name + ": container ports " + containerPorts + " are not the service's HTTP port [" + port + "]");
        }

        // healthcheck: readiness of this service, on its port
        List<Object> test = Repo.list(Repo.at(s, "healthcheck.test"));
        String command = String.join(" ", test.stream().map(String::valueOf).toList());
        Matcher url = Pattern.compile("https?://(?:127\\.0\\.0\\.1|localhost):(\\d+)(/\\S*?)['\"]?(?:\\s|$)").matcher(command + " ");
        String ready = service.healthPaths().get("ready");
        if (!url.find() || Integer.parseInt(url.group(1)) != port || !url.group(2).equals(ready)) {
            problem(name + ": healthcheck '" + command + "' does not ask http://127.0.0.1:" + port + ready);
        }

        // build: the module's Dockerfile, the module as context
        Path context = Repo.root().resolve(String.valueOf(Repo.at(s, "build.context"))).normalize();
        Path dockerfile = context.resolve(String.valueOf(Repo.at(s, "build.dockerfile"))).normalize();
        if (!Files.isDirectory(context) || !Files.isRegularFile(dockerfile)) {
            problem(name + ": build context " + context + " or Dockerfile " + dockerfile + " does not exist");
        } else if (!sameFile(dockerfile, service.dockerfile())) {
            problem(name + ": builds " + dockerfile + ", not " + service.dockerfile());
        }

        // the services it needs are started first, with a condition
        Map<String, Object> dependsOn = Repo.map(s.get("depends_on"));
        if (dependsOn.isEmpty()) {
            problem(name + ": depends_on is not a map with conditions");
        }
        dependsOn.forEach((dependency, spec) -> {
            String condition = String.valueOf(Repo.map(spec).get("condition"));
            Map<String, Object> target = Repo.map(services().get(dependency));
            if (target.isEmpty()) {
                problem(name + ": depends on " + dependency + ", which is not a service");
            } else if (condition.equals("service_healthy") && target.get("healthcheck") == null) {
                problem(name + ": waits for " + dependency + " to be healthy, which has no healthcheck");
            } else if (!Set.of("service_healthy", "service_completed_successfully").contains(condition)) {
                problem(name + ": depends on " + dependency + " with condition " + condition);
            }
        });
        for (String hostPort : String.valueOf(env.getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "")).split(",")) {
            String host = hostPort.split(":")[0];
            if (!"service_healthy".equals(Repo.str(dependsOn, host + ".condition"))) {
                problem(name + ": does not wait for Kafka " + host + " to be healthy");
            }
            String advertised = String.valueOf(Repo.at(Repo.map(services().get(host)), "environment.KAFKA_ADVERTISED_LISTENERS"));
            if (!advertised.contains("://" + hostPort)) {
                problem(name + ": KAFKA_BOOTSTRAP_SERVERS " + hostPort + " is not an advertised listener of " + host + " (" + advertised + ")");
            }
        }
        String initService = topicInitService();
        if (initService != null && !"service_completed_successfully".equals(Repo.str(dependsOn, initService + ".condition"))) {
            problem(name + ": starts before " + initService + " created the topics");
        }

        // AWS: the emulator with dummy keys, or nothing
        String endpoint = env.get("AWS_ENDPOINT_OVERRIDE");
        if (env.containsKey("AWS_ACCESS_KEY_ID") != (endpoint != null)) {
            problem(name + ": static AWS keys belong with an emulator endpoint, and only there");
        }
        if (endpoint != null) {
            String host = endpoint.replaceAll("^https?://", "").split("[:/]")[0];
            if (!"service_healthy".equals(Repo.str(dependsOn, host + ".condition"))) {
                problem(name + ": does not wait for the AWS emulator " + host + " to be healthy");
            }
        }

        // secrets: development values, marked as such, that the service accepts
        env.forEach((variable, value) -> {
            if (variable.matches(".*(_KEY|_KEYS|SECRET.*|PASSWORD|TOKEN)") && !variable.startsWith("AWS_")) {
                if (!value.contains("dev-only")) {
                    problem(name + ": " + variable + " is not a value marked dev-only");
                }
                if (variable.startsWith("RESPONSE_API_")) {
                    for (String entry : value.split(",")) {
                        String key = entry.substring(entry.indexOf(':') + 1);
                        if (key.length() < 16) {
                            problem(name + ": " + variable + " key '" + key + "' is shorter than 16 characters (the service refuses it)");
                        }
                    }
                }
            }
        });

        // the container runs like the Kubernetes pods: read-only root, writable /tmp, no capabilities
        if (!Boolean.TRUE.equals(s.get("read_only")) || !Repo.list(s.get("tmpfs")).contains("/tmp")) {
            problem(name + ": not read_only with a tmpfs at /tmp");
        }
        if (!Repo.list(s.get("cap_drop")).contains("ALL") || !Repo.list(s.get("security_opt")).contains("no-new-privileges:true")) {
            problem(name + ": capabilities not dropped or no-new-privileges not set");
        }

        if (service.readsEnv("TRIAGE_POLICY_FILE")) {
            checkPolicyMount(name, s, env.get("TRIAGE_POLICY_FILE"));
        }
    }

    /** TRIAGE_POLICY_FILE lies in a read-only bind mount whose host side holds policies/example-policy.yaml there. */
    private void checkPolicyMount(String name, Map<String, Object> s, String policyFile) {
        if (policyFile == null) {
            problem(name + ": TRIAGE_POLICY_FILE is not set (the default path is relative to a working directory)");
            return;
        }
        for (Object v : Repo.list(s.get("volumes"))) {
            String[] parts = String.valueOf(v).split(":");
            if (parts.length < 2) {
                continue;
            }
            String target = parts[1];
            if (policyFile.equals(target) || policyFile.startsWith(target + "/")) {
                Path host = Repo.root().resolve(parts[0]).resolve(policyFile.substring(target.length()).replaceFirst("^/", "")).normalize();
                if (parts.length < 3 || !parts[2].contains("ro")) {
                    problem(name + ": the policy mount " + v + " is not read-only");
                }
                if (!Files.isRegularFile(host) || !sameFile(host, Repo.path("policies/example-policy.yaml"))) {
                    problem(name + ": TRIAGE_POLICY_FILE " + policyFile + " is " + host + " on the host, not policies/example-policy.yaml");
                }
                return;
            }
        }
        problem(name + ": TRIAGE_POLICY_FILE " + policyFile + " is in no mounted volume");
    }

    /** The service that mounts scripts/topics.conf (the topic creation), or null. */
    String topicInitService() {
        for (Map.Entry<String, Object> e : services().entrySet()) {
            for (Object v : Repo.list(Repo.map(e.getValue()).get("volumes"))) {
                if (String.valueOf(v).startsWith("./scripts/topics.conf:")) {
                    return e.getKey();
                }
            }
        }
        problem("no service mounts ./scripts/topics.conf to create the topics");
        return null;
    }

    /** Kafka and moto images are the versions the project builds and tests with. */
    private void checkImages() {
        String kafkaVersion = match(Repo.read("pom.xml"), "<kafka.version>([^<]+)</kafka.version>");
        String motoVersion = match(Repo.read("scripts/moto-local.sh"), "(?m)^MOTO_VERSION=(\\S+)");
        services().forEach((name, spec) -> {
            String image = String.valueOf(Repo.map(spec).get("image"));
            if (image.startsWith("apache/kafka:") && !image.equals("apache/kafka:" + kafkaVersion)) {
                problem(name + ": " + image + " but the project's kafka-clients are " + kafkaVersion);
            }
            if (image.startsWith("motoserver/moto:") && !image.equals("motoserver/moto:" + motoVersion)) {
                problem(name + ": " + image + " but scripts/moto-local.sh runs moto " + motoVersion);
            }
        });
    }

    private static String match(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        return m.find() ? m.group(1) : null;
    }

    static Map<String, String> environment(Map<String, Object> service) {
        Map<String, String> env = new LinkedHashMap<>();
        Object environment = service.get("environment");
        if (environment instanceof Map<?, ?> map) {
            map.forEach((k, v) -> env.put(String.valueOf(k), v == null ? null : String.valueOf(v)));
        } else {
            for (Object entry : Repo.list(environment)) {
                String text = String.valueOf(entry);
                int eq = text.indexOf('=');
                env.put(eq < 0 ? text : text.substring(0, eq), eq < 0 ? null : text.substring(eq + 1));
            }
        }
        return env;
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
