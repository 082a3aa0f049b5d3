package dev.findingsresponder.testsupport.fuzz;

import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Writes a tree as JSON text, optionally emitting one member of one object twice (a tree cannot hold duplicate
 * keys). Unlike {@code JsonNode.toString()} it has no nesting limit, so it can write the deeply nested values.
 */
final class DuplicatingWriter {

    /** Plain JSON text of {@code node}, any depth. */
    static String text(JsonNode node) {
        StringBuilder out = new StringBuilder();
        new DuplicatingWriter(null, null, null).write(node, out);
        return out.toString();
    }

    private final ObjectNode target;
    private final String name;
    private final JsonNode second;

    DuplicatingWriter(ObjectNode target, String name, JsonNode second) {
        this.target = target;
        this.name = name;
        this.second = second;
    }

    void write(JsonNode node, StringBuilder out) {
        if (node instanceof ObjectNode o) {
            out.append('{');
            boolean first = true;
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                first = member(e.getKey(), e.getValue(), first, out);
                if (o == target && e.getKey().equals(name) && target != null) {
                    first = member(name, second, first, out);
                }
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(node.get(i), out);
            }
            out.append(']');
        } else {
            out.append(node);
        }
    }

    private boolean member(String key, JsonNode value, boolean first, StringBuilder out) {
        if (!first) {
            out.append(',');
        }
        out.append(com.fasterxml.jackson.databind.node.TextNode.valueOf(key)).append(':');
        write(value, out);
        return false;
    }
}
