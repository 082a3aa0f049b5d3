package dev.findingsresponder.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The shared folder of real published sample events ({@code ../shared/samples} beside the repository,
 * or {@code SHARED_SAMPLES_DIR}). Not part of the repository: tests that read it skip when it is absent.
 */
public final class SharedSamples {

    /** The source folders whose files are findings; {@code malformed/} below them holds bad input. */
    public static final List<String> SOURCE_DIRS = List.of("guardduty", "inspector2", "config", "securityhub");

    private SharedSamples() {
    }

    /** The samples folder, or {@code null} when there is none. */
    public static Path locate() {
        String configured = System.getProperty("SHARED_SAMPLES_DIR", System.getenv("SHARED_SAMPLES_DIR"));
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured);
            return Files.isDirectory(path) ? path.toAbsolutePath().normalize() : null;
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("samples");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** Every {@code .json} file under the source folders (malformed ones included), sorted. */
    public static List<Path> files(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".json"))
                    .filter(p -> SOURCE_DIRS.contains(root.relativize(p).getName(0).toString()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
