package dev.findingsresponder.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.fabric8.kubernetes.api.model.Quantity;

/** The rendered overlays (deploy/k8s) against the services; see {@link KubernetesChecks} for what is checked. */
class KubernetesManifestsTest {

    @ParameterizedTest
    @ValueSource(strings = {Overlays.DEV, Overlays.PROD, Overlays.DEV_WITH_MOTO})
    void everyOverlayMatchesTheServices(String overlay) {
        List<Map<String, Object>> docs = Overlays.render(overlay);
        assertThat(docs).extracting(d -> d.get("kind")).contains("Deployment", "Service", "ServiceAccount", "PodDisruptionBudget",
                "NetworkPolicy", "ScaledObject", "ServiceMonitor", "ConfigMap", "Namespace");
        assertThat(KubernetesChecks.run(overlay, docs).problems()).isEmpty();
    }

    /** Every secretKeyRef is a Secret and key that README.md's kubectl create secret commands create, and no more. */
    @Test
    void theReadmeCreatesExactlyTheSecretsTheDeploymentsReference() {
        Set<String> referenced = new LinkedHashSet<>();
        for (String overlay : Overlays.all().keySet()) {
            referenced.addAll(KubernetesChecks.run(overlay, Overlays.render(overlay)).secretKeyRefs);
        }
        String readme = Repo.read("deploy/k8s/README.md");
        Set<String> created = new LinkedHashSet<>();
        Matcher command = Pattern.compile("kubectl -n (\\S+) create secret generic (\\S+)((?:[^\\n]*\\\\\\n)*[^\\n]*)").matcher(readme);
        while (command.find()) {
            assertThat(command.group(1)).isEqualTo(namespace(Overlays.render(Overlays.PROD)));
            Matcher literal = Pattern.compile("--from-literal=([A-Z_]+)=").matcher(command.group(3));
            while (literal.find()) {
                created.add(command.group(2) + "/" + literal.group(1));
            }
        }
        assertThat(referenced).containsExactlyInAnyOrder("ingest-service-secrets/INGEST_HTTP_API_KEY",
                "ingest-service-secrets/INGEST_API_VIEWER_KEYS", "ingest-service-secrets/INGEST_API_OPERATOR_KEYS",
                "triage-service-api-keys/TRIAGE_API_VIEWER_KEYS", "triage-service-api-keys/TRIAGE_API_OPERATOR_KEYS",
                "response-service-api-keys/RESPONSE_API_VIEWER_KEYS", "response-service-api-keys/RESPONSE_API_OPERATOR_KEYS");
        assertThat(created).containsExactlyInAnyOrderElementsOf(referenced);
    }

    @Test
    void imagesAreTheOnesDockerComposeBuilds() {
        Map<String, Object> compose = ComposeChecks.load();
        for (String overlay : List.of(Overlays.DEV, Overlays.PROD)) {
            for (Map<String, Object> d : kind(Overlays.render(overlay), "Deployment")) {
                String name = Repo.str(d, "metadata.name");
                if (!Repo.SERVICES.contains(name)) {
                    continue;
                }
                String composeImage = Repo.str(compose, "services." + name + ".image");
                String image = String.valueOf(Repo.map(Repo.list(Repo.at(d, "spec.template.spec.containers")).get(0)).get("image"));
                String composeRepository = composeImage.substring(0, composeImage.lastIndexOf(':'));
                if (overlay.equals(Overlays.DEV)) {
                    assertThat(image).as("dev runs what docker compose builds").isEqualTo(composeImage);
                } else {
                    assertThat(image).as("prod: the same image from a registry, at a pinned release")
                            .matches(Pattern.quote("registry.example.com/" + composeRepository) + "(:\\d+\\.\\d+\\.\\d+|@sha256:[0-9a-f]{64})");
                }
            }
        }
    }

    @Test
    void prodRunsMoreAndBiggerThanDevAndDevRunsOneOfEach() {
        List<Map<String, Object>> dev = Overlays.render(Overlays.DEV);
        List<Map<String, Object>> prod = Overlays.render(Overlays.PROD);
        for (String service : KubernetesChecks.LAG_SCALED) {
            Map<String, Object> devScaling = named(dev, "ScaledObject", service);
            Map<String, Object> prodScaling = named(prod, "ScaledObject", service);
            assertThat(Repo.at(devScaling, "spec.minReplicaCount")).as(service).isEqualTo(1);
            assertThat(Repo.at(devScaling, "spec.maxReplicaCount")).as(service).isEqualTo(1);
            assertThat((Integer) Repo.at(prodScaling, "spec.minReplicaCount")).as(service).isGreaterThanOrEqualTo(2);
        }
        for (String service : Repo.SERVICES) {
            assertThat(memoryLimit(prod, service)).as(service).isGreaterThan(memoryLimit(dev, service));
        }
    }

    @Test
    void thePolicyConfigMapIsTheExamplePolicyUnderAFixedName() {
        assertThat(Repo.read("deploy/k8s/base/policy/policy.yaml")).as("base/policy/policy.yaml is a copy of the example policy")
                .isEqualTo(Repo.read("policies/example-policy.yaml"));
        Map<String, Object> kustomization = Repo.yamlMap(Repo.read("deploy/k8s/base/kustomization.yaml"), "base");
        String generated = Repo.list(kustomization.get("configMapGenerator")).stream().map(Repo::map)
                .filter(g -> Repo.list(g.get("files")).stream().anyMatch(f -> String.valueOf(f).endsWith("policy/policy.yaml")))
                .map(g -> String.valueOf(g.get("name"))).findFirst().orElseThrow();
        for (String overlay : Overlays.all().keySet()) {
            Map<String, Object> cm = named(Overlays.render(overlay), "ConfigMap", generated);
            assertThat(Repo.map(cm.get("data")).get("policy.yaml")).as(overlay).isEqualTo(Repo.read("policies/example-policy.yaml"));
        }
    }

    // --- the checks fail when the manifests are wrong ---

    @Test
    void aContainerPortThatIsNotTheServicePortIsReported() {
        assertThat(mutated(Overlays.PROD, docs -> port(container(docs, "triage-service")).put("containerPort", 8090)))
                .anyMatch(p -> p.contains("container ports [8090] do not include the service's HTTP port 8082"))
                .anyMatch(p -> p.contains("Service/triage-service: port http targets 8090, not 8082"));
    }

    @Test
    void aProbeOnAPathQuarkusDoesNotServeIsReported() {
        assertThat(mutated(Overlays.DEV, docs -> Repo.map(Repo.at(container(docs, "ingest-service"), "readinessProbe.httpGet"))
                .put("path", "/health/ready")))
                .anyMatch(p -> p.contains("readinessProbe path /health/ready is not the service's /q/health/ready"));
        assertThat(mutated(Overlays.DEV, docs -> Repo.map(Repo.at(container(docs, "ingest-service"), "livenessProbe.httpGet"))
                .put("path", "/q/health/ready")))
                .as("the readiness path as liveness: a Kafka outage would restart the pod")
                .anyMatch(p -> p.contains("livenessProbe path /q/health/ready is not the service's /q/health/live"));
    }

    @Test
    void anEnvironmentVariableTheServiceDoesNotReadIsReported() {
        assertThat(mutated(Overlays.PROD, docs -> Repo.map(named(docs, "ConfigMap", "response-service-config-").get("data"))
                .put("RESPONSE_DRYRUN", "true")))
                .anyMatch(p -> p.contains("response-service reads no environment variable RESPONSE_DRYRUN"));
        assertThat(mutated(Overlays.PROD, docs -> env(container(docs, "triage-service")).add(Map.of("name", "AWS_REGION", "value", "x"))))
                .anyMatch(p -> p.contains("triage-service reads no environment variable AWS_REGION"));
    }

    @Test
    void aSubPathPolicyMountIsReported() {
        assertThat(mutated(Overlays.PROD, docs -> {
            Map<String, Object> mount = Repo.list(container(docs, "triage-service").get("volumeMounts")).stream().map(Repo::map)
                    .filter(m -> "policy".equals(m.get("name"))).findFirst().orElseThrow();
            mount.put("mountPath", "/etc/findings-responder/policy/policy.yaml");
            mount.put("subPath", "policy.yaml");
        })).anyMatch(p -> p.contains("uses subPath")).anyMatch(p -> p.contains("nothing is mounted at /etc/findings-responder/policy"));
    }

    @Test
    void kedaOnAnotherConsumerGroupOrTopicIsReported() {
        assertThat(mutated(Overlays.PROD, docs -> trigger(docs, "triage-service").put("consumerGroup", "triage")))
                .anyMatch(p -> p.contains("consumer group triage on topic findings.normalized is none of the service's incoming channels"));
        assertThat(mutated(Overlays.PROD, docs -> trigger(docs, "ingest-service").put("topic", "findings.normalized")))
                .anyMatch(p -> p.contains("ScaledObject/ingest-service: consumer group ingest-service on topic findings.normalized"));
        assertThat(mutated(Overlays.PROD, docs -> Repo.map(named(docs, "ScaledObject", "ingest-service").get("spec")).put("maxReplicaCount", 6)))
                .anyMatch(p -> p.contains("maxReplicaCount 6 above the 3 partitions of findings.raw"));
    }

    @Test
    void egressBeyondDnsKafkaAndHttpsIsReported() {
        assertThat(mutated(Overlays.PROD, docs -> {
            List<Object> egress = Repo.list(Repo.at(named(docs, "NetworkPolicy", "response-service"), "spec.egress"));
            egress.add(Map.of("ports", List.of(Map.of("port", 5432, "protocol", "TCP"))));
        })).anyMatch(p -> p.contains("response-service: egress to port 5432/TCP is open"));
        assertThat(mutated(Overlays.PROD, docs -> Repo.list(Repo.at(named(docs, "NetworkPolicy", "ingest-service"), "spec.egress")).remove(2)))
                .anyMatch(p -> p.contains("ingest-service: egress to 443/TCP is not allowed (needed for AWS)"));
    }

    @Test
    void aWeakerSecurityContextIsReported() {
        assertThat(mutated(Overlays.PROD, docs -> Repo.map(container(docs, "response-service").get("securityContext"))
                .put("readOnlyRootFilesystem", false)))
                .anyMatch(p -> p.contains("Deployment/response-service container response-service: readOnlyRootFilesystem is not true"));
        assertThat(mutated(Overlays.PROD, docs -> Repo.map(container(docs, "ingest-service").get("securityContext")).remove("capabilities")))
                .anyMatch(p -> p.contains("capabilities do not drop ALL"));
        assertThat(mutated(Overlays.DEV_WITH_MOTO, docs -> Repo.map(container(docs, "moto").get("securityContext"))
                .put("allowPrivilegeEscalation", true)))
                .as("every Deployment, not only the services").anyMatch(p -> p.contains("Deployment/moto container moto: allowPrivilegeEscalation"));
    }

    @Test
    void aServiceAccountWithoutItsRoleIsReported() {
        assertThat(mutated(Overlays.PROD, docs -> Repo.map(Repo.at(named(docs, "ServiceAccount", "response-service"), "metadata"))
                .remove("annotations")))
                .anyMatch(p -> p.contains("response-service calls AWS but has no IAM role ARN"));
    }

    @Test
    void aSecondResponseServiceIsReported() {
        assertThat(mutated(Overlays.PROD, docs -> Repo.map(named(docs, "Deployment", "response-service").get("spec")).put("replicas", 2)))
                .anyMatch(p -> p.contains("replicas 2; it must run exactly one"));
        assertThat(mutated(Overlays.PROD, docs -> Repo.map(named(docs, "Deployment", "response-service").get("spec"))
                .put("strategy", Map.of("type", "RollingUpdate"))))
                .anyMatch(p -> p.contains("strategy is not Recreate"));
    }

    @Test
    void otherImagesMisspeltFieldsAndCommittedSecretsAreReported() {
        assertThat(mutated(Overlays.PROD, docs -> container(docs, "ingest-service").put("image", "registry.example.com/ingest:0.1.0")))
                .anyMatch(p -> p.contains("is not findings-responder/ingest-service"));
        assertThat(mutated(Overlays.PROD, docs -> container(docs, "ingest-service").put("readinesProbe", Map.of())))
                .anyMatch(p -> p.contains("unknown field(s) [readinesProbe] in Container"));
        assertThat(mutated(Overlays.PROD, docs -> docs.add(new LinkedHashMap<>(Map.of("apiVersion", "v1", "kind", "Secret",
                "metadata", Map.of("name", "ingest-service-secrets"), "stringData", Map.of("INGEST_HTTP_API_KEY", "x"))))))
                .anyMatch(p -> p.contains("Secret/ingest-service-secrets: a Secret in the manifests"));
    }

    // --- helpers ---

    private static List<String> mutated(String overlay, Consumer<List<Map<String, Object>>> change) {
        List<Map<String, Object>> docs = new ArrayList<>();
        Overlays.render(overlay).forEach(d -> docs.add(Repo.map(Repo.deepCopy(d))));
        assertThat(KubernetesChecks.run(overlay, docs).problems()).as("before the change").isEmpty();
        change.accept(docs);
        return KubernetesChecks.run(overlay, docs).problems();
    }

    private static List<Map<String, Object>> kind(List<Map<String, Object>> docs, String kind) {
        return docs.stream().filter(d -> kind.equals(d.get("kind"))).toList();
    }

    /** The resource of this kind whose name is, or for a generated ConfigMap starts with, the given name. */
    private static Map<String, Object> named(List<Map<String, Object>> docs, String kind, String name) {
        return kind(docs, kind).stream().filter(d -> Repo.str(d, "metadata.name").equals(name)
                || (name.endsWith("-") && Repo.str(d, "metadata.name").startsWith(name))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    private static Map<String, Object> container(List<Map<String, Object>> docs, String deployment) {
        return Repo.map(Repo.list(Repo.at(named(docs, "Deployment", deployment), "spec.template.spec.containers")).get(0));
    }

    private static Map<String, Object> port(Map<String, Object> container) {
        return Repo.map(Repo.list(container.get("ports")).get(0));
    }

    private static List<Object> env(Map<String, Object> container) {
        if (container.get("env") == null) {
            container.put("env", new ArrayList<>());
        }
        return Repo.list(container.get("env"));
    }

    private static Map<String, Object> trigger(List<Map<String, Object>> docs, String scaledObject) {
        return Repo.map(Repo.map(Repo.list(Repo.at(named(docs, "ScaledObject", scaledObject), "spec.triggers")).get(0)).get("metadata"));
    }

    private static BigDecimal memoryLimit(List<Map<String, Object>> docs, String deployment) {
        return Quantity.getAmountInBytes(new Quantity(String.valueOf(Repo.at(container(docs, deployment), "resources.limits.memory"))));
    }

    private static String namespace(List<Map<String, Object>> docs) {
        return Repo.str(kind(docs, "Deployment").get(0), "metadata.namespace");
    }
}
