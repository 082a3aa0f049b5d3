package dev.findingsresponder.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.findingsresponder.testsupport.EventFixtures;
import dev.findingsresponder.testsupport.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * POST /events against hostile clients: oversized bodies, 10,000-level nesting, slowloris connections and many
 * connections at once. After each, the service is ready and a normal event is still accepted (202).
 */
@QuarkusTest
@TestProfile(HostileHttpTest.ShortBodyTimeout.class)
@QuarkusTestResource(KafkaTestResource.class)
class HostileHttpTest {

    private static final int READ_TIMEOUT_MILLIS = 60_000;
    private static final int MAX_BODY = 1024 * 1024;

    /** A 2 s body deadline so the slowloris test ends soon; the limits are otherwise those of production. */
    public static class ShortBodyTimeout implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ingest.http.body-timeout", "2s");
        }
    }

    @TestHTTPResource("/")
    URL base;

    @AfterEach
    void stillHealthyAndAccepting() {
        given().get("/q/health/ready").then().statusCode(200);
        postNormalEvent();
    }

    @Test
    void aDeclaredBodyAboveTheLimitIs413BeforeAnyOfItIsSent() {
        try (RawHttp client = new RawHttp(base.getPort(), READ_TIMEOUT_MILLIS)) {
            client.write(RawHttp.postHead("Content-Length: " + (100 * MAX_BODY) + "\r\n"));
            assertThat(client.status()).isEqualTo(413);
            assertThat(client.sent()).isLessThan(1024);
        }
    }

    @Test
    void aChunkedBodyIsCutOffAt413WithoutReadingItAll() throws Exception {
        long planned = 64L * MAX_BODY;
        try (RawHttp client = new RawHttp(base.getPort(), READ_TIMEOUT_MILLIS)) {
            client.write(RawHttp.postHead("Transfer-Encoding: chunked\r\n"));
            ExecutorService writer = Executors.newSingleThreadExecutor();
            Future<?> writing = writer.submit(() -> {
                byte[] chunk = ("10000\r\n" + " ".repeat(0x10000) + "\r\n").getBytes();
                while (client.sent() < planned && client.write(chunk)) {
                    // keep pushing until the server stops reading
                }
            });
            assertThat(client.status()).isEqualTo(413);
            writing.get(READ_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            writer.shutdown();
            System.out.printf("chunked oversized body: 413 after %d of %d bytes were written%n", client.sent(), planned);
            assertThat(client.sent()).as("bytes written before the server closed").isLessThan(planned);
        }
    }

    @Test
    void tenThousandLevelsOfNestingAre400WithAReason() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (String nested : List.of("[".repeat(10_000) + "]".repeat(10_000),
                "{\"detail\":".repeat(10_000) + "1" + "}".repeat(10_000))) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.toURI().resolve("/events"))
                    .header("x-api-key", "test-api-key").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(nested)).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.body()).contains("\"reason\":\"OVERSIZED\"", "nesting depth");
        }
    }

    @Test
    void slowlorisClientsAreCutOffWhileNormalRequestsAreAccepted() throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<Integer>> bodyDribblers = new ArrayList<>();
        List<RawHttp> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                RawHttp headers = new RawHttp(base.getPort(), READ_TIMEOUT_MILLIS);
                RawHttp body = new RawHttp(base.getPort(), READ_TIMEOUT_MILLIS);
                clients.add(headers);
                clients.add(body);
                pool.submit(() -> dribble(headers, RawHttp.postHead("Content-Length: 2\r\n") + "{}", running));
                body.write(RawHttp.postHead("Content-Length: 100000\r\n"));
                bodyDribblers.add(pool.submit(() -> {
                    pool.submit(() -> dribble(body, "{\"x\":\"" + "y".repeat(99_990) + "\"}", running));
                    return body.status();
                }));
            }
            for (int i = 0; i < 10; i++) {
                postNormalEvent();
            }
            for (Future<Integer> status : bodyDribblers) {
                assertThat(status.get(READ_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)).as("status for a dribbled body")
                        .isEqualTo(408);
            }
            postNormalEvent();
        } finally {
            running.set(false);
            clients.forEach(RawHttp::close);
            pool.shutdownNow();
        }
    }

    @Test
    void aSlowBodyIsCutOffWhateverPathItNames() throws Exception {
        for (String path : List.of("/events;x=1", "/events;a", "/events/")) {
            try (RawHttp client = new RawHttp(base.getPort(), READ_TIMEOUT_MILLIS)) {
                client.write(RawHttp.postHead(path, "Content-Length: 1000\r\n") + "{");
                ExecutorService pool = Executors.newSingleThreadExecutor();
                AtomicBoolean running = new AtomicBoolean(true);
                try {
                    pool.submit(() -> dribble(client, "\"x\":\"" + "y".repeat(990) + "\"}", running));
                    assertThat(client.status()).as("status for a dribbled body to %s", path).isEqualTo(408);
                } finally {
                    running.set(false);
                    pool.shutdownNow();
                }
            }
        }
    }

    @Test
    void aBodyThatArrivedIsNotCutOffWhileItIsStillBeingProcessed() {
        // 60,000 events, each a dead letter: the answer takes long enough (several seconds on a laptop) to pass the
        // test profile's 2 s body deadline, which must not fire, since the body is all in
        String batch = "[" + String.join(",", java.util.Collections.nCopies(60_000, "{}")) + "]";
        long start = System.nanoTime();

        int status = given().header("x-api-key", "test-api-key").contentType("application/json").body(batch)
                .post("/events").statusCode();

        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("HostileHttpTest: 60,000-event batch answered %d after %d ms%n", status, millis);
        assertThat(status).as("answer after %d ms", millis).isEqualTo(400);
    }

    @Test
    void manyConcurrentConnectionsDoNotStopNormalRequests() throws Exception {
        List<RawHttp> idle = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            for (int i = 0; i < 300; i++) {
                RawHttp c = new RawHttp(base.getPort(), READ_TIMEOUT_MILLIS);
                c.write("POST /events HTTP/1.1\r\nHost: localhost\r\n");
                idle.add(c);
            }
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                statuses.add(pool.submit(HostileHttpTest::postNormalEventStatus));
            }
            for (Future<Integer> status : statuses) {
                assertThat(status.get(READ_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)).isEqualTo(202);
            }
        } finally {
            idle.forEach(RawHttp::close);
            pool.shutdownNow();
        }
    }

    /** One byte every 100 ms until the text is out, the server closes, or the test ends. */
    private static void dribble(RawHttp client, String text, AtomicBoolean running) {
        for (int i = 0; i < text.length() && running.get(); i++) {
            if (!client.write(text.substring(i, i + 1))) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static void postNormalEvent() {
        assertThat(postNormalEventStatus()).isEqualTo(202);
    }

    private static int postNormalEventStatus() {
        return given().header("x-api-key", "test-api-key").contentType("application/json")
                .body(EventFixtures.freshGuardDuty("guardduty/eb_unauthorizedaccess-ec2-sshbruteforce.json"))
                .post("/events").statusCode();
    }
}
