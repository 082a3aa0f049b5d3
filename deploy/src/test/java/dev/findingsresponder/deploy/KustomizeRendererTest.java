package dev.findingsresponder.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The test renderer ({@link Kustomize}): kustomize's behaviour for what deploy/k8s uses, and a refusal for the rest. */
class KustomizeRendererTest {

    @TempDir
    Path dir;

    /** Where kubectl (with its built-in kustomize) is installed, the renderer's output must be exactly kubectl's. */
    @ParameterizedTest
    @ValueSource(strings = {Overlays.DEV, Overlays.PROD, Overlays.DEV_WITH_MOTO})
    void rendersWhatKubectlKustomizeRenders(String overlay) throws Exception {
        assumeTrue(kubectlAvailable(), "kubectl is not installed: the comparison with kubectl kustomize is skipped");
        Path path = Overlays.all().get(overlay);
        Process kubectl = new ProcessBuilder("kubectl", "kustomize", path.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String output = new String(kubectl.getInputStream().readAllBytes());
        assertThat(kubectl.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(kubectl.exitValue()).isZero();
        List<String> differences = new java.util.ArrayList<>();
        diff(byId(Kustomize.build(path)), byId(Repo.yamlDocuments(output, "kubectl kustomize " + overlay)), "", differences);
        assertThat(differences).as("renderer vs kubectl kustomize").isEmpty();
    }

    /** Paths where the two trees differ, with both values. */
    static void diff(Object mine, Object theirs, String path, List<String> out) {
        if (mine instanceof Map<?, ?> a && theirs instanceof Map<?, ?> b) {
            java.util.Set<Object> keys = new java.util.TreeSet<>(java.util.Comparator.comparing(String::valueOf));
            keys.addAll(a.keySet());
            keys.addAll(b.keySet());
            keys.forEach(k -> diff(a.get(k), b.get(k), path + "/" + k, out));
        } else if (mine instanceof List<?> a && theirs instanceof List<?> b && a.size() == b.size()) {
            for (int i = 0; i < a.size(); i++) {
                diff(a.get(i), b.get(i), path + "[" + i + "]", out);
            }
        } else if (!java.util.Objects.equals(mine, theirs)) {
            out.add(path + ": renderer " + abbreviate(mine) + ", kubectl " + abbreviate(theirs));
        }
    }

    private static String abbreviate(Object value) {
        String text = String.valueOf(value);
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }

    private static Map<String, Map<String, Object>> byId(List<Map<String, Object>> docs) {
        Map<String, Map<String, Object>> byId = new TreeMap<>();
        docs.forEach(d -> byId.put(d.get("kind") + "/" + Repo.str(d, "metadata.namespace") + "/" + Repo.str(d, "metadata.name"), d));
        return byId;
    }

    private static boolean kubectlAvailable() {
        try {
            Process p = new ProcessBuilder("kubectl", "version", "--client").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    @Test
    void theHashSuffixIsKustomizes() {
        // kubectl kustomize names this ConfigMap sample-d4h75m42ff (literals B=<x> & "y" and A=http://moto:5000)
        assertThat(Kustomize.configMapHash(Map.of("B", "<x> & \"y\"", "A", "http://moto:5000"))).isEqualTo("d4h75m42ff");
    }

    @Test
    void generatedConfigMapsAreHashedMergedAndTheirReferencesRenamed() throws IOException {
        write("base/kustomization.yaml", """
                resources: [deployment.yaml]
                configMapGenerator:
                  - name: settings
                    literals: [A=1]
                  - name: fixed
                    literals: [F=1]
                    options:
                      disableNameSuffixHash: true
                """);
        write("base/deployment.yaml", deployment("app:1"));
        write("overlay/kustomization.yaml", """
                resources: [../base]
                namespace: ns
                configMapGenerator:
                  - name: settings
                    behavior: merge
                    literals: [B=2]
                """);
        List<Map<String, Object>> out = Kustomize.build(dir.resolve("overlay"));
        Map<String, Object> settings = find(out, "ConfigMap", "settings-");
        assertThat(settings.get("data")).isEqualTo(Map.of("A", "1", "B", "2"));
        assertThat(Repo.str(settings, "metadata.name")).isEqualTo("settings-" + Kustomize.configMapHash(Map.of("A", "1", "B", "2")));
        assertThat(Repo.str(find(out, "ConfigMap", "fixed"), "metadata.name")).isEqualTo("fixed");
        Map<String, Object> deployment = find(out, "Deployment", "app");
        assertThat(deployment.toString()).contains("configMapRef={name=" + Repo.str(settings, "metadata.name") + "}")
                .contains("configMap={name=fixed}");
        assertThat(Repo.str(deployment, "metadata.namespace")).isEqualTo("ns");
    }

    @Test
    void strategicMergeMergesContainersAndEnvByNameAndReplacesEnvFrom() throws IOException {
        write("kustomization.yaml", """
                resources: [deployment.yaml]
                patches:
                  - path: patch.yaml
                images:
                  - name: app
                    newName: registry.example.com/app
                    newTag: "2"
                """);
        write("deployment.yaml", deployment("app:1"));
        write("patch.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: app
                spec:
                  replicas: 3
                  template:
                    spec:
                      containers:
                        - name: app
                          env:
                            - name: B
                              value: "patched"
                            - name: C
                              value: "new"
                          envFrom:
                            - configMapRef:
                                name: other
                """);
        Map<String, Object> d = find(Kustomize.build(dir), "Deployment", "app");
        Map<String, Object> container = Repo.map(Repo.list(Repo.at(d, "spec.template.spec.containers")).get(0));
        assertThat(Repo.at(d, "spec.replicas")).isEqualTo(3);
        assertThat(container.get("image")).isEqualTo("registry.example.com/app:2");
        assertThat(container.get("env")).isEqualTo(List.of(Map.of("name", "A", "value", "a"), Map.of("name", "B", "value", "patched"),
                Map.of("name", "C", "value", "new")));
        assertThat(container.get("envFrom")).isEqualTo(List.of(Map.of("configMapRef", Map.of("name", "other"))));
        assertThat(Repo.list(Repo.at(d, "spec.template.spec.containers"))).hasSize(1);
    }

    @Test
    void whatItDoesNotImplementFailsInsteadOfBeingIgnored() throws IOException {
        write("deployment.yaml", deployment("app:1"));
        write("kustomization.yaml", "resources: [deployment.yaml]\ncommonLabels:\n  a: b\n");
        assertThatThrownBy(() -> Kustomize.build(dir)).isInstanceOf(Kustomize.Unsupported.class).hasMessageContaining("commonLabels");

        write("kustomization.yaml", "resources: [deployment.yaml]\npatches:\n  - path: p.yaml\n    target:\n      kind: Deployment\n");
        write("p.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\n");
        assertThatThrownBy(() -> Kustomize.build(dir)).isInstanceOf(Kustomize.Unsupported.class).hasMessageContaining("path");

        write("kustomization.yaml", "resources: [deployment.yaml]\npatches:\n  - path: p.yaml\n");
        write("deployment.yaml", deployment("app:1").replace("      volumes:", "      readinessGates:\n        - conditionType: a\n      volumes:"));
        write("p.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\nspec:\n  template:\n    spec:\n"
                + "      readinessGates:\n        - conditionType: x\n");
        assertThatThrownBy(() -> Kustomize.build(dir)).isInstanceOf(Kustomize.Unsupported.class).hasMessageContaining("readinessGates");

        write("p.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\nspec:\n  $patch: replace\n");
        assertThatThrownBy(() -> Kustomize.build(dir)).isInstanceOf(Kustomize.Unsupported.class).hasMessageContaining("$patch");

        write("kustomization.yaml", "resources: [deployment.yaml, so.yaml]\npatches:\n  - path: p.yaml\n");
        write("so.yaml", "apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata:\n  name: app\nspec:\n  triggers:\n    - type: kafka\n");
        write("p.yaml", "apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata:\n  name: app\nspec:\n  triggers:\n    - type: cpu\n");
        assertThatThrownBy(() -> Kustomize.build(dir)).isInstanceOf(Kustomize.Unsupported.class).hasMessageContaining("custom resource");
    }

    @Test
    void customResourcesGetJsonMergePatches() throws IOException {
        write("kustomization.yaml", "resources: [so.yaml]\npatches:\n  - path: p.yaml\n");
        write("so.yaml", "apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata:\n  name: app\nspec:\n  minReplicaCount: 1\n"
                + "  maxReplicaCount: 3\n  pollingInterval: 15\n");
        write("p.yaml", "apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata:\n  name: app\nspec:\n  minReplicaCount: 2\n"
                + "  pollingInterval: null\n");
        Map<String, Object> so = Kustomize.build(dir).get(0);
        assertThat(Repo.map(so.get("spec"))).isEqualTo(Map.of("minReplicaCount", 2, "maxReplicaCount", 3));
    }

    @Test
    void filesOutsideTheKustomizationAreRefusedAsKustomizeDoes() throws IOException {
        write("policy.yaml", "x: 1\n");
        write("k/kustomization.yaml", "configMapGenerator:\n  - name: policy\n    files:\n      - ../policy.yaml\n");
        assertThatThrownBy(() -> Kustomize.build(dir.resolve("k"))).hasMessageContaining("load restrictor");
    }

    @Test
    void aPatchWithoutItsTargetFails() throws IOException {
        write("deployment.yaml", deployment("app:1"));
        write("kustomization.yaml", "resources: [deployment.yaml]\npatches:\n  - path: p.yaml\n");
        write("p.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: other\n");
        assertThatThrownBy(() -> Kustomize.build(dir)).hasMessageContaining("matches 0 resources");
    }

    private static String deployment(String image) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: app
                spec:
                  template:
                    spec:
                      containers:
                        - name: app
                          image: %s
                          env:
                            - name: A
                              value: "a"
                            - name: B
                              value: "b"
                          envFrom:
                            - configMapRef:
                                name: settings
                      volumes:
                        - name: fixed
                          configMap:
                            name: fixed
                """.formatted(image);
    }

    private void write(String relative, String text) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private static Map<String, Object> find(List<Map<String, Object>> docs, String kind, String namePrefix) {
        return docs.stream().filter(d -> kind.equals(d.get("kind")) && Repo.str(d, "metadata.name").startsWith(namePrefix))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + namePrefix + "* in " + docs));
    }
}
