package dev.findingsresponder.triage.policy;

import dev.findingsresponder.model.action.ActionCatalog;
import dev.findingsresponder.model.action.ActionSchema;
import dev.findingsresponder.model.action.Durations;
import dev.findingsresponder.model.action.ParamViolation;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** Parses one entry of a playbook's {@code actions:} and validates it against the action catalog. */
final class ActionStepParser {

    static final List<String> KEYS = List.of("action", "ttl", "params");

    private final NodeReader reader;

    ActionStepParser(NodeReader reader) {
        this.reader = reader;
    }

    /** The step, or empty when it has errors (all reported). */
    Optional<ActionStep> parse(Node node, String owner, int index) {
        int errorsBefore = reader.errorCount();
        String where = "action " + PolicyLoader.peekScalar(node, "action").orElse("#" + (index + 1)) + " of " + owner;
        Map<String, NodeTuple> entries = reader.mapping(node, where, KEYS).orElse(null);
        if (entries == null || !reader.require(entries, node, where, "action")) {
            return Optional.empty();
        }
        NodeTuple actionEntry = entries.get("action");
        String name = reader.text(actionEntry.getValueNode(), "action").orElse(null);
        if (name == null) {
            return Optional.empty();
        }
        Optional<ActionSchema> schema = ActionCatalog.find(name);
        if (schema.isEmpty()) {
            reader.error(actionEntry.getValueNode(), "unknown action '" + name + "' (known: "
                    + String.join(", ", ActionCatalog.names()) + ")");
            return Optional.empty();
        }
        Duration ttl = ttl(entries.get("ttl"), schema.get(), actionEntry);
        Map<String, Object> params = params(entries.get("params"), schema.get(), actionEntry);
        return reader.errorCount() == errorsBefore ? Optional.of(new ActionStep(name, params, ttl)) : Optional.empty();
    }

    private Duration ttl(NodeTuple entry, ActionSchema schema, NodeTuple actionEntry) {
        Duration ttl = null;
        if (entry != null) {
            String text = reader.text(entry.getValueNode(), "ttl").orElse(null);
            if (text == null) {
                return null;
            }
            ttl = Durations.parse(text).orElse(null);
            if (ttl == null) {
                reader.error(entry.getValueNode(), "invalid ttl '" + text + "' for action " + schema.name()
                        + " (expected " + Durations.EXPECTED + ")");
                return null;
            }
        }
        Node at = entry != null ? entry.getKeyNode() : actionEntry.getKeyNode();
        schema.checkTtl(ttl).ifPresent(problem -> reader.error(at, problem));
        return ttl;
    }

    private Map<String, Object> params(NodeTuple entry, ActionSchema schema, NodeTuple actionEntry) {
        Map<String, NodeTuple> nodes = Map.of();
        if (entry != null && !(entry.getValueNode() instanceof ScalarNode s && NodeReader.isNull(s))) {
            nodes = reader.mapping(entry.getValueNode(), "params of action " + schema.name(), null).orElse(null);
            if (nodes == null) {
                return Map.of();
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        nodes.forEach((key, tuple) -> values.put(key,
                reader.toJava(tuple.getValueNode(), "parameter '" + key + "' of action " + schema.name())));
        Node fallback = entry != null ? entry.getKeyNode() : actionEntry.getKeyNode();
        for (ParamViolation v : schema.violations(values)) {
            NodeTuple at = nodes.get(v.param());
            reader.error(at == null ? fallback : entryKey(at, v.entry()).orElse(at.getKeyNode()), v.message());
        }
        return Collections.unmodifiableMap(values);
    }

    /** The key node of entry {@code entry} of a map parameter, so a problem with one entry points at its line. */
    private static Optional<Node> entryKey(NodeTuple param, String entry) {
        if (entry == null || !(param.getValueNode() instanceof MappingNode map)) {
            return Optional.empty();
        }
        return map.getValue().stream()
                .filter(tuple -> tuple.getKeyNode() instanceof ScalarNode key && key.getValue().equals(entry))
                .map(NodeTuple::getKeyNode)
                .findFirst();
    }
}
