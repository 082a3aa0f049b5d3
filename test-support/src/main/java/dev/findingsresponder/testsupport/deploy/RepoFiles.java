package dev.findingsresponder.testsupport.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** Files of the repository, found by walking up from the working directory (module folders run the tests). */
public final class RepoFiles {

    private RepoFiles() {
    }

    /** The file or folder {@code relative} to the repository root; fails when no parent folder holds it. */
    public static Path find(String relative) {
        Path dir = Path.of("").toAbsolutePath();
        for (Path candidate = dir; candidate != null; candidate = candidate.getParent()) {
            if (Files.exists(candidate.resolve(relative))) {
                return candidate.resolve(relative);
            }
        }
        throw new IllegalStateException(relative + " not found above " + dir);
    }
}
