package dev.findingsresponder.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The project's own event fixtures (written from the documented schemas), under {@code /fixtures/}
 * on the class path: {@code guardduty/}, {@code inspector2/}, {@code config/}, {@code securityhub/},
 * {@code sns/} and {@code malformed/}. They work whether this module is a folder or a jar.
 */
public final class EventFixtures {

    private EventFixtures() {
    }

    /** The bytes of one fixture, e.g. {@code guardduty/eb_unauthorizedaccess-ec2-sshbruteforce.json}. */
    public static byte[] bytes(String path) {
        try (InputStream in = EventFixtures.class.getResourceAsStream("/fixtures/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A GuardDuty EventBridge fixture with a fresh event id, finding id and instance id, so tests never share a finding
     * (the services drop redelivered finding versions and merge repeats).
     */
    public static byte[] freshGuardDuty(String path) {
        try {
            ObjectMapper mapper = new ObjectMapper();
            ObjectNode event = (ObjectNode) mapper.readTree(bytes(path));
            event.put("id", UUID.randomUUID().toString());
            ObjectNode detail = (ObjectNode) event.get("detail");
            String findingId = UUID.randomUUID().toString().replace("-", "");
            detail.put("id", findingId);
            detail.put("arn", detail.path("arn").asText().replaceAll("/finding/.*$", "/finding/" + findingId));
            if (detail.path("resource").path("instanceDetails").get("instanceId") != null) {
                // a fresh instance too: triage merges repeats of the same (type, resource, remote address)
                ((ObjectNode) detail.get("resource").get("instanceDetails"))
                        .put("instanceId", "i-" + findingId.substring(0, 17));
            }
            return mapper.writeValueAsBytes(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every fixture's path relative to {@code /fixtures/}, sorted. */
    public static List<String> paths() {
        try {
            URI uri = EventFixtures.class.getResource("/fixtures").toURI();
            if (!"jar".equals(uri.getScheme())) {
                return list(Path.of(uri));
            }
            FileSystem jar;
            try {
                jar = FileSystems.newFileSystem(uri, Map.of());
            } catch (FileSystemAlreadyExistsException e) {
                jar = FileSystems.getFileSystem(uri);
            }
            return list(jar.getPath("/fixtures"));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> list(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        }
    }
}
