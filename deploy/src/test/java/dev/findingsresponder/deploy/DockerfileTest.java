package dev.findingsresponder.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

/** Each service's src/main/docker/Dockerfile.jvm: a JRE 21 running the Quarkus fast-jar as a non-root user. */
class DockerfileTest {

    @Test
    void everyServiceHasAJvmDockerfileForItsApplication() {
        for (ServiceFacts service : ServiceFacts.all()) {
            assertThat(problems(service, Repo.read(service.dockerfile()))).as(service.name).isEmpty();
        }
    }

    /** The build context is the module: it sends the packaged application and nothing else. */
    @Test
    void theBuildContextSendsOnlyThePackagedApplication() {
        for (ServiceFacts service : ServiceFacts.all()) {
            List<String> rules = Repo.read(service.moduleDir.resolve(".dockerignore")).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
            assertThat(rules).as(service.name).containsExactly("*", "!target/quarkus-app/*");
            assertThat(service.properties.getProperty("quarkus.package.jar.type", "fast-jar")).as("the layout the COPY lines expect")
                    .isEqualTo("fast-jar");
        }
    }

    @Test
    void theChecksFail() {
        ServiceFacts triage = ServiceFacts.of("triage-service");
        String text = Repo.read(triage.dockerfile());
        assertThat(problems(triage, text.replace("EXPOSE 8082", "EXPOSE 8080"))).anyMatch(p -> p.contains("EXPOSE 8080"));
        assertThat(problems(triage, text.replace("USER 10001:10001", "USER app"))).anyMatch(p -> p.contains("numeric"));
        assertThat(problems(triage, text.replace("USER 10001:10001", "USER 0"))).anyMatch(p -> p.contains("numeric"));
        assertThat(problems(triage, text.replace("eclipse-temurin:21-jre-noble", "eclipse-temurin:21-jdk-noble")))
                .anyMatch(p -> p.contains("not a Java 21 runtime"));
        assertThat(problems(triage, text.replace("EXPOSE 8082", "ENV INGEST_HTTP_API_KEY=abc\nEXPOSE 8082")))
                .anyMatch(p -> p.contains("INGEST_HTTP_API_KEY"));
        assertThat(problems(triage, text.replace("COPY target/quarkus-app/app/ /deployments/app/\n", "")))
                .anyMatch(p -> p.contains("fast-jar layout"));
    }

    static List<String> problems(ServiceFacts service, String text) {
        Dockerfile dockerfile = new Dockerfile(service.dockerfile(), text);
        List<String> problems = new ArrayList<>();
        List<String> from = dockerfile.all("FROM");
        if (from.size() != 1 || !from.get(0).matches("(eclipse-temurin:21[\\w.]*-jre\\S*|\\S+/openjdk-21-runtime\\S*)")) {
            problems.add("the base image " + from + " is not a Java 21 runtime (JRE) image");
        }
        int uid = dockerfile.uid();
        if (uid <= 0) {
            problems.add("USER " + dockerfile.last("USER") + " is not a numeric non-root user");
        }
        if (!String.valueOf(service.httpPort()).equals(dockerfile.last("EXPOSE"))) {
            problems.add("EXPOSE " + dockerfile.last("EXPOSE") + " is not the service's port " + service.httpPort());
        }
        Set<String> sources = new TreeSet<>();
        for (String copy : dockerfile.all("COPY")) {
            String[] parts = copy.replaceAll("--\\S+\\s+", "").split("\\s+");
            for (int i = 0; i < parts.length - 1; i++) {
                if (!parts[i].startsWith("target/quarkus-app/")) {
                    problems.add("COPY " + parts[i] + " is not part of the packaged application (target/quarkus-app)");
                }
                sources.add(parts[i]);
            }
        }
        Set<String> fastJar = Set.of("target/quarkus-app/lib/", "target/quarkus-app/*.jar", "target/quarkus-app/app/",
                "target/quarkus-app/quarkus/");
        if (!sources.equals(fastJar)) {
            problems.add("COPY " + sources + " is not the fast-jar layout " + fastJar);
        }
        String entrypoint = String.valueOf(dockerfile.last("ENTRYPOINT"));
        if (!entrypoint.startsWith("[\"java\"") || !entrypoint.contains("\"/deployments/quarkus-run.jar\"")) {
            problems.add("ENTRYPOINT " + entrypoint + " does not exec java -jar /deployments/quarkus-run.jar");
        }
        for (String keyword : List.of("ENV", "ARG")) {
            for (String value : dockerfile.all(keyword)) {
                if (value.toUpperCase(java.util.Locale.ROOT).matches(".*(KEY|SECRET|PASSWORD|TOKEN).*")) {
                    problems.add(keyword + " " + value + ": no secret belongs in the image");
                }
            }
        }
        // after a package, every source is there
        Path app = service.moduleDir.resolve("target/quarkus-app");
        if (Files.isDirectory(app)) {
            for (String source : sources) {
                Path relative = service.moduleDir.resolve(source.replace("*.jar", ""));
                if (source.endsWith("*.jar") ? !hasJar(relative) : !Files.isDirectory(relative)) {
                    problems.add("COPY " + source + ": nothing there in " + app);
                }
            }
        }
        return problems;
    }

    private static boolean hasJar(Path dir) {
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(dir, "*.jar")) {
            return jars.iterator().hasNext();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
