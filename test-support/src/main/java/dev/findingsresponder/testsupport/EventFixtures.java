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
import java.util.stream.Stream;

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
