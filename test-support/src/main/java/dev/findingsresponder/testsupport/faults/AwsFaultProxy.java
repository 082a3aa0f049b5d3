package dev.findingsresponder.testsupport.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An HTTP proxy in front of an AWS emulator (moto) that, for a configurable share of AWS calls, answers with a fault
 * instead: throttling, 500, 503, WAF limit and lock conflicts in each service's own error format, or a timeout (the
 * call goes through but the answer comes after the client's per-attempt timeout). Which calls fail is drawn from a
 * seeded random, per operation ({@code X-Amz-Target} or the query {@code Action}); calls without an operation (moto's
 * own API) always pass. Counts every call and every injected fault by operation ({@link #counts()}).
 *
 * <p>Plain JDK {@code HttpServer} on 127.0.0.1 and a free port, one thread per call in flight, so a held answer holds
 * up no other call.
 */
public final class AwsFaultProxy implements AutoCloseable {

    private static final Set<String> HOP_HEADERS = Set.of("connection", "content-length", "expect", "host", "upgrade",
            "transfer-encoding", "keep-alive", "date");

    private final URI upstream;
    private final Duration hold;
    private final Random random;
    private final HttpServer server;
    private final ExecutorService threads;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final FaultCounts counts = new FaultCounts();
    private final Map<String, Double> operationShares = new ConcurrentHashMap<>();
    private volatile double share;
    private volatile Set<AwsFault> enabled = EnumSet.allOf(AwsFault.class);

    private AwsFaultProxy(URI upstream, long seed, Duration hold) throws IOException {
        this.upstream = upstream;
        this.hold = hold;
        this.random = new Random(seed);
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "aws-fault-proxy");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    /**
     * Starts a proxy to {@code upstream} that injects no faults until {@link #share(double)} is set.
     *
     * @param seed what the random draws start from
     * @param hold how long a {@link AwsFault#TIMEOUT} holds the answer: longer than the client's per-attempt timeout
     */
    public static AwsFaultProxy start(String upstream, long seed, Duration hold) {
        try {
            return new AwsFaultProxy(URI.create(upstream.endsWith("/") ? upstream : upstream + "/"), seed, hold);
        } catch (IOException e) {
            throw new IllegalStateException("could not start the AWS fault proxy", e);
        }
    }

    /** The URL clients use instead of the emulator's. */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The share (0 to 1) of calls that get a fault, for operations without their own share. */
    public AwsFaultProxy share(double value) {
        share = checked(value);
        return this;
    }

    /** The share of calls of one operation ({@code UpdateIPSet}) that get a fault, overriding {@link #share(double)}. */
    public AwsFaultProxy share(String operation, double value) {
        operationShares.put(operation, checked(value));
        return this;
    }

    /** Limits the faults drawn to {@code faults} (each still only where it {@link AwsFault#appliesTo applies}). */
    public AwsFaultProxy faults(Set<AwsFault> faults) {
        enabled = faults.isEmpty() ? EnumSet.noneOf(AwsFault.class) : EnumSet.copyOf(faults);
        return this;
    }

    /** What has been counted since the start or the last {@link #resetCounts()}. */
    public FaultCounts counts() {
        return counts;
    }

    public void resetCounts() {
        counts.clear();
    }

    /** Back to the state after {@link #start}: no faults, every kind enabled, nothing counted. */
    public AwsFaultProxy reset() {
        share = 0;
        operationShares.clear();
        enabled = EnumSet.allOf(AwsFault.class);
        counts.clear();
        return this;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            AwsCall call = AwsCall.of(exchange.getRequestHeaders().getFirst("X-Amz-Target"),
                    exchange.getRequestHeaders().getFirst("Authorization"), exchange.getRequestURI().getRawQuery(),
                    body);
            Optional<AwsFault> fault = Optional.empty();
            if (call.faultable()) {
                counts.call(call);
                fault = draw(call);
                fault.ifPresent(f -> counts.fault(call, f));
            }
            if (fault.isPresent() && fault.get() != AwsFault.TIMEOUT) {
                FaultResponse error = FaultResponse.of(fault.get(), call);
                exchange.getResponseHeaders().set("Content-Type", error.contentType());
                exchange.getResponseHeaders().set("x-amzn-RequestId", error.requestId());
                send(exchange, error.status(), error.body());
                return;
            }
            HttpResponse<byte[]> answer = forward(exchange, body);
            if (fault.isPresent()) {
                Thread.sleep(hold); // the change is made; the client gives up waiting for its answer
            }
            answer.headers().map().forEach((name, values) -> {
                if (!HOP_HEADERS.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, List.copyOf(values));
                }
            });
            send(exchange, answer.statusCode(), answer.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client went away (as it does after a timeout): nothing left to answer
        }
    }

    private Optional<AwsFault> draw(AwsCall call) {
        double chance = operationShares.getOrDefault(call.operation(), share);
        List<AwsFault> candidates = enabled.stream().filter(f -> f.appliesTo(call)).toList();
        if (chance <= 0 || candidates.isEmpty()) {
            return Optional.empty();
        }
        synchronized (random) {
            if (random.nextDouble() >= chance) {
                return Optional.empty();
            }
            return Optional.of(candidates.get(random.nextInt(candidates.size())));
        }
    }

    private HttpResponse<byte[]> forward(HttpExchange exchange, byte[] body) throws IOException, InterruptedException {
        URI target = upstream.resolve(exchange.getRequestURI().getRawPath().substring(1)
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()));
        HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(60))
                .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
            }
        });
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        boolean empty = body.length == 0 || "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, empty ? -1 : body.length);
        if (!empty) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static double checked(double value) {
        if (value < 0 || value > 1) {
            throw new IllegalArgumentException("a fault share is between 0 and 1, got " + value);
        }
        return value;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
