package dev.findingsresponder.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import dev.findingsresponder.testsupport.deploy.RepoFiles;

/**
 * The moto AWS emulator for tests: uses the one answering at {@code MOTO_ENDPOINT}
 * (default http://127.0.0.1:5000), or starts it with {@code scripts/moto-local.sh start}.
 */
public final class MotoServer {

    /** Region every test client uses. */
    public static final String REGION = "us-east-1";
    /** moto accepts any credentials; these are the conventional dummy ones. */
    public static final String ACCESS_KEY = "testing";
    /** Moto ignores it; distinctive so that tests can check it never shows up in logs or responses. */
    public static final String SECRET_KEY = "moto-dummy-secret-access-key-for-tests";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static boolean checked;

    private MotoServer() {
    }

    /** Base URL of moto, e.g. http://127.0.0.1:5000. */
    public static String endpoint() {
        String configured = System.getenv("MOTO_ENDPOINT");
        return configured != null && !configured.isBlank() ? configured : "http://127.0.0.1:5000";
    }

    /** Makes sure moto answers, starting it through the repository's script when it does not. */
    public static synchronized String ensureRunning() {
        if (checked || answers()) {
            checked = true;
            return endpoint();
        }
        Path script = findRepoFile("scripts/moto-local.sh");
        try {
            Process process = new ProcessBuilder("bash", script.toString(), "start").inheritIO().start();
            int exit = process.waitFor();
            if (exit != 0 || !answers()) {
                throw new IllegalStateException("scripts/moto-local.sh start failed (exit " + exit + ")");
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not run " + script, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        checked = true;
        return endpoint();
    }

    /** Drops every resource moto holds, so a test class starts from an empty AWS. */
    public static void reset() {
        ensureRunning();
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint() + "/moto-api/reset"))
                .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build();
        try {
            HttpResponse<Void> response = HTTP.send(request, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("moto reset answered HTTP " + response.statusCode());
            }
        } catch (IOException e) {
            throw new IllegalStateException("moto reset failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean answers() {
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint() + "/moto-api/"))
                .timeout(Duration.ofSeconds(2)).GET().build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() < 500;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Finds a file of the repository by walking up from the working directory (module folders run tests). */
    static Path findRepoFile(String relative) {
        return RepoFiles.find(relative);
    }
}
