package dev.findingsresponder.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One packaged service ({@code <module>/target/quarkus-app/quarkus-run.jar}) run as a child process with the
 * given environment, on a free port, its output in a log file; {@link #start} returns once
 * {@code /q/health/ready} answers 200.
 */
public final class ServiceProcess implements AutoCloseable {

    static final String DEFAULT_JVM_OPTIONS = "-Xmx256m -XX:+UseSerialGC";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Path jar;
    private final Path log;
    private final int port;
    private Process process;
    private Map<String, String> env;

    public ServiceProcess(Path repo, String name, Path logDir) {
        this.name = name;
        this.jar = repo.resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
        this.log = logDir.resolve(name + ".log");
        this.port = freePort();
    }

    public boolean packaged() {
        return Files.isRegularFile(jar);
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public Path log() {
        return log;
    }

    public String name() {
        return name;
    }

    /** The process id once {@link #start} was called (for memory sampling), else -1. */
    public long pid() {
        return process == null ? -1 : process.pid();
    }

    public void start(Map<String, String> env, Duration timeout) throws IOException, InterruptedException {
        Files.createDirectories(log.getParent());
        this.env = Map.copyOf(env);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // appended, so a restarted service's log follows the killed one's
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmOptions());
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
        process = builder.start();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; log: " + tail());
            }
            if (ready()) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(name + " not ready within " + timeout + "; log: " + tail());
    }

    /**
     * {@code SERVICE_JAVA_OPTS} (space-separated) when set, for measuring other heap sizes or collectors; else
     * {@value #DEFAULT_JVM_OPTIONS}.
     */
    static List<String> jvmOptions() {
        String configured = System.getenv("SERVICE_JAVA_OPTS");
        String options = configured == null || configured.isBlank() ? DEFAULT_JVM_OPTIONS : configured.trim();
        return List.of(options.split("\\s+"));
    }

    /** Starts the service again with the environment of the last {@link #start}, on the same port. */
    public void restart(Duration timeout) throws IOException, InterruptedException {
        if (env == null) {
            throw new IllegalStateException(name + " was never started");
        }
        start(env, timeout);
    }

    /** SIGKILL, as a crash or an OOM kill would end it: no shutdown hooks, no commit, no flush. */
    public void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor();
        }
    }

    public boolean alive() {
        return process != null && process.isAlive();
    }

    private boolean ready() {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url() + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(2)).GET().build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The last lines of the log, for failure messages. */
    public String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(java.util.concurrent.TimeUnit.SECONDS.toMillis(15),
                        java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }
}
