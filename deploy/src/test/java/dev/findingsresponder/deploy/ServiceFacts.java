package dev.findingsresponder.deploy;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one service reads and serves, from its own files: {@code application.properties} (port, channels, health and
 * metrics paths, {@code ${VAR:default}} references), its {@code @ConfigMapping} interfaces and its pom.
 */
final class ServiceFacts {

    /** A Kafka channel the service consumes. */
    record Channel(String name, String topic, String groupId, String autoOffsetReset) {
    }

    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{([A-Z_][A-Z0-9_]*)(?::[^}]*)?}");
    private static final Map<String, ServiceFacts> CACHE = new ConcurrentHashMap<>();

    final String name;
    final Path moduleDir;
    final Properties properties;
    private final String pom;
    /** Environment variables read exactly, and prefixes under which any name is read (map-valued properties). */
    final Set<String> envNames;
    final Set<String> envPrefixes;

    private ServiceFacts(String name) {
        this.name = name;
        this.moduleDir = Repo.path(name);
        String text = Repo.read(moduleDir.resolve("src/main/resources/application.properties"));
        Properties all = new Properties();
        try {
            all.load(new StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // the production view: profile-specific (%test., %dev.) entries do not apply in a container
        properties = new Properties();
        all.stringPropertyNames().stream().filter(k -> !k.startsWith("%")).forEach(k -> properties.setProperty(k, all.getProperty(k)));
        pom = Repo.read(moduleDir.resolve("pom.xml"));

        Set<String> env = new TreeSet<>();
        Set<String> prefixes = new TreeSet<>();
        for (String key : properties.stringPropertyNames()) {
            env.add(envName(key)); // SmallRye maps every property to an environment variable, e.g. QUARKUS_HTTP_PORT
            Matcher m = ENV_REFERENCE.matcher(properties.getProperty(key));
            while (m.find()) {
                env.add(m.group(1)); // ${KAFKA_BOOTSTRAP_SERVERS:127.0.0.1:9092}
            }
        }
        ConfigMappings.Names mapped = ConfigMappings.of(name, text);
        mapped.exact().forEach(p -> env.add(envName(p)));
        mapped.prefixes().forEach(p -> prefixes.add(envName(p)));
        envNames = Collections.unmodifiableSet(env);
        envPrefixes = Collections.unmodifiableSet(prefixes);
    }

    static ServiceFacts of(String service) {
        return CACHE.computeIfAbsent(service, ServiceFacts::new);
    }

    static List<ServiceFacts> all() {
        return Repo.SERVICES.stream().map(ServiceFacts::of).toList();
    }

    /** The environment variable SmallRye Config reads for a property: non-alphanumerics become _, upper case. */
    static String envName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(java.util.Locale.ROOT);
    }

    /** Whether setting this environment variable changes anything in the service. */
    boolean readsEnv(String variable) {
        return envNames.contains(variable) || envPrefixes.stream().anyMatch(p -> variable.startsWith(p) && variable.length() > p.length());
    }

    /** quarkus.http.port, or QUARKUS_HTTP_PORT when the environment sets it. */
    int httpPort(Map<String, String> environment) {
        String override = environment.get("QUARKUS_HTTP_PORT");
        return Integer.parseInt(override != null ? override : required("quarkus.http.port"));
    }

    int httpPort() {
        return httpPort(Map.of());
    }

    /** Whether the service calls AWS at all (it has an aws.* configuration group). */
    boolean usesAws() {
        return envNames.contains("AWS_REGION");
    }

    boolean hasDependency(String artifactId) {
        return pom.contains("<artifactId>" + artifactId + "</artifactId>");
    }

    /** The Kafka channels it consumes (mp.messaging.incoming.*, smallrye-kafka), by channel name. */
    Map<String, Channel> incomingKafkaChannels() {
        Map<String, Channel> channels = new LinkedHashMap<>();
        String prefix = "mp.messaging.incoming.";
        for (String key : new TreeSet<>(properties.stringPropertyNames())) {
            if (key.startsWith(prefix) && key.endsWith(".connector") && "smallrye-kafka".equals(properties.getProperty(key))) {
                String channel = key.substring(prefix.length(), key.length() - ".connector".length());
                String base = prefix + channel + ".";
                channels.put(channel, new Channel(channel, properties.getProperty(base + "topic", channel),
                        properties.getProperty(base + "group.id"), properties.getProperty(base + "auto.offset.reset", "latest")));
            }
        }
        return channels;
    }

    /** The health endpoints SmallRye Health serves with this configuration, by kind (health, live, ready, started). */
    Map<String, String> healthPaths() {
        if (!hasDependency("quarkus-smallrye-health")) {
            return Map.of();
        }
        String health = join(nonApplicationRoot(), properties.getProperty("quarkus.smallrye-health.root-path", "health"));
        Map<String, String> paths = new LinkedHashMap<>();
        paths.put("health", health);
        paths.put("live", join(health, properties.getProperty("quarkus.smallrye-health.liveness-path", "live")));
        paths.put("ready", join(health, properties.getProperty("quarkus.smallrye-health.readiness-path", "ready")));
        paths.put("started", join(health, properties.getProperty("quarkus.smallrye-health.startup-path", "started")));
        return paths;
    }

    /** The Prometheus scrape path, or null when the service exports none. */
    String metricsPath() {
        if (!hasDependency("quarkus-micrometer-registry-prometheus")
                || "false".equals(properties.getProperty("quarkus.micrometer.export.prometheus.enabled"))) {
            return null;
        }
        return join(nonApplicationRoot(), properties.getProperty("quarkus.micrometer.export.prometheus.path", "metrics"));
    }

    Path dockerfile() {
        return moduleDir.resolve("src/main/docker/Dockerfile.jvm");
    }

    private String nonApplicationRoot() {
        String root = properties.getProperty("quarkus.http.root-path", "/");
        return join(root, properties.getProperty("quarkus.http.non-application-root-path", "q"));
    }

    /** Quarkus' path resolution: an absolute child replaces the parent, a relative one is appended. */
    private static String join(String parent, String child) {
        if (child.startsWith("/")) {
            return child;
        }
        return (parent.endsWith("/") ? parent : parent + "/") + child;
    }

    private String required(String key) {
        String value = properties.getProperty(key);
        if (value == null || value.contains("${")) {
            throw new IllegalStateException(name + ": " + key + " is " + value + " (a literal value is expected)");
        }
        return value;
    }

    @Override
    public String toString() {
        return name;
    }

    /** Environment variables set on the service that it does not read, as messages. */
    List<String> unreadEnv(Iterable<String> variables, String where) {
        List<String> problems = new ArrayList<>();
        for (String variable : variables) {
            if (!readsEnv(variable)) {
                problems.add(where + ": " + name + " reads no environment variable " + variable);
            }
        }
        return problems;
    }
}
