package dev.findingsresponder.triage.score;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.BodySubscribers;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads the lines of one list source: an {@code http(s)://} URL, a {@code file:} URI or a file path. Both the
 * time (whole download, not just connect) and the size are bounded, so a stuck or huge source cannot stall or
 * exhaust a reload.
 */
final class ListSourceReader {

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    static final long DEFAULT_MAX_BYTES = 50L * 1024 * 1024;

    private final Duration timeout;
    private final long maxBytes;
    private volatile HttpClient client;

    ListSourceReader() {
        this(DEFAULT_TIMEOUT, DEFAULT_MAX_BYTES);
    }

    ListSourceReader(Duration timeout, long maxBytes) {
        this.timeout = timeout;
        this.maxBytes = maxBytes;
    }

    static boolean isUrl(String location) {
        String lower = location.toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://");
    }

    /** Checks that {@code location} can be read at all (URL syntax), without reading it. */
    static void validate(String location) {
        if (location == null || location.isBlank()) {
            throw new IllegalArgumentException("list source location is blank");
        }
        if (isUrl(location) || location.startsWith("file:")) {
            URI uri = URI.create(location);
            if (isUrl(location) && uri.getHost() == null) {
                throw new IllegalArgumentException("list source URL has no host: " + location);
            }
        }
    }

    List<String> readLines(String location) throws IOException {
        byte[] bytes = isUrl(location) ? fetch(URI.create(location)) : readFile(location);
        return new String(bytes, StandardCharsets.UTF_8).lines().toList();
    }

    private byte[] readFile(String location) throws IOException {
        Path path = location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location);
        long size = Files.size(path);
        if (size > maxBytes) {
            throw new IOException("file is " + size + " bytes, more than the limit of " + maxBytes);
        }
        return Files.readAllBytes(path);
    }

    private byte[] fetch(URI uri) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        CompletableFuture<HttpResponse<byte[]>> call = client().sendAsync(request, info -> {
            if (info.statusCode() / 100 != 2) {
                return BodySubscribers.replacing(null);
            }
            return new LimitedBodySubscriber(maxBytes);
        });
        HttpResponse<byte[]> response;
        try {
            response = call.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            throw new IOException("no complete response within " + timeout.toSeconds() + " s");
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof IOException io ? io : new IOException(String.valueOf(cause), cause);
        }
        if (response.statusCode() / 100 != 2) {
            throw new IOException("HTTP " + response.statusCode());
        }
        return response.body();
    }

    private HttpClient client() {
        HttpClient current = client;
        if (current == null) {
            synchronized (this) {
                if (client == null) {
                    client = HttpClient.newBuilder()
                            .connectTimeout(timeout)
                            .followRedirects(HttpClient.Redirect.NORMAL)
                            .build();
                }
                current = client;
            }
        }
        return current;
    }

    /** Collects the body, cancelling the download as soon as it exceeds the limit. */
    private static final class LimitedBodySubscriber implements BodySubscriber<byte[]> {

        private final CompletableFuture<byte[]> body = new CompletableFuture<>();
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final long maxBytes;
        private Flow.Subscription subscription;

        LimitedBodySubscriber(long maxBytes) {
            this.maxBytes = maxBytes;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            if (body.isDone()) {
                return;
            }
            for (ByteBuffer buffer : buffers) {
                if (out.size() + (long) buffer.remaining() > maxBytes) {
                    subscription.cancel();
                    body.completeExceptionally(new IOException("response larger than the limit of " + maxBytes
                            + " bytes"));
                    return;
                }
                byte[] chunk = new byte[buffer.remaining()];
                buffer.get(chunk);
                out.write(chunk, 0, chunk.length);
            }
        }

        @Override
        public void onError(Throwable throwable) {
            body.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            body.complete(out.toByteArray());
        }
    }
}
