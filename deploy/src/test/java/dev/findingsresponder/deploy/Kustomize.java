package dev.findingsresponder.deploy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A small kustomize: the subset of kustomization features deploy/k8s uses, with kustomize's semantics, so the tests
 * can render the overlays without the kustomize binary. Anything outside that subset (a field, a patch form, a merge
 * directive, a list whose merge strategy is not known here) throws {@link Unsupported} instead of being ignored.
 *
 * <p>Supported: {@code resources} (files and directories), {@code components}, {@code namespace}, {@code images}
 * (name, newName, newTag, digest), {@code patches} given by {@code path} (strategic merge for built-in kinds with the
 * merge keys listed below, JSON merge patch for custom resources, each patch document targeting the resource of its
 * kind and name), {@code configMapGenerator} (literals, files, behavior create/merge/replace, the
 * disableNameSuffixHash option) and {@code generatorOptions.disableNameSuffixHash}. Generated ConfigMaps get
 * kustomize's content hash as a name suffix and references to them (configMapRef, configMapKeyRef, configMap
 * volumes) are renamed. Files are loaded only from inside the kustomization's directory, as kustomize's default load
 * restrictor demands. When kubectl is installed, {@code KustomizeRendererTest} compares the output with
 * {@code kubectl kustomize}.
 */
final class Kustomize {

    /** A kustomization uses something this renderer does not implement. */
    static final class Unsupported extends RuntimeException {
        Unsupported(String message) {
            super(message);
        }
    }

    private static final Set<String> KUSTOMIZATION_FIELDS = Set.of("apiVersion", "kind", "resources", "components",
            "namespace", "images", "patches", "configMapGenerator", "generatorOptions");
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding",
            "CustomResourceDefinition", "PersistentVolume", "StorageClass", "PriorityClass", "IngressClass",
            "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration", "APIService", "RuntimeClass");
    /** Kinds whose namespace-dependent fields (subjects) the namespace transformer would also change. */
    private static final Set<String> NAMESPACE_SENSITIVE = Set.of("RoleBinding", "ClusterRoleBinding");
    /** API groups of built-in kinds: strategic merge patch. Any other group is a custom resource: JSON merge patch. */
    private static final Set<String> BUILT_IN_API_VERSIONS = Set.of("v1", "apps/v1", "policy/v1", "batch/v1",
            "networking.k8s.io/v1", "autoscaling/v2", "rbac.authorization.k8s.io/v1");
    /**
     * Strategic-merge keys of the lists of maps in the built-in kinds (the Kubernetes API's patchMergeKey), by field
     * name; {@code ports} is keyed by containerPort in a container and by port in a Service. Lists named in
     * {@link #ATOMIC_LISTS} have no merge key and are replaced whole; any other list of maps is not supported.
     */
    private static final Map<String, String> MERGE_KEYS = Map.of("containers", "name", "initContainers", "name",
            "ephemeralContainers", "name", "volumes", "name", "env", "name", "volumeMounts", "mountPath",
            "volumeDevices", "devicePath", "imagePullSecrets", "name", "hostAliases", "ip");
    private static final Set<String> ATOMIC_LISTS = Set.of("envFrom", "tolerations", "ingress", "egress", "from", "to",
            "topologySpreadConstraints");

    /** A resource and, for a generated ConfigMap, whether its name gets the content hash. */
    private static final class Resource {
        final Map<String, Object> doc;
        final Boolean hashed; // null: not generated

        Resource(Map<String, Object> doc, Boolean hashed) {
            this.doc = doc;
            this.hashed = hashed;
        }

        String kind() {
            return Repo.str(doc, "kind");
        }

        String name() {
            return Repo.str(doc, "metadata.name");
        }

        String id() {
            return kind() + "/" + name();
        }
    }

    private Kustomize() {
    }

    /** Renders the kustomization in this directory, as {@code kubectl kustomize DIR} would. */
    static List<Map<String, Object>> build(Path dir) {
        List<Resource> resources = accumulate(dir.toAbsolutePath().normalize(), "Kustomization", List.of());
        return finish(resources);
    }

    private static List<Resource> accumulate(Path dir, String expectedKind, List<Resource> input) {
        Path file = kustomizationFile(dir);
        Map<String, Object> k = Repo.yamlMap(Repo.read(file), file.toString());
        for (String field : k.keySet()) {
            if (!KUSTOMIZATION_FIELDS.contains(field)) {
                throw new Unsupported(file + ": field '" + field + "' is not implemented by this renderer");
            }
        }
        String kind = String.valueOf(k.getOrDefault("kind", "Kustomization"));
        if (!kind.equals(expectedKind)) {
            throw new IllegalArgumentException(file + ": kind " + kind + " where a " + expectedKind + " is expected");
        }
        List<Resource> acc = new ArrayList<>(input);
        for (Object entry : Repo.list(k.get("resources"))) {
            Path target = dir.resolve(String.valueOf(entry)).normalize();
            if (Files.isDirectory(target)) {
                for (Resource r : accumulate(target, "Kustomization", List.of())) {
                    add(acc, r, file);
                }
            } else {
                Path resourceFile = restricted(dir, String.valueOf(entry), file);
                for (Map<String, Object> doc : Repo.yamlDocuments(Repo.read(resourceFile), resourceFile.toString())) {
                    add(acc, new Resource(doc, null), file);
                }
            }
        }
        for (Object entry : Repo.list(k.get("components"))) {
            acc = accumulate(dir.resolve(String.valueOf(entry)).normalize(), "Component", acc);
        }
        generateConfigMaps(dir, file, k, acc);
        patch(dir, file, k, acc);
        Object namespace = k.get("namespace");
        if (namespace != null) {
            setNamespace(String.valueOf(namespace), acc, file);
        }
        setImages(Repo.list(k.get("images")), acc, file);
        return acc;
    }

    private static Path kustomizationFile(Path dir) {
        for (String name : List.of("kustomization.yaml", "kustomization.yml", "Kustomization")) {
            if (Files.isRegularFile(dir.resolve(name))) {
                return dir.resolve(name);
            }
        }
        throw new IllegalArgumentException(dir + ": no kustomization file");
    }

    /** kustomize's default load restrictor: a file must lie inside the kustomization's directory. */
    private static Path restricted(Path dir, String relative, Path kustomization) {
        Path target = dir.resolve(relative).normalize();
        if (!target.startsWith(dir)) {
            throw new IllegalArgumentException(kustomization + ": '" + relative
                    + "' is outside the kustomization's directory; kustomize refuses to load it (load restrictor)");
        }
        if (!Files.isRegularFile(target)) {
            throw new IllegalArgumentException(kustomization + ": no file " + target);
        }
        return target;
    }

    private static void add(List<Resource> acc, Resource resource, Path kustomization) {
        if (resource.kind() == null || resource.name() == null) {
            throw new IllegalArgumentException(kustomization + ": a resource without kind or metadata.name");
        }
        for (Resource existing : acc) {
            if (existing.id().equals(resource.id()) && sameNamespace(existing, resource)) {
                throw new IllegalArgumentException(kustomization + ": " + resource.id() + " is declared twice");
            }
        }
        acc.add(resource);
    }

    private static boolean sameNamespace(Resource a, Resource b) {
        return String.valueOf(Repo.str(a.doc, "metadata.namespace")).equals(String.valueOf(Repo.str(b.doc, "metadata.namespace")));
    }

    // --- configMapGenerator ---

    private static void generateConfigMaps(Path dir, Path file, Map<String, Object> k, List<Resource> acc) {
        Map<String, Object> generatorOptions = Repo.map(k.get("generatorOptions"));
        checkOptions(generatorOptions, file + " generatorOptions");
        boolean defaultHash = !Boolean.TRUE.equals(generatorOptions.get("disableNameSuffixHash"));
        for (Object item : Repo.list(k.get("configMapGenerator"))) {
            Map<String, Object> generator = Repo.map(item);
            for (String field : generator.keySet()) {
                if (!Set.of("name", "behavior", "literals", "files", "options").contains(field)) {
                    throw new Unsupported(file + ": configMapGenerator field '" + field + "' is not implemented");
                }
            }
            String name = String.valueOf(generator.get("name"));
            Map<String, Object> options = Repo.map(generator.get("options"));
            checkOptions(options, file + " configMapGenerator " + name + " options");
            boolean hashed = options.containsKey("disableNameSuffixHash")
                    ? !Boolean.TRUE.equals(options.get("disableNameSuffixHash")) : defaultHash;
            Map<String, Object> data = new TreeMap<>();
            for (Object literal : Repo.list(generator.get("literals"))) {
                String text = String.valueOf(literal);
                int eq = text.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException(file + ": literal '" + text + "' is not KEY=VALUE");
                }
                String value = text.substring(eq + 1);
                if (value.startsWith("\"") || value.startsWith("'")) {
                    throw new Unsupported(file + ": quoted literal values are not implemented: " + text);
                }
                put(data, text.substring(0, eq), value, file);
            }
            for (Object source : Repo.list(generator.get("files"))) {
                String text = String.valueOf(source);
                int eq = text.indexOf('=');
                String path = eq < 0 ? text : text.substring(eq + 1);
                Path content = restricted(dir, path, file);
                String key = eq < 0 ? content.getFileName().toString() : text.substring(0, eq);
                put(data, key, Repo.read(content), file);
            }
            String behavior = String.valueOf(generator.getOrDefault("behavior", "create"));
            List<Resource> existing = acc.stream().filter(r -> "ConfigMap".equals(r.kind()) && name.equals(r.name())).toList();
            switch (behavior) {
                case "create" -> {
                    if (!existing.isEmpty()) {
                        throw new IllegalArgumentException(file + ": ConfigMap " + name + " exists; use behavior merge or replace");
                    }
                    Map<String, Object> doc = new LinkedHashMap<>();
                    doc.put("apiVersion", "v1");
                    doc.put("kind", "ConfigMap");
                    doc.put("metadata", new LinkedHashMap<>(Map.of("name", name)));
                    doc.put("data", data);
                    acc.add(new Resource(doc, hashed));
                }
                case "merge", "replace" -> {
                    if (existing.size() != 1 || existing.get(0).hashed == null) {
                        throw new IllegalArgumentException(file + ": behavior " + behavior + " needs exactly one generated ConfigMap "
                                + name + ", found " + existing.size());
                    }
                    Resource target = existing.get(0);
                    if (target.hashed != hashed) {
                        throw new Unsupported(file + ": changing disableNameSuffixHash of " + name + " on " + behavior);
                    }
                    Map<String, Object> merged = new TreeMap<>();
                    if (behavior.equals("merge")) {
                        merged.putAll(Repo.map(target.doc.get("data")));
                    }
                    merged.putAll(data);
                    target.doc.put("data", merged);
                }
                default -> throw new Unsupported(file + ": configMapGenerator behavior " + behavior);
            }
        }
    }

    private static void checkOptions(Map<String, Object> options, String where) {
        for (String option : options.keySet()) {
            if (!option.equals("disableNameSuffixHash")) {
                throw new Unsupported(where + ": option '" + option + "' is not implemented");
            }
        }
    }

    private static void put(Map<String, Object> data, String key, String value, Path file) {
        if (data.put(key, value) != null) {
            throw new IllegalArgumentException(file + ": key " + key + " given twice");
        }
    }

    // --- patches ---

    private static void patch(Path dir, Path file, Map<String, Object> k, List<Resource> acc) {
        for (Object item : Repo.list(k.get("patches"))) {
            Map<String, Object> entry = Repo.map(item);
            if (!entry.keySet().equals(Set.of("path"))) {
                throw new Unsupported(file + ": only patches given by 'path' alone are implemented, not " + entry.keySet());
            }
            Path patchFile = restricted(dir, String.valueOf(entry.get("path")), file);
            for (Map<String, Object> patch : Repo.yamlDocuments(Repo.read(patchFile), patchFile.toString())) {
                String kind = Repo.str(patch, "kind");
                String name = Repo.str(patch, "metadata.name");
                String namespace = Repo.str(patch, "metadata.namespace");
                List<Resource> targets = acc.stream().filter(r -> r.kind().equals(kind) && r.name().equals(name)
                        && (namespace == null || namespace.equals(Repo.str(r.doc, "metadata.namespace")))).toList();
                if (targets.size() != 1) {
                    throw new IllegalArgumentException(patchFile + ": " + kind + "/" + name + " matches " + targets.size()
                            + " resources (kustomize needs exactly one)");
                }
                Resource target = targets.get(0);
                boolean strategic = BUILT_IN_API_VERSIONS.contains(Repo.str(target.doc, "apiVersion"));
                merge(target.doc, patch, strategic, kind + ":", patchFile);
            }
        }
    }

    /** Strategic merge (built-in kinds) or JSON merge patch (custom resources) of a patch map into a target map. */
    @SuppressWarnings("unchecked")
    private static void merge(Map<String, Object> target, Map<String, Object> patch, boolean strategic, String path, Path file) {
        for (Map.Entry<String, Object> e : patch.entrySet()) {
            String key = e.getKey();
            Object value = e.getValue();
            String here = path.endsWith(":") ? path + key : path + "." + key;
            if (key.startsWith("$")) {
                throw new Unsupported(file + ": patch directive " + key + " at " + here + " is not implemented");
            }
            if (value == null) {
                target.remove(key);
            } else if (value instanceof Map && target.get(key) instanceof Map) {
                merge((Map<String, Object>) target.get(key), (Map<String, Object>) value, strategic, here, file);
            } else if (value instanceof List<?> list && target.get(key) instanceof List && list.stream().anyMatch(v -> v instanceof Map)) {
                if (!strategic) {
                    // kustomize (kyaml) merges lists of maps in custom resources by guessed keys: not implemented here
                    throw new Unsupported(file + ": a patch of the list " + here + " in a custom resource");
                }
                String mergeKey = mergeKey(here);
                if (mergeKey == null) {
                    if (!ATOMIC_LISTS.contains(key)) {
                        throw new Unsupported(file + ": the merge strategy of the list " + here + " is not known here");
                    }
                    target.put(key, Repo.deepCopy(value));
                } else {
                    mergeList((List<Object>) target.get(key), list, mergeKey, here + "[]", file);
                }
            } else {
                target.put(key, Repo.deepCopy(value));
            }
        }
    }

    /** The merge key of the list at this path ("Kind:a.b[].c"), or null when it has none known here. */
    private static String mergeKey(String path) {
        String kind = path.substring(0, path.indexOf(':'));
        String[] parts = path.substring(path.indexOf(':') + 1).split("\\.");
        String last = parts[parts.length - 1];
        if (last.equals("ports")) {
            String parent = parts.length > 1 ? parts[parts.length - 2] : "";
            if (parent.equals("containers[]") || parent.equals("initContainers[]")) {
                return "containerPort";
            }
            return kind.equals("Service") && String.join(".", parts).equals("spec.ports") ? "port" : null;
        }
        return MERGE_KEYS.get(last);
    }

    @SuppressWarnings("unchecked")
    private static void mergeList(List<Object> target, List<?> patch, String mergeKey, String path, Path file) {
        for (Object item : patch) {
            if (!(item instanceof Map<?, ?> patchItem) || !patchItem.containsKey(mergeKey)) {
                throw new IllegalArgumentException(file + ": an element of " + path + " without its merge key " + mergeKey);
            }
            Object keyValue = patchItem.get(mergeKey);
            Map<String, Object> match = null;
            for (Object existing : target) {
                if (existing instanceof Map<?, ?> m && String.valueOf(keyValue).equals(String.valueOf(m.get(mergeKey)))) {
                    match = (Map<String, Object>) m;
                }
            }
            if (match == null) {
                target.add(Repo.deepCopy(item));
            } else {
                merge(match, (Map<String, Object>) patchItem, true, path, file);
            }
        }
    }

    // --- namespace and images ---

    private static void setNamespace(String namespace, List<Resource> acc, Path file) {
        for (Resource r : acc) {
            if (NAMESPACE_SENSITIVE.contains(r.kind())) {
                throw new Unsupported(file + ": namespace on " + r.kind() + " (its subjects) is not implemented");
            }
            if (r.kind().equals("Namespace")) {
                if (!namespace.equals(r.name())) {
                    throw new Unsupported(file + ": namespace " + namespace + " with a Namespace resource named " + r.name());
                }
                continue;
            }
            if (CLUSTER_SCOPED.contains(r.kind())) {
                continue;
            }
            Repo.map(r.doc.get("metadata")).put("namespace", namespace);
        }
    }

    private static void setImages(List<Object> images, List<Resource> acc, Path file) {
        for (Object item : images) {
            Map<String, Object> image = Repo.map(item);
            for (String field : image.keySet()) {
                if (!Set.of("name", "newName", "newTag", "digest").contains(field)) {
                    throw new Unsupported(file + ": images field '" + field + "' is not implemented");
                }
            }
            for (Resource r : acc) {
                replaceImages(r.doc, image);
            }
        }
    }

    /** kustomize updates the image of every element of a containers or initContainers list, in any kind. */
    private static void replaceImages(Object node, Map<String, Object> image) {
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (("containers".equals(e.getKey()) || "initContainers".equals(e.getKey())) && e.getValue() instanceof List<?> list) {
                    for (Object container : list) {
                        Map<String, Object> c = Repo.map(container);
                        if (c.get("image") != null) {
                            c.put("image", newImage(String.valueOf(c.get("image")), image));
                        }
                    }
                }
                replaceImages(e.getValue(), image);
            }
        } else if (node instanceof List<?> list) {
            list.forEach(v -> replaceImages(v, image));
        }
    }

    private static String newImage(String current, Map<String, Object> image) {
        String name = current;
        String suffix = "";
        int at = name.indexOf('@');
        if (at >= 0) {
            suffix = name.substring(at);
            name = name.substring(0, at);
        } else {
            int colon = name.lastIndexOf(':');
            if (colon > name.lastIndexOf('/')) {
                suffix = name.substring(colon);
                name = name.substring(0, colon);
            }
        }
        if (!name.equals(String.valueOf(image.get("name")))) {
            return current;
        }
        String newName = image.containsKey("newName") ? String.valueOf(image.get("newName")) : name;
        if (image.containsKey("digest")) {
            suffix = "@" + image.get("digest");
        } else if (image.containsKey("newTag")) {
            suffix = ":" + image.get("newTag");
        }
        return newName + suffix;
    }

    // --- hash suffixes and name references, once, at the top ---

    private static List<Map<String, Object>> finish(List<Resource> resources) {
        Map<String, String> renamed = new LinkedHashMap<>();
        for (Resource r : resources) {
            if (Boolean.TRUE.equals(r.hashed)) {
                String name = r.name();
                String hashedName = name + "-" + configMapHash(Repo.map(r.doc.get("data")));
                Repo.map(r.doc.get("metadata")).put("name", hashedName);
                renamed.put(name, hashedName);
            }
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Resource r : resources) {
            renameConfigMapReferences(r.doc, renamed);
            out.add(r.doc);
        }
        return out;
    }

    private static void renameConfigMapReferences(Object node, Map<String, String> renamed) {
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (Set.of("configMapRef", "configMapKeyRef", "configMap").contains(String.valueOf(e.getKey()))
                        && e.getValue() instanceof Map<?, ?>) {
                    Map<String, Object> ref = Repo.map(e.getValue());
                    Object name = ref.get("name");
                    if (name != null && renamed.containsKey(String.valueOf(name))) {
                        ref.put("name", renamed.get(String.valueOf(name)));
                    }
                }
                renameConfigMapReferences(e.getValue(), renamed);
            }
        } else if (node instanceof List<?> list) {
            list.forEach(v -> renameConfigMapReferences(v, renamed));
        }
    }

    /**
     * kustomize's ConfigMap name suffix: SHA-256 of the JSON {"data":...,"kind":"ConfigMap","name":""} (keys sorted,
     * Go's string escaping; kustomize 5 hashes with an empty name, so two ConfigMaps with the same data get the same
     * suffix), its first ten hex digits with 0, 1, 3, a and e replaced by g, h, k, m and t.
     */
    static String configMapHash(Map<String, Object> data) {
        StringBuilder json = new StringBuilder("{\"data\":{");
        boolean first = true;
        for (Map.Entry<String, Object> e : new TreeMap<>(data).entrySet()) {
            if (!first) {
                json.append(',');
            }
            first = false;
            goString(json, e.getKey());
            json.append(':');
            goString(json, String.valueOf(e.getValue()));
        }
        json.append("},\"kind\":\"ConfigMap\",\"name\":\"\"}");
        String hex;
        try {
            hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        StringBuilder suffix = new StringBuilder();
        for (char c : hex.substring(0, 10).toCharArray()) {
            suffix.append(switch (c) {
                case '0' -> 'g';
                case '1' -> 'h';
                case '3' -> 'k';
                case 'a' -> 'm';
                case 'e' -> 't';
                default -> c;
            });
        }
        return suffix.toString();
    }

    /** A JSON string as Go's encoding/json writes it (HTML-safe: <, > and & escaped). */
    private static void goString(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '<', '>', '&', '\u2028', '\u2029' -> out.append(String.format("\\u%04x", (int) c));
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
