package dev.findingsresponder.triage.policy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/** Reads typed values from YAML nodes and collects every problem with its line and column. */
final class NodeReader {

    private static final Set<String> TRUE = Set.of("true", "yes", "on");
    private static final Set<String> FALSE = Set.of("false", "no", "off");

    private final String sourceName;
    private final List<PolicyError> errors = new ArrayList<>();

    NodeReader(String sourceName) {
        this.sourceName = sourceName;
    }

    void error(Node node, String message) {
        error(node.getStartMark(), message);
    }

    void error(Mark mark, String message) {
        int line = mark == null ? 1 : mark.getLine() + 1;
        int column = mark == null ? 1 : mark.getColumn() + 1;
        errors.add(new PolicyError(sourceName, line, column, message));
    }

    /** Every error so far, in file order. */
    List<PolicyError> errors() {
        List<PolicyError> sorted = new ArrayList<>(errors);
        sorted.sort(Comparator.comparingInt(PolicyError::line).thenComparingInt(PolicyError::column));
        return sorted;
    }

    int errorCount() {
        return errors.size();
    }

    /**
     * The entries of a map node by key, in file order. Reports a node that is not a map, non-string keys,
     * duplicate keys and keys outside {@code allowed}; bad entries are left out.
     */
    Optional<Map<String, NodeTuple>> mapping(Node node, String where, List<String> allowed) {
        if (!(node instanceof MappingNode map)) {
            error(node, "expected a map for " + where + ", got " + describe(node));
            return Optional.empty();
        }
        Map<String, NodeTuple> entries = new LinkedHashMap<>();
        for (NodeTuple tuple : map.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode keyNode)) {
                error(tuple.getKeyNode(), "keys must be plain names in " + where + ", got " + describe(tuple.getKeyNode()));
                continue;
            }
            String key = keyNode.getValue();
            if (entries.containsKey(key)) {
                error(keyNode, "duplicate key '" + key + "' in " + where);
            } else if (allowed != null && !allowed.contains(key)) {
                error(keyNode, "unknown key '" + key + "' in " + where + " (expected one of: "
                        + String.join(", ", allowed) + ")");
            } else {
                entries.put(key, tuple);
            }
        }
        return Optional.of(entries);
    }

    /** Reports each of {@code keys} missing from {@code entries}; true when none is missing. */
    boolean require(Map<String, NodeTuple> entries, Node owner, String where, String... keys) {
        boolean complete = true;
        for (String key : keys) {
            if (!entries.containsKey(key)) {
                error(owner, "missing required key '" + key + "' in " + where);
                complete = false;
            }
        }
        return complete;
    }

    /** The items of a list node; reports anything else. */
    Optional<List<Node>> sequence(Node node, String where) {
        if (node instanceof SequenceNode seq) {
            return Optional.of(seq.getValue());
        }
        error(node, "expected a list for " + where + ", got " + describe(node));
        return Optional.empty();
    }

    /** A non-empty scalar as written (numbers and booleans keep their text). */
    Optional<String> text(Node node, String where) {
        if (node instanceof ScalarNode s && !isNull(s) && !s.getValue().isBlank()) {
            return Optional.of(s.getValue());
        }
        error(node, "expected text for " + where + ", got " + describe(node));
        return Optional.empty();
    }

    Optional<Boolean> bool(Node node, String where) {
        if (node instanceof ScalarNode s && Tag.BOOL.equals(s.getTag())) {
            String v = s.getValue().toLowerCase();
            if (TRUE.contains(v) || FALSE.contains(v)) {
                return Optional.of(TRUE.contains(v));
            }
        }
        error(node, "expected true or false for " + where + ", got " + describe(node));
        return Optional.empty();
    }

    /** A number (integer or decimal) as written; reports anything else. */
    Optional<Double> number(Node node, String where) {
        Object value = node instanceof ScalarNode s ? scalarValue(s) : null;
        if (value instanceof Number n && Double.isFinite(n.doubleValue())) {
            return Optional.of(n.doubleValue());
        }
        error(node, "expected a number for " + where + ", got " + describe(node));
        return Optional.empty();
    }

    /** The node as plain Java data: maps, lists, strings, integers, doubles, booleans, null. */
    Object toJava(Node node, String where) {
        if (node instanceof ScalarNode s) {
            return scalarValue(s);
        }
        if (node instanceof SequenceNode seq) {
            List<Object> list = new ArrayList<>();
            seq.getValue().forEach(item -> list.add(toJava(item, where)));
            return Collections.unmodifiableList(list);
        }
        Map<String, Object> map = new LinkedHashMap<>();
        mapping(node, where, null).ifPresent(entries ->
                entries.forEach((key, tuple) -> map.put(key, toJava(tuple.getValueNode(), where))));
        return Collections.unmodifiableMap(map);
    }

    /** A scalar's value by its resolved YAML tag; quoted scalars are always strings. */
    static Object scalarValue(ScalarNode s) {
        String text = s.getValue();
        Tag tag = s.getTag();
        if (isNull(s)) {
            return null;
        }
        if (Tag.BOOL.equals(tag)) {
            return TRUE.contains(text.toLowerCase());
        }
        try {
            if (Tag.INT.equals(tag) && !text.matches("[-+]?0[0-9_].*")) {
                BigInteger n = new BigInteger(text.replace("_", ""));
                return n.bitLength() < 32 ? (Object) n.intValue() : n.bitLength() < 64 ? (Object) n.longValue() : n;
            }
            if (Tag.FLOAT.equals(tag)) {
                return Double.parseDouble(text.replace("_", ""));
            }
        } catch (NumberFormatException e) {
            return text; // YAML 1.1 hex, binary or sexagesimal forms: kept as written
        }
        return text; // includes YAML 1.1 octal (leading 0): an id like 0123 must keep its digits
    }

    static boolean isNull(ScalarNode s) {
        return Tag.NULL.equals(s.getTag());
    }

    /** How a node reads to a person in an error message. */
    static String describe(Node node) {
        if (node instanceof MappingNode) {
            return "a map";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        ScalarNode s = (ScalarNode) node;
        if (isNull(s) || s.getValue().isBlank()) {
            return "nothing";
        }
        if (Tag.INT.equals(s.getTag()) || Tag.FLOAT.equals(s.getTag())) {
            return "number " + s.getValue();
        }
        if (Tag.BOOL.equals(s.getTag())) {
            return "boolean " + s.getValue();
        }
        return "'" + s.getValue() + "'";
    }
}
