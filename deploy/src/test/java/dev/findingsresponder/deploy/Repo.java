package dev.findingsresponder.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The repository the tests run in, found by walking up from the working directory, and YAML reading. */
final class Repo {

    /** The three services, with the module directory each lives in (the directory name is the service name). */
    static final List<String> SERVICES = List.of("ingest-service", "triage-service", "response-service");

    private static Path root;

    private Repo() {
    }

    /** The repository root: the first directory upwards holding pom.xml, scripts/topics.conf and deploy/k8s. */
    static synchronized Path root() {
        if (root == null) {
            Path dir = Path.of("").toAbsolutePath();
            while (dir != null && !(Files.isRegularFile(dir.resolve("pom.xml"))
                    && Files.isRegularFile(dir.resolve("scripts/topics.conf")) && Files.isDirectory(dir.resolve("deploy/k8s")))) {
                dir = dir.getParent();
            }
            if (dir == null) {
                throw new IllegalStateException("no repository root above " + Path.of("").toAbsolutePath());
            }
            root = dir;
        }
        return root;
    }

    static Path path(String relative) {
        return root().resolve(relative);
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(String relative) {
        return read(path(relative));
    }

    private static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        return new Yaml(new SafeConstructor(options));
    }

    /** One YAML document as a map (a duplicate key fails, as it does for kubectl and docker compose). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> yamlMap(String text, String where) {
        Object doc = yaml().load(text);
        if (!(doc instanceof Map)) {
            throw new IllegalArgumentException(where + ": not a YAML mapping");
        }
        return (Map<String, Object>) doc;
    }

    /** Every non-empty document of a multi-document YAML text, each a mutable map. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> yamlDocuments(String text, String where) {
        List<Map<String, Object>> docs = new ArrayList<>();
        for (Object doc : yaml().loadAll(text)) {
            if (doc == null) {
                continue;
            }
            if (!(doc instanceof Map)) {
                throw new IllegalArgumentException(where + ": a document that is not a mapping");
            }
            docs.add((Map<String, Object>) deepCopy(doc));
        }
        return docs;
    }

    /** A deep, mutable copy of maps and lists (scalars are shared). */
    @SuppressWarnings("unchecked")
    static Object deepCopy(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), deepCopy(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(v -> copy.add(deepCopy(v)));
            return copy;
        }
        return value;
    }

    // navigation helpers for maps read from YAML

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map ? (Map<String, Object>) value : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        return value instanceof List ? (List<Object>) value : List.of();
    }

    /** The value at a dotted path of map keys, or null. */
    static Object at(Map<String, Object> doc, String dottedPath) {
        Object current = doc;
        for (String key : dottedPath.split("\\.")) {
            if (!(current instanceof Map<?, ?> m)) {
                return null;
            }
            current = m.get(key);
        }
        return current;
    }

    static String str(Map<String, Object> doc, String dottedPath) {
        Object value = at(doc, dottedPath);
        return value == null ? null : String.valueOf(value);
    }
}
