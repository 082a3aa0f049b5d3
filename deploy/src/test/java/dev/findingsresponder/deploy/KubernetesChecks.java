package dev.findingsresponder.deploy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/**
 * Checks rendered Kubernetes manifests against the services: every problem found is one message, so a test asserts
 * an empty list and a mutation test asserts the message its mutation must cause.
 */
final class KubernetesChecks {

    /** Services scaled by KEDA on the consumer lag of every topic they consume. */
    static final Set<String> LAG_SCALED = Set.of("ingest-service", "triage-service");
    /**
     * Services that must run exactly one instance: response-service's desired state (response.state, one partition)
     * is loaded, expired and reconciled whole by every instance, so two would both act on every block.
     */
    static final Set<String> SINGLETONS = Set.of("response-service");

    static final String IRSA_ANNOTATION = "eks.amazonaws.com/role-arn";
    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]+");
    private static final Pattern CLUSTER_SERVICE_HOST = Pattern.compile("[a-z0-9-]+\\.([a-z0-9-]+)\\.svc(\\..*)?");
    private static final Map<String, Class<?>> TYPED = Map.of("Deployment", Deployment.class, "Service", Service.class,
            "ServiceAccount", ServiceAccount.class, "ConfigMap", ConfigMap.class, "PodDisruptionBudget",
            PodDisruptionBudget.class, "NetworkPolicy", NetworkPolicy.class, "Namespace", Namespace.class);
    private static final Set<String> CUSTOM_KINDS = Set.of("ScaledObject", "ServiceMonitor");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String overlay;
    private final List<Map<String, Object>> docs;
    private final List<String> problems = new ArrayList<>();
    private final Map<String, Object> typed = new LinkedHashMap<>();
    /** Secret name and key of every secretKeyRef, for the README check. */
    final Set<String> secretKeyRefs = new LinkedHashSet<>();

    private KubernetesChecks(String overlay, List<Map<String, Object>> docs) {
        this.overlay = overlay;
        this.docs = docs;
    }

    static KubernetesChecks run(String overlay, List<Map<String, Object>> docs) {
        KubernetesChecks checks = new KubernetesChecks(overlay, docs);
        checks.checkAll();
        return checks;
    }

    List<String> problems() {
        return problems;
    }

    private void problem(String message) {
        problems.add(overlay + ": " + message);
    }

    private void checkAll() {
        for (Map<String, Object> doc : docs) {
            String kind = Repo.str(doc, "kind");
            String id = kind + "/" + Repo.str(doc, "metadata.name");
            if (kind.equals("Secret")) {
                problem(id + ": a Secret in the manifests; secrets are created by hand (README.md), never committed");
            }
            if (TYPED.containsKey(kind)) {
                Object object = JSON.convertValue(doc, TYPED.get(kind));
                typed.put(id, object);
                unknownFields(object, id, 0);
            } else if (!CUSTOM_KINDS.contains(kind)) {
                problem(id + ": kind " + kind + " is not checked by this test: add it to KubernetesChecks");
            }
        }
        for (Object object : typed.values()) {
            if (object instanceof Deployment d) {
                checkPodSecurity(d);
            }
        }
        for (ServiceFacts service : ServiceFacts.all()) {
            checkService(service);
        }
        checkHorizontalScalers();
    }

    // --- every Deployment ---

    private void checkPodSecurity(Deployment d) {
        String id = "Deployment/" + d.getMetadata().getName();
        PodSpec pod = d.getSpec().getTemplate().getSpec();
        PodSecurityContext podContext = pod.getSecurityContext() == null ? new PodSecurityContext() : pod.getSecurityContext();
        Set<String> tmpVolumes = new LinkedHashSet<>();
        for (Volume v : list(pod.getVolumes())) {
            if (v.getEmptyDir() != null) {
                tmpVolumes.add(v.getName());
            }
        }
        for (Container c : concat(pod.getInitContainers(), pod.getContainers())) {
            String where = id + " container " + c.getName();
            SecurityContext sc = c.getSecurityContext() == null ? new SecurityContext() : c.getSecurityContext();
            if (!Boolean.TRUE.equals(firstNonNull(sc.getRunAsNonRoot(), podContext.getRunAsNonRoot()))) {
                problem(where + ": runAsNonRoot is not true");
            }
            Long uid = firstNonNull(sc.getRunAsUser(), podContext.getRunAsUser());
            if (uid != null && uid == 0) {
                problem(where + ": runAsUser 0");
            }
            if (!Boolean.FALSE.equals(sc.getAllowPrivilegeEscalation())) {
                problem(where + ": allowPrivilegeEscalation is not false");
            }
            if (!Boolean.TRUE.equals(sc.getReadOnlyRootFilesystem())) {
                problem(where + ": readOnlyRootFilesystem is not true");
            }
            if (Boolean.TRUE.equals(sc.getPrivileged())) {
                problem(where + ": privileged");
            }
            if (sc.getCapabilities() == null || !list(sc.getCapabilities().getDrop()).contains("ALL")
                    || !list(sc.getCapabilities().getAdd()).isEmpty()) {
                problem(where + ": capabilities do not drop ALL (and add none)");
            }
            var seccomp = firstNonNull(sc.getSeccompProfile(), podContext.getSeccompProfile());
            if (seccomp == null || !"RuntimeDefault".equals(seccomp.getType())) {
                problem(where + ": seccompProfile is not RuntimeDefault");
            }
            boolean writableTmp = list(c.getVolumeMounts()).stream()
                    .anyMatch(m -> "/tmp".equals(m.getMountPath()) && tmpVolumes.contains(m.getName()) && !Boolean.TRUE.equals(m.getReadOnly()));
            if (!writableTmp) {
                problem(where + ": no writable emptyDir at /tmp (the root filesystem is read-only)");
            }
            var resources = c.getResources();
            for (String resource : List.of("cpu", "memory")) {
                Quantity request = resources == null || resources.getRequests() == null ? null : resources.getRequests().get(resource);
                Quantity limit = resources == null || resources.getLimits() == null ? null : resources.getLimits().get(resource);
                if (request == null || limit == null) {
                    problem(where + ": no " + resource + " request and limit");
                } else if (request.getNumericalAmount().compareTo(limit.getNumericalAmount()) > 0) {
                    problem(where + ": " + resource + " request above its limit");
                }
            }
            for (String probe : List.of("startup", "liveness", "readiness")) {
                Probe p = probe.equals("startup") ? c.getStartupProbe() : probe.equals("liveness") ? c.getLivenessProbe() : c.getReadinessProbe();
                if (p == null) {
                    problem(where + ": no " + probe + " probe");
                }
            }
        }
    }

    // --- one service ---

    private void checkService(ServiceFacts service) {
        String name = service.name;
        Deployment deployment = (Deployment) typed.get("Deployment/" + name);
        if (deployment == null) {
            problem("no Deployment " + name);
            return;
        }
        String id = "Deployment/" + name;
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
        if (!matches(deployment.getSpec().getSelector(), podLabels)) {
            problem(id + ": its selector does not match its pod labels");
        }
        List<Container> containers = list(pod.getContainers());
        Container c = containers.stream().filter(x -> x.getName().equals(name)).findFirst().orElse(null);
        if (c == null) {
            problem(id + ": no container named " + name);
            return;
        }

        // environment: every name one the service reads; the values, for the port and Kafka checks below
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvFromSource from : list(c.getEnvFrom())) {
            if (from.getSecretRef() != null) {
                problem(id + ": envFrom secretRef " + from.getSecretRef().getName()
                        + " hides the variable names; use env with secretKeyRef");
            }
            if (from.getConfigMapRef() != null) {
                ConfigMap cm = (ConfigMap) typed.get("ConfigMap/" + from.getConfigMapRef().getName());
                if (cm == null) {
                    problem(id + ": envFrom names ConfigMap " + from.getConfigMapRef().getName() + ", which is not in the manifests");
                } else {
                    String prefix = from.getPrefix() == null ? "" : from.getPrefix();
                    cm.getData().forEach((k, v) -> env.put(prefix + k, v));
                }
            }
        }
        for (EnvVar var : list(c.getEnv())) {
            String value = var.getValue();
            if (var.getValueFrom() != null && var.getValueFrom().getSecretKeyRef() != null) {
                secretKeyRefs.add(var.getValueFrom().getSecretKeyRef().getName() + "/" + var.getValueFrom().getSecretKeyRef().getKey());
                value = "<secret>";
            } else if (var.getValueFrom() != null && var.getValueFrom().getConfigMapKeyRef() != null) {
                ConfigMap cm = (ConfigMap) typed.get("ConfigMap/" + var.getValueFrom().getConfigMapKeyRef().getName());
                value = cm == null ? null : cm.getData().get(var.getValueFrom().getConfigMapKeyRef().getKey());
                if (value == null) {
                    problem(id + ": env " + var.getName() + " refers to a ConfigMap key that is not in the manifests");
                }
            }
            env.put(var.getName(), value);
        }
        service.unreadEnv(env.keySet(), id).forEach(this::problem);
        if (env.containsKey("AWS_ACCESS_KEY_ID") && !env.containsKey("AWS_ENDPOINT_OVERRIDE")) {
            problem(id + ": static AWS keys without an emulator endpoint (AWS_ENDPOINT_OVERRIDE); real AWS uses IRSA");
        }

        // image: the image docker compose builds for this service, tagged
        String image = c.getImage();
        String repository = image.replaceAll("[@:][^/]*$", "");
        if (!(repository.equals("findings-responder/" + name) || repository.endsWith("/findings-responder/" + name))) {
            problem(id + ": image " + image + " is not findings-responder/" + name + " (the name docker compose builds)");
        }
        if (!image.contains("@sha256:") && !image.matches(".*:[^/]+$")) {
            problem(id + ": image " + image + " has no tag");
        }

        // port, probes, Service
        int port = service.httpPort(env);
        Dockerfile dockerfile = new Dockerfile(service.dockerfile());
        Map<String, Integer> namedPorts = new LinkedHashMap<>();
        list(c.getPorts()).forEach(p -> namedPorts.put(p.getName(), p.getContainerPort()));
        if (!namedPorts.containsValue(port)) {
            problem(id + ": container ports " + namedPorts.values() + " do not include the service's HTTP port " + port);
        }
        if (!String.valueOf(port).equals(dockerfile.last("EXPOSE"))) {
            problem(id + ": the port " + port + " is not the one the Dockerfile exposes (" + dockerfile.last("EXPOSE") + ")");
        }
        Map<String, String> health = service.healthPaths();
        checkProbe(id, "startupProbe", c.getStartupProbe(), health.get("started"), port, namedPorts);
        checkProbe(id, "livenessProbe", c.getLivenessProbe(), health.get("live"), port, namedPorts);
        checkProbe(id, "readinessProbe", c.getReadinessProbe(), health.get("ready"), port, namedPorts);

        Long uid = firstNonNull(c.getSecurityContext() == null ? null : c.getSecurityContext().getRunAsUser(),
                pod.getSecurityContext() == null ? null : pod.getSecurityContext().getRunAsUser());
        if (uid == null || uid != dockerfile.uid()) {
            problem(id + ": runAsUser " + uid + " is not the Dockerfile's USER " + dockerfile.uid());
        }
        checkMemory(id, c, dockerfile);

        Service svc = (Service) typed.get("Service/" + name);
        String servicePortName = null;
        if (svc == null || !matches(svc.getSpec().getSelector(), podLabels)) {
            problem("Service/" + name + ": missing, or its selector does not match the pods of " + id);
        } else {
            for (ServicePort sp : list(svc.getSpec().getPorts())) {
                Integer target = resolve(sp.getTargetPort() == null ? new IntOrString(sp.getPort()) : sp.getTargetPort(), namedPorts);
                if (!Objects.equals(target, port)) {
                    problem("Service/" + name + ": port " + sp.getName() + " targets " + target + ", not " + port);
                }
                servicePortName = sp.getName();
            }
        }

        // identity: the ServiceAccount, with an IRSA role exactly when the service calls AWS
        ServiceAccount sa = (ServiceAccount) typed.get("ServiceAccount/" + pod.getServiceAccountName());
        if (sa == null || !name.equals(pod.getServiceAccountName())) {
            problem(id + ": serviceAccountName " + pod.getServiceAccountName() + " is not its own ServiceAccount " + name);
        } else {
            String arn = sa.getMetadata().getAnnotations() == null ? null : sa.getMetadata().getAnnotations().get(IRSA_ANNOTATION);
            if (service.usesAws() && (arn == null || !ROLE_ARN.matcher(arn).matches())) {
                problem("ServiceAccount/" + name + ": " + name + " calls AWS but has no IAM role ARN in " + IRSA_ANNOTATION + " (" + arn + ")");
            }
            if (!service.usesAws() && arn != null) {
                problem("ServiceAccount/" + name + ": an IAM role for a service that calls no AWS API");
            }
        }

        checkDisruptionBudget(name, podLabels, deployment);
        checkNetworkPolicies(service, podLabels, port, env);
        checkScaling(service, deployment, env);
        checkServiceMonitor(service, svc, servicePortName);
        checkPolicyMount(service, c, pod, env);
    }

    private void checkProbe(String id, String which, Probe probe, String path, int port, Map<String, Integer> namedPorts) {
        if (probe == null) {
            return; // reported by checkPodSecurity
        }
        if (probe.getHttpGet() == null) {
            problem(id + ": " + which + " is not an HTTP probe");
            return;
        }
        if (path == null || !path.equals(probe.getHttpGet().getPath())) {
            problem(id + ": " + which + " path " + probe.getHttpGet().getPath() + " is not the service's " + path);
        }
        Integer probePort = resolve(probe.getHttpGet().getPort(), namedPorts);
        if (!Objects.equals(probePort, port)) {
            IntOrString p = probe.getHttpGet().getPort();
            problem(id + ": " + which + " port " + (p == null ? null : p.getIntVal() != null ? p.getIntVal() : p.getStrVal())
                    + " is not the HTTP port " + port);
        }
    }

    /** The heap (the Dockerfile's MaxRAMPercentage of the memory limit) is at least what run-local.sh gives (-Xmx). */
    private void checkMemory(String id, Container c, Dockerfile dockerfile) {
        Matcher xmx = Pattern.compile("-Xmx(\\d+)m").matcher(Repo.read("scripts/run-local.sh"));
        if (!xmx.find() || dockerfile.maxRamPercentage() <= 0 || c.getResources() == null || c.getResources().getLimits() == null
                || c.getResources().getLimits().get("memory") == null) {
            problem(id + ": cannot compare the heap with run-local.sh's -Xmx (limit, MaxRAMPercentage or -Xmx missing)");
            return;
        }
        BigDecimal limit = Quantity.getAmountInBytes(c.getResources().getLimits().get("memory"));
        BigDecimal heap = limit.multiply(BigDecimal.valueOf(dockerfile.maxRamPercentage() / 100));
        BigDecimal needed = BigDecimal.valueOf(Long.parseLong(xmx.group(1)) * 1024 * 1024);
        if (heap.compareTo(needed) < 0) {
            problem(id + ": a memory limit of " + c.getResources().getLimits().get("memory") + " gives a heap below run-local.sh's -Xmx"
                    + xmx.group(1) + "m");
        }
    }

    private void checkDisruptionBudget(String name, Map<String, String> podLabels, Deployment deployment) {
        PodDisruptionBudget pdb = (PodDisruptionBudget) typed.get("PodDisruptionBudget/" + name);
        if (pdb == null || !matches(pdb.getSpec().getSelector(), podLabels)) {
            problem("PodDisruptionBudget/" + name + ": missing, or its selector does not match the pods");
            return;
        }
        IntOrString minAvailable = pdb.getSpec().getMinAvailable();
        IntOrString maxUnavailable = pdb.getSpec().getMaxUnavailable();
        int fewestReplicas = SINGLETONS.contains(name) ? 1 : minReplicas(name, deployment);
        boolean blocksDrains = maxUnavailable == null
                ? minAvailable != null && minAvailable.getIntVal() != null && minAvailable.getIntVal() >= fewestReplicas
                : maxUnavailable.getIntVal() != null && maxUnavailable.getIntVal() == 0;
        if (blocksDrains) {
            problem("PodDisruptionBudget/" + name + ": allows no eviction at " + fewestReplicas + " replica(s): node drains would hang");
        }
    }

    private void checkNetworkPolicies(ServiceFacts service, Map<String, String> podLabels, int port, Map<String, String> env) {
        String name = service.name;
        List<NetworkPolicy> policies = new ArrayList<>();
        for (Object o : typed.values()) {
            if (o instanceof NetworkPolicy np && matches(np.getSpec().getPodSelector(), podLabels)) {
                policies.add(np);
            }
        }
        boolean isolatedIn = policies.stream().anyMatch(np -> list(np.getSpec().getPolicyTypes()).contains("Ingress"));
        boolean isolatedOut = policies.stream().anyMatch(np -> list(np.getSpec().getPolicyTypes()).contains("Egress"));
        if (!isolatedIn || !isolatedOut) {
            problem(name + ": no NetworkPolicy isolates its pods for both Ingress and Egress");
        }
        boolean monitoringAllowed = false;
        for (NetworkPolicy np : policies) {
            for (NetworkPolicyIngressRule rule : list(np.getSpec().getIngress())) {
                String where = "NetworkPolicy/" + np.getMetadata().getName() + " ingress of " + name;
                if (list(rule.getPorts()).isEmpty()) {
                    problem(where + ": a rule open on every port");
                }
                for (NetworkPolicyPort p : list(rule.getPorts())) {
                    if (!Objects.equals(resolve(p.getPort(), Map.of("http", port)), port) || !"TCP".equals(protocol(p))) {
                        problem(where + ": port " + portText(p) + "/" + protocol(p) + " is not the HTTP port " + port + "/TCP");
                    }
                }
                if (list(rule.getFrom()).isEmpty()) {
                    problem(where + ": a rule open to every source");
                }
                for (NetworkPolicyPeer peer : list(rule.getFrom())) {
                    String ns = namespaceName(peer.getNamespaceSelector());
                    if (peer.getIpBlock() != null || (peer.getNamespaceSelector() != null && !"monitoring".equals(ns))) {
                        problem(where + ": a source outside this namespace and monitoring: " + peer);
                    }
                    monitoringAllowed |= "monitoring".equals(ns);
                }
            }
        }
        if (!monitoringAllowed) {
            problem(name + ": no NetworkPolicy lets the monitoring namespace scrape it");
        }

        // egress: DNS, Kafka's port, 443 for AWS, and an emulator's port when one is configured; nothing else
        Set<String> kafkaPorts = new LinkedHashSet<>();
        String bootstrap = env.getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "");
        for (String server : bootstrap.split(",")) {
            if (server.contains(":")) {
                kafkaPorts.add(server.substring(server.lastIndexOf(':') + 1) + "/TCP");
            }
        }
        if (kafkaPorts.isEmpty()) {
            problem(name + ": no KAFKA_BOOTSTRAP_SERVERS host:port in its environment");
        }
        Set<String> allowed = new LinkedHashSet<>(List.of("53/UDP", "53/TCP", "443/TCP"));
        allowed.addAll(kafkaPorts);
        String emulator = env.get("AWS_ENDPOINT_OVERRIDE");
        if (emulator != null) {
            Matcher m = Pattern.compile("https?://[^/:]+:(\\d+)").matcher(emulator);
            allowed.add((m.find() ? m.group(1) : emulator.startsWith("https") ? "443" : "80") + "/TCP");
        }
        Set<String> open = new LinkedHashSet<>();
        Map<String, List<NetworkPolicyPeer>> peersByPort = new LinkedHashMap<>();
        for (NetworkPolicy np : policies) {
            for (NetworkPolicyEgressRule rule : list(np.getSpec().getEgress())) {
                if (list(rule.getPorts()).isEmpty()) {
                    problem("NetworkPolicy/" + np.getMetadata().getName() + " egress of " + name + ": a rule open on every port");
                }
                for (NetworkPolicyPort p : list(rule.getPorts())) {
                    String portProtocol = portText(p) + "/" + protocol(p);
                    open.add(portProtocol);
                    peersByPort.computeIfAbsent(portProtocol, k -> new ArrayList<>()).addAll(list(rule.getTo()));
                }
            }
        }
        for (String p : open) {
            if (!allowed.contains(p)) {
                problem(name + ": egress to port " + p + " is open; only DNS, Kafka " + kafkaPorts + ", 443 and an emulator are expected");
            }
        }
        Set<String> required = new LinkedHashSet<>(List.of("53/UDP", "53/TCP"));
        required.addAll(kafkaPorts);
        if (service.usesAws()) {
            required.add("443/TCP");
        }
        for (String p : required) {
            if (!open.contains(p)) {
                problem(name + ": egress to " + p + " is not allowed (needed for " + (p.startsWith("53/") ? "DNS" : p.equals("443/TCP") ? "AWS" : "Kafka") + ")");
            }
        }
        // a Kafka inside the cluster (host.namespace.svc) must be reached in its namespace
        for (String server : bootstrap.split(",")) {
            Matcher m = CLUSTER_SERVICE_HOST.matcher(server.replaceAll(":\\d+$", ""));
            String p = server.substring(server.lastIndexOf(':') + 1) + "/TCP";
            if (m.matches() && peersByPort.containsKey(p)
                    && peersByPort.get(p).stream().noneMatch(peer -> m.group(1).equals(namespaceName(peer.getNamespaceSelector())))) {
                problem(name + ": egress to Kafka " + server + " does not select namespace " + m.group(1));
            }
        }
    }

    private void checkScaling(ServiceFacts service, Deployment deployment, Map<String, String> env) {
        String name = service.name;
        List<Map<String, Object>> scaledObjects = docs.stream().filter(d -> "ScaledObject".equals(d.get("kind"))
                && name.equals(Repo.str(d, "spec.scaleTargetRef.name"))).toList();
        if (SINGLETONS.contains(name)) {
            if (!Objects.equals(deployment.getSpec().getReplicas(), 1)) {
                problem("Deployment/" + name + ": replicas " + deployment.getSpec().getReplicas() + "; it must run exactly one");
            }
            if (deployment.getSpec().getStrategy() == null || !"Recreate".equals(deployment.getSpec().getStrategy().getType())) {
                problem("Deployment/" + name + ": strategy is not Recreate: a rolling update runs two instances side by side");
            }
            if (!scaledObjects.isEmpty()) {
                problem("Deployment/" + name + ": scaled by a ScaledObject; it must run exactly one");
            }
            return;
        }
        if (!LAG_SCALED.contains(name)) {
            return;
        }
        if (scaledObjects.size() != 1) {
            problem("Deployment/" + name + ": " + scaledObjects.size() + " ScaledObjects target it, not one");
            return;
        }
        Map<String, Object> so = scaledObjects.get(0);
        String id = "ScaledObject/" + Repo.str(so, "metadata.name");
        if (deployment.getSpec().getReplicas() != null) {
            problem("Deployment/" + name + ": sets replicas although " + id + " owns the count (each apply would reset it)");
        }
        int min = intValue(Repo.at(so, "spec.minReplicaCount"), 0);
        int max = intValue(Repo.at(so, "spec.maxReplicaCount"), 100);
        if (min < 1) {
            problem(id + ": minReplicaCount " + min + " would scale the HTTP endpoints to zero");
        }
        if (max < min) {
            problem(id + ": maxReplicaCount below minReplicaCount");
        }
        Map<String, ServiceFacts.Channel> channels = service.incomingKafkaChannels();
        Map<String, Topics.Topic> topics = Topics.load();
        Set<String> covered = new LinkedHashSet<>();
        for (Object t : Repo.list(Repo.at(so, "spec.triggers"))) {
            Map<String, Object> trigger = Repo.map(t);
            Map<String, Object> metadata = Repo.map(trigger.get("metadata"));
            if (!"kafka".equals(trigger.get("type"))) {
                problem(id + ": a " + trigger.get("type") + " trigger; the service scales on Kafka lag");
                continue;
            }
            String group = String.valueOf(metadata.get("consumerGroup"));
            String topic = String.valueOf(metadata.get("topic"));
            ServiceFacts.Channel channel = channels.values().stream()
                    .filter(ch -> group.equals(ch.groupId()) && topic.equals(ch.topic())).findFirst().orElse(null);
            if (channel == null) {
                problem(id + ": consumer group " + group + " on topic " + topic + " is none of the service's incoming channels "
                        + channels.values());
                continue;
            }
            covered.add(channel.name());
            String reset = String.valueOf(metadata.getOrDefault("offsetResetPolicy", "latest"));
            if (!reset.equals(channel.autoOffsetReset())) {
                problem(id + ": offsetResetPolicy " + reset + " but the channel's auto.offset.reset is " + channel.autoOffsetReset());
            }
            if (!String.valueOf(metadata.get("bootstrapServers")).equals(env.get("KAFKA_BOOTSTRAP_SERVERS"))) {
                problem(id + ": bootstrapServers " + metadata.get("bootstrapServers") + " is not the service's KAFKA_BOOTSTRAP_SERVERS "
                        + env.get("KAFKA_BOOTSTRAP_SERVERS"));
            }
            Topics.Topic t2 = topics.get(topic);
            if (t2 == null) {
                problem(id + ": topic " + topic + " is not in scripts/topics.conf");
            } else if (max > t2.partitions() && !"true".equals(String.valueOf(metadata.get("allowIdleConsumers")))) {
                problem(id + ": maxReplicaCount " + max + " above the " + t2.partitions() + " partitions of " + topic);
            }
        }
        for (String channel : channels.keySet()) {
            if (!covered.contains(channel)) {
                problem(id + ": no trigger for the lag of channel " + channel);
            }
        }
    }

    /** The fewest replicas a Deployment runs: its ScaledObject's minimum, or its replicas. */
    private int minReplicas(String name, Deployment deployment) {
        for (Map<String, Object> d : docs) {
            if ("ScaledObject".equals(d.get("kind")) && name.equals(Repo.str(d, "spec.scaleTargetRef.name"))) {
                return intValue(Repo.at(d, "spec.minReplicaCount"), 0);
            }
        }
        return deployment.getSpec().getReplicas() == null ? 1 : deployment.getSpec().getReplicas();
    }

    private void checkHorizontalScalers() {
        for (Map<String, Object> d : docs) {
            if ("HorizontalPodAutoscaler".equals(d.get("kind")) && SINGLETONS.contains(Repo.str(d, "spec.scaleTargetRef.name"))) {
                problem("HorizontalPodAutoscaler/" + Repo.str(d, "metadata.name") + " scales a service that must run exactly one");
            }
        }
    }

    private void checkServiceMonitor(ServiceFacts service, Service svc, String servicePortName) {
        String metrics = service.metricsPath();
        if (metrics == null) {
            problem(service.name + ": exports no Prometheus metrics (quarkus-micrometer-registry-prometheus)");
            return;
        }
        boolean found = false;
        for (Map<String, Object> d : docs) {
            if (!"ServiceMonitor".equals(d.get("kind")) || svc == null) {
                continue;
            }
            LabelSelector selector = JSON.convertValue(Repo.at(d, "spec.selector"), LabelSelector.class);
            if (!matches(selector, svc.getMetadata().getLabels())) {
                continue;
            }
            found = true;
            for (Object e : Repo.list(Repo.at(d, "spec.endpoints"))) {
                Map<String, Object> endpoint = Repo.map(e);
                if (!metrics.equals(endpoint.get("path")) || !Objects.equals(servicePortName, endpoint.get("port"))) {
                    problem("ServiceMonitor/" + Repo.str(d, "metadata.name") + ": endpoint " + endpoint.get("port") + endpoint.get("path")
                            + " is not the Service port " + servicePortName + " with " + metrics);
                }
            }
        }
        if (!found) {
            problem(service.name + ": no ServiceMonitor selects its Service");
        }
    }

    /** The policy file is in a directory mounted whole (no subPath) from a ConfigMap that holds it under that name. */
    private void checkPolicyMount(ServiceFacts service, Container c, PodSpec pod, Map<String, String> env) {
        if (!service.readsEnv("TRIAGE_POLICY_FILE")) {
            return;
        }
        String id = "Deployment/" + service.name;
        String file = env.get("TRIAGE_POLICY_FILE");
        if (file == null || !file.startsWith("/")) {
            problem(id + ": TRIAGE_POLICY_FILE is not set to an absolute path (" + file + ")");
            return;
        }
        String dir = file.substring(0, file.lastIndexOf('/'));
        String key = file.substring(file.lastIndexOf('/') + 1);
        for (VolumeMount m : list(c.getVolumeMounts())) {
            if (m.getSubPath() != null || m.getSubPathExpr() != null) {
                problem(id + ": volumeMount " + m.getName() + " uses subPath: the kubelet never updates it");
            }
        }
        VolumeMount mount = list(c.getVolumeMounts()).stream().filter(m -> dir.equals(m.getMountPath())).findFirst().orElse(null);
        if (mount == null) {
            problem(id + ": nothing is mounted at " + dir + ", the directory of TRIAGE_POLICY_FILE");
            return;
        }
        if (!Boolean.TRUE.equals(mount.getReadOnly())) {
            problem(id + ": the policy mount is not read-only");
        }
        Volume volume = list(pod.getVolumes()).stream().filter(v -> v.getName().equals(mount.getName())).findFirst().orElse(null);
        if (volume == null || volume.getConfigMap() == null) {
            problem(id + ": the policy directory is not a ConfigMap volume");
            return;
        }
        ConfigMap cm = (ConfigMap) typed.get("ConfigMap/" + volume.getConfigMap().getName());
        if (cm == null || cm.getData() == null || !cm.getData().containsKey(key)) {
            problem(id + ": ConfigMap " + volume.getConfigMap().getName() + " has no key " + key);
        }
        if (volume.getConfigMap().getItems() != null && !volume.getConfigMap().getItems().isEmpty()) {
            problem(id + ": the policy volume selects items; mount the ConfigMap whole");
        }
    }

    // --- helpers ---

    /** The built-in objects' fields that fabric8 did not recognise: a misspelt field is silently dropped by kubectl. */
    private void unknownFields(Object object, String where, int depth) {
        if (object == null || depth > 30) {
            return;
        }
        if (object instanceof List<?> list) {
            list.forEach(o -> unknownFields(o, where, depth + 1));
            return;
        }
        if (object instanceof Map<?, ?> map) {
            map.values().forEach(o -> unknownFields(o, where, depth + 1));
            return;
        }
        if (!object.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method method : object.getClass().getMethods()) {
            if (method.getParameterCount() != 0 || !method.getName().startsWith("get") || method.getDeclaringClass() == Object.class) {
                continue;
            }
            Object value;
            try {
                value = method.invoke(object);
            } catch (IllegalAccessException | InvocationTargetException e) {
                continue;
            }
            if (method.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    problem(where + ": unknown field(s) " + extra.keySet() + " in " + object.getClass().getSimpleName());
                }
            } else {
                unknownFields(value, where, depth + 1);
            }
        }
    }

    static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return false;
        }
        Map<String, String> have = labels == null ? Map.of() : labels;
        if (selector.getMatchLabels() != null) {
            for (Map.Entry<String, String> e : selector.getMatchLabels().entrySet()) {
                if (!e.getValue().equals(have.get(e.getKey()))) {
                    return false;
                }
            }
        }
        for (LabelSelectorRequirement r : list(selector.getMatchExpressions())) {
            String value = have.get(r.getKey());
            boolean ok = switch (r.getOperator()) {
                case "In" -> value != null && r.getValues().contains(value);
                case "NotIn" -> value == null || !r.getValues().contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> throw new IllegalArgumentException("selector operator " + r.getOperator());
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    static boolean matches(Map<String, String> serviceSelector, Map<String, String> labels) {
        if (serviceSelector == null || serviceSelector.isEmpty()) {
            return false;
        }
        return serviceSelector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }

    private static String namespaceName(LabelSelector selector) {
        if (selector == null || selector.getMatchLabels() == null) {
            return null;
        }
        return selector.getMatchLabels().get("kubernetes.io/metadata.name");
    }

    private static String portText(NetworkPolicyPort p) {
        if (p.getPort() == null) {
            return "any";
        }
        return p.getPort().getIntVal() != null ? String.valueOf(p.getPort().getIntVal()) : p.getPort().getStrVal();
    }

    private static String protocol(NetworkPolicyPort p) {
        return p.getProtocol() == null ? "TCP" : p.getProtocol();
    }

    private static Integer resolve(IntOrString port, Map<String, Integer> named) {
        if (port == null) {
            return null;
        }
        return port.getIntVal() != null ? port.getIntVal() : named.get(port.getStrVal());
    }

    private static int intValue(Object value, int absent) {
        return value == null ? absent : Integer.parseInt(String.valueOf(value));
    }

    private static <T> List<T> list(List<T> list) {
        return list == null ? List.of() : list;
    }

    @SafeVarargs
    private static <T> List<T> concat(List<T>... lists) {
        List<T> all = new ArrayList<>();
        for (List<T> l : lists) {
            all.addAll(list(l));
        }
        return all;
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        for (T v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
