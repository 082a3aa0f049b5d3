package dev.findingsresponder.triage.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

import dev.findingsresponder.triage.score.IpLists.Kind;
import dev.findingsresponder.triage.score.IpLists.ListDefinition;
import dev.findingsresponder.triage.score.IpLists.ListMatch;

class IpListsTest {

    @TempDir
    Path dir;

    private HttpServer server;
    private ExecutorService executor;
    private final AtomicReference<String> body = new AtomicReference<>("");
    private final AtomicInteger status = new AtomicInteger(200);
    private final AtomicInteger delayMillis = new AtomicInteger(0);

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        executor = Executors.newCachedThreadPool();
        server.setExecutor(executor);
        server.createContext("/trusted.txt", exchange -> {
            try {
                Thread.sleep(delayMillis.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status.get(), bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
        executor.shutdownNow();
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/trusted.txt";
    }

    private Path file(String name, String... lines) throws IOException {
        return Files.write(dir.resolve(name), List.of(lines));
    }

    @Test
    void loadsThreatListFromFileAndTrustedListFromUrl() throws IOException {
        Path threats = file("tor.txt", "# tor exits", "203.0.113.0/24", "2001:db8:bad::/48");
        body.set("198.51.100.7\n10.0.0.0/8\n");
        IpLists lists = new IpLists(List.of(
                new ListDefinition("tor-exits", Kind.THREAT, List.of(threats.toString())),
                new ListDefinition("office", Kind.TRUSTED, List.of(url()))));

        ReloadReport report = lists.reload();

        assertThat(report.allOk()).isTrue();
        assertThat(report.sources()).extracting(ReloadReport.SourceReport::list, ReloadReport.SourceReport::entries)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("tor-exits", 2),
                        org.assertj.core.groups.Tuple.tuple("office", 2));
        assertThat(lists.threat("203.0.113.9")).contains(new ListMatch("tor-exits", "203.0.113.0/24"));
        assertThat(lists.threat("2001:db8:bad:1::5")).contains(new ListMatch("tor-exits", "2001:db8:bad::/48"));
        assertThat(lists.threat("198.51.100.7")).isEmpty();
        assertThat(lists.trusted("198.51.100.7")).contains(new ListMatch("office", "198.51.100.7"));
        assertThat(lists.trusted("::ffff:10.9.8.7")).contains(new ListMatch("office", "10.0.0.0/8"));
        assertThat(lists.trusted("not-an-ip")).isEmpty();
        assertThat(lists.blockAllowedByTrustedLists("203.0.113.9")).isTrue();
        assertThat(lists.blockAllowedByTrustedLists("198.51.100.7")).isFalse();
    }

    @Test
    void acceptsFileUris() throws IOException {
        Path threats = file("list.txt", "192.0.2.1");
        IpLists lists = new IpLists(List.of(new ListDefinition("t", Kind.THREAT, List.of(threats.toUri().toString()))));

        assertThat(lists.reload().allOk()).isTrue();
        assertThat(lists.threat("192.0.2.1")).isPresent();
    }

    @Test
    void reloadPicksUpChanges() throws IOException {
        Path threats = file("threats.txt", "192.0.2.1");
        body.set("198.51.100.1");
        IpLists lists = new IpLists(List.of(
                new ListDefinition("threats", Kind.THREAT, List.of(threats.toString())),
                new ListDefinition("trusted", Kind.TRUSTED, List.of(url()))));
        lists.reload();

        file("threats.txt", "192.0.2.2");
        body.set("198.51.100.2");
        ReloadReport report = lists.reload();

        assertThat(report.allOk()).isTrue();
        assertThat(lists.threat("192.0.2.1")).isEmpty();
        assertThat(lists.threat("192.0.2.2")).isPresent();
        assertThat(lists.trusted("198.51.100.1")).isEmpty();
        assertThat(lists.trusted("198.51.100.2")).isPresent();
    }

    @Test
    void failingSourceKeepsItsPreviousContentAndIsReported() throws IOException {
        Path threats = file("threats.txt", "192.0.2.1", "192.0.2.2");
        body.set("198.51.100.1");
        IpLists lists = new IpLists(List.of(
                new ListDefinition("threats", Kind.THREAT, List.of(threats.toString())),
                new ListDefinition("trusted", Kind.TRUSTED, List.of(url()))));
        assertThat(lists.reload().allOk()).isTrue();

        Files.delete(threats);
        status.set(500);
        ReloadReport report = lists.reload();

        assertThat(report.allOk()).isFalse();
        assertThat(report.failures()).hasSize(2);
        ReloadReport.SourceReport file = report.sources().get(0);
        assertThat(file.ok()).isFalse();
        assertThat(file.entries()).isEqualTo(2);
        assertThat(file.failure()).startsWith("NoSuchFileException");
        ReloadReport.SourceReport http = report.sources().get(1);
        assertThat(http.failure()).isEqualTo("IOException: HTTP 500");
        assertThat(http.entries()).isEqualTo(1);
        assertThat(lists.threat("192.0.2.2")).isPresent();
        assertThat(lists.trusted("198.51.100.1")).isPresent();
        assertThat(lists.trustedListsHealthy()).as("stale but loaded").isTrue();
    }

    @Test
    void invalidLinesAreReportedButValidOnesLoad() throws IOException {
        Path threats = file("threats.txt", "192.0.2.1", "evil.example", "0.0.0.0/0");
        IpLists lists = new IpLists(List.of(new ListDefinition("threats", Kind.THREAT, List.of(threats.toString()))));

        ReloadReport.SourceReport source = lists.reload().sources().get(0);

        assertThat(source.ok()).isTrue();
        assertThat(source.entries()).isEqualTo(1);
        assertThat(source.errors()).hasSize(2)
                .first().asString().contains("threats (" + threats + ") line 2: 'evil.example'");
    }

    @Test
    void aSourceWithOnlyInvalidLinesCountsAsFailed() throws IOException {
        body.set("198.51.100.1");
        IpLists lists = new IpLists(List.of(new ListDefinition("trusted", Kind.TRUSTED, List.of(url()))));
        lists.reload();

        body.set("<html><body>Service Unavailable</body></html>");
        ReloadReport.SourceReport source = lists.reload().sources().get(0);

        assertThat(source.ok()).isFalse();
        assertThat(source.failure()).contains("no valid entry");
        assertThat(source.errors()).hasSize(1);
        assertThat(lists.trusted("198.51.100.1")).isPresent();
    }

    @Test
    void trustedListsAreUnhealthyUntilEveryTrustedSourceLoadedOnce() throws IOException {
        Path trustedFile = dir.resolve("trusted.txt");
        status.set(404);
        IpLists lists = new IpLists(List.of(
                new ListDefinition("threats", Kind.THREAT, List.of(file("threats.txt", "192.0.2.1").toString())),
                new ListDefinition("partners", Kind.TRUSTED, List.of(trustedFile.toString(), url()))));

        assertThat(lists.trustedListsHealthy()).as("before any reload").isFalse();
        assertThat(lists.blockAllowedByTrustedLists("192.0.2.1")).isFalse();

        file("trusted.txt", "198.51.100.0/24");
        ReloadReport report = lists.reload();
        assertThat(report.failures()).extracting(ReloadReport.SourceReport::location).containsExactly(url());
        assertThat(lists.trustedListsHealthy()).as("one trusted source still missing").isFalse();
        assertThat(lists.blockAllowedByTrustedLists("192.0.2.1")).isFalse();
        assertThat(lists.threat("192.0.2.1")).as("threat lists work regardless").isPresent();

        status.set(200);
        body.set("# nothing trusted here yet\n");
        assertThat(lists.reload().allOk()).isTrue();
        assertThat(lists.trustedListsHealthy()).isTrue();
        assertThat(lists.blockAllowedByTrustedLists("192.0.2.1")).isTrue();
        assertThat(lists.blockAllowedByTrustedLists("198.51.100.9")).isFalse();
    }

    @Test
    void noListsMeansNothingMatchesAndNothingIsMissing() {
        IpLists lists = IpLists.none();

        assertThat(lists.trustedListsHealthy()).isTrue();
        assertThat(lists.threat("192.0.2.1")).isEmpty();
        assertThat(lists.reload().sources()).isEmpty();
    }

    @Test
    void slowAndOversizedDownloadsFail() {
        body.set("198.51.100.1\n".repeat(100));
        IpLists small = new IpLists(List.of(new ListDefinition("trusted", Kind.TRUSTED, List.of(url()))),
                new ListSourceReader(Duration.ofSeconds(5), 64));
        assertThat(small.reload().sources().get(0).failure()).contains("larger than the limit of 64 bytes");

        delayMillis.set(3_000);
        IpLists impatient = new IpLists(List.of(new ListDefinition("trusted", Kind.TRUSTED, List.of(url()))),
                new ListSourceReader(Duration.ofMillis(500), 1_000_000));
        long start = System.nanoTime();
        ReloadReport.SourceReport source = impatient.reload().sources().get(0);

        assertThat(source.ok()).isFalse();
        assertThat(source.failure()).containsAnyOf("timed out", "within");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void rejectsBadDefinitions() {
        assertThatThrownBy(() -> new IpLists(List.of(
                new ListDefinition("a", Kind.THREAT, List.of("/x")),
                new ListDefinition("a", Kind.TRUSTED, List.of("/y")))))
                .hasMessageContaining("used twice");
        assertThatThrownBy(() -> new ListDefinition("a", Kind.THREAT, List.of()))
                .hasMessageContaining("no sources");
        assertThatThrownBy(() -> new ListDefinition("a", Kind.THREAT, List.of("https:///nohost")))
                .hasMessageContaining("no host");
    }
}
