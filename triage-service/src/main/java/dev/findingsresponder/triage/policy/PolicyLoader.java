package dev.findingsresponder.triage.policy;

import dev.findingsresponder.model.Mode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Loads a policy file and validates all of it: structure, keys, values, action parameters. Either every
 * part is valid and a {@link Policy} is returned, or a {@link PolicyException} lists every error with its
 * line and column. See {@code policies/README.md} for the format.
 */
public final class PolicyLoader {

    static final List<String> TOP_KEYS = List.of("version", "suppressions", "playbooks");
    static final List<String> PLAYBOOK_KEYS = List.of("name", "description", "mode", "continue", "match", "actions");
    static final List<String> SUPPRESSION_KEYS = List.of("name", "description", "match");

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final String NAME_EXPECTED =
            "expected up to 64 letters, digits, '.', '_' or '-', starting with a letter or digit";
    private static final List<String> MODES = List.of("observe", "approve", "enforce");

    private final NodeReader reader;
    private final Map<String, Integer> playbookNames = new HashMap<>();
    private final Map<String, Integer> suppressionNames = new HashMap<>();

    private PolicyLoader(String sourceName) {
        this.reader = new NodeReader(sourceName);
    }

    /** Loads a policy from its text; {@code sourceName} (a file name) prefixes every error. */
    public static Policy load(String yaml, String sourceName) {
        PolicyLoader loader = new PolicyLoader(sourceName);
        Optional<Node> root = SafeYaml.compose(yaml, loader.reader);
        List<SuppressionRule> suppressions = new ArrayList<>();
        List<Playbook> playbooks = new ArrayList<>();
        root.ifPresent(node -> loader.parseRoot(node, suppressions, playbooks));
        if (loader.reader.errorCount() > 0) {
            throw new PolicyException(sourceName, loader.reader.errors());
        }
        return new Policy(sha256(yaml), sourceName, Instant.now(), suppressions, playbooks);
    }

    /** Loads a UTF-8 policy file, named by its file name in errors. */
    public static Policy load(Path file) throws IOException {
        return load(Files.readString(file, StandardCharsets.UTF_8), file.getFileName().toString());
    }

    private void parseRoot(Node root, List<SuppressionRule> suppressions, List<Playbook> playbooks) {
        Map<String, NodeTuple> top = reader.mapping(root, "the policy", TOP_KEYS).orElse(null);
        if (top == null) {
            return;
        }
        reader.require(top, root, "the policy", "version", "playbooks");
        checkVersion(top.get("version"));
        if (top.containsKey("suppressions")) {
            forEachItem(top.get("suppressions"), "suppressions",
                    (item, i) -> parseSuppression(item, i).ifPresent(suppressions::add));
        }
        if (top.containsKey("playbooks")) {
            forEachItem(top.get("playbooks"), "playbooks",
                    (item, i) -> parsePlaybook(item, i).ifPresent(playbooks::add));
        }
    }

    private void checkVersion(NodeTuple version) {
        Node value = version == null ? null : version.getValueNode();
        if (value != null && !(value instanceof ScalarNode s && "1".equals(s.getValue()))) {
            reader.error(value, "unsupported policy version " + NodeReader.describe(value) + " (expected 1)");
        }
    }

    private interface ItemParser {
        void parse(Node item, int index);
    }

    private void forEachItem(NodeTuple entry, String key, ItemParser parser) {
        Node value = entry.getValueNode();
        if (value instanceof ScalarNode s && NodeReader.isNull(s)) {
            return; // "suppressions:" with nothing after it: an empty list
        }
        List<Node> items = reader.sequence(value, key).orElse(List.of());
        for (int i = 0; i < items.size(); i++) {
            parser.parse(items.get(i), i);
        }
    }

    // A rule with missing keys is still checked key by key, so one pass reports every mistake in it.
    private Optional<SuppressionRule> parseSuppression(Node node, int index) {
        int errorsBefore = reader.errorCount();
        String where = "suppression " + peekScalar(node, "name").map(n -> "'" + n + "'").orElse("#" + (index + 1));
        Map<String, NodeTuple> entries = reader.mapping(node, where, SUPPRESSION_KEYS).orElse(null);
        if (entries == null) {
            return Optional.empty();
        }
        reader.require(entries, node, where, "name", "match");
        String name = entries.containsKey("name") ? name(entries.get("name"), "suppression", suppressionNames) : null;
        String description = description(entries.get("description"));
        Match match = match(entries.get("match"), where);
        if (match != null && match.hasNoCriteria()) {
            reader.error(entries.get("match").getKeyNode(), where + " has an empty match, which would suppress"
                    + " every finding (give at least one criterion)");
        }
        return reader.errorCount() == errorsBefore ? Optional.of(new SuppressionRule(name, description, match))
                : Optional.empty();
    }

    private Optional<Playbook> parsePlaybook(Node node, int index) {
        int errorsBefore = reader.errorCount();
        String where = "playbook " + peekScalar(node, "name").map(n -> "'" + n + "'").orElse("#" + (index + 1));
        Map<String, NodeTuple> entries = reader.mapping(node, where, PLAYBOOK_KEYS).orElse(null);
        if (entries == null) {
            return Optional.empty();
        }
        reader.require(entries, node, where, "name", "mode", "match", "actions");
        String name = entries.containsKey("name") ? name(entries.get("name"), "playbook", playbookNames) : null;
        String description = description(entries.get("description"));
        Mode mode = entries.containsKey("mode") ? mode(entries.get("mode"), where) : null;
        boolean continueMatching = entries.containsKey("continue")
                && reader.bool(entries.get("continue").getValueNode(), "continue").orElse(false);
        Match match = match(entries.get("match"), where);
        List<ActionStep> actions = new ArrayList<>();
        if (entries.containsKey("actions")) {
            ActionStepParser stepParser = new ActionStepParser(reader);
            forEachItem(entries.get("actions"), "actions of " + where,
                    (item, i) -> stepParser.parse(item, where, i).ifPresent(actions::add));
        }
        return reader.errorCount() == errorsBefore
                ? Optional.of(new Playbook(name, description, mode, continueMatching, match, actions))
                : Optional.empty();
    }

    private Match match(NodeTuple entry, String where) {
        return entry == null ? null : new MatchParser(reader).parse(entry.getValueNode(), where).orElse(null);
    }

    private String name(NodeTuple entry, String kind, Map<String, Integer> seen) {
        Node value = entry.getValueNode();
        String name = reader.text(value, kind + " name").orElse(null);
        if (name == null) {
            return null;
        }
        if (!NAME.matcher(name).matches()) {
            reader.error(value, "invalid " + kind + " name '" + name + "' (" + NAME_EXPECTED + ")");
        }
        Integer firstLine = seen.putIfAbsent(name, value.getStartMark().getLine() + 1);
        if (firstLine != null) {
            reader.error(value, "duplicate " + kind + " name '" + name + "' (first used on line " + firstLine + ")");
        }
        return name;
    }

    private String description(NodeTuple entry) {
        return entry == null ? null : reader.text(entry.getValueNode(), "description").orElse(null);
    }

    private Mode mode(NodeTuple entry, String where) {
        String text = reader.text(entry.getValueNode(), "mode").orElse(null);
        if (text == null) {
            return null;
        }
        if (!MODES.contains(text.toLowerCase(Locale.ROOT))) {
            reader.error(entry.getValueNode(), "invalid mode '" + text + "' in " + where + " (expected one of: "
                    + String.join(", ", MODES) + ")");
            return null;
        }
        return Mode.valueOf(text.toUpperCase(Locale.ROOT));
    }

    /** The text of a scalar entry of a map node, to name a rule in messages before it is validated. */
    static Optional<String> peekScalar(Node node, String key) {
        if (node instanceof MappingNode map) {
            for (NodeTuple t : map.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k && key.equals(k.getValue())
                        && t.getValueNode() instanceof ScalarNode v && !NodeReader.isNull(v)) {
                    return Optional.of(v.getValue());
                }
            }
        }
        return Optional.empty();
    }

    static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
