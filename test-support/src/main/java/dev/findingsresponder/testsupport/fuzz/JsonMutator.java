package dev.findingsresponder.testsupport.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Mutates a well-formed event into a hostile one, deterministically from a seed: JSON-aware edits of the tree
 * (see {@link Mutation}), then optionally a byte-level one (truncation, byte flips) on the serialized result.
 * Shared by the decoder fuzz properties (findings-model) and the ingest pipeline fuzz test.
 */
public final class JsonMutator {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Random rnd;

    public JsonMutator(long seed) {
        this.rnd = new Random(seed);
    }

    /** Applies {@code mutations} in order to {@code original} (JSON bytes) and returns the mutated bytes. */
    public byte[] mutate(byte[] original, List<Mutation> mutations) {
        JsonNode root = parseOrNull(original);
        if (root == null) {
            return applyBytes(original, mutations);
        }
        List<Mutation> textLevel = new ArrayList<>();
        for (Mutation m : mutations) {
            if (m.byteLevel() || m == Mutation.DUPLICATE_KEY) {
                textLevel.add(m);
            } else {
                root = applyTree(root, m);
            }
        }
        String text = HostileValues.expandDeepNesting(serialize(root, textLevel.contains(Mutation.DUPLICATE_KEY)));
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return applyBytes(bytes, textLevel);
    }

    private JsonNode applyTree(JsonNode root, Mutation m) {
        return switch (m) {
            case WRAP_SNS -> Wrappers.sns(root);
            case WRAP_SECURITY_HUB -> Wrappers.securityHub(root);
            default -> {
                Slot slot = randomSlot(root, m);
                if (slot == null) {
                    yield root;
                }
                JsonNode replacement = replacement(m, slot.get());
                if (m == Mutation.DROP_KEY) {
                    slot.remove();
                } else if (replacement != null) {
                    slot.set(replacement);
                }
                yield root;
            }
        };
    }

    private JsonNode replacement(Mutation m, JsonNode current) {
        return switch (m) {
            case NULL_VALUE -> NODES.nullNode();
            case CHANGE_TYPE -> HostileValues.otherType(current, rnd);
            case HUGE_STRING -> NODES.textNode(HostileValues.hugeString(rnd));
            case DEEP_NESTING -> HostileValues.deepNesting(rnd);
            case UNICODE -> NODES.textNode(HostileValues.unicode(current.isTextual() ? current.textValue() : "x", rnd));
            case NUMBER_OUT_OF_RANGE -> HostileValues.outOfRangeNumber(rnd);
            case WRONG_DATE -> HostileValues.wrongDate(rnd);
            case HOSTILE_ADDRESS -> NODES.textNode(HostileValues.address(rnd));
            default -> null;
        };
    }

    private byte[] applyBytes(byte[] bytes, List<Mutation> mutations) {
        byte[] out = bytes;
        for (Mutation m : mutations) {
            if (out.length == 0) {
                return out;
            }
            if (m == Mutation.TRUNCATE) {
                out = Arrays.copyOf(out, rnd.nextInt(out.length));
            } else if (m == Mutation.BYTE_FLIP) {
                out = out.clone();
                int flips = 1 + rnd.nextInt(4);
                for (int i = 0; i < flips; i++) {
                    out[rnd.nextInt(out.length)] = (byte) rnd.nextInt(256);
                }
            }
        }
        return out;
    }

    /** Serializes the tree; with {@code duplicateKey}, one random object member is written twice (second one edited). */
    private String serialize(JsonNode root, boolean duplicateKey) {
        if (!duplicateKey) {
            return DuplicatingWriter.text(root);
        }
        List<ObjectNode> objects = new ArrayList<>();
        collectObjects(root, objects);
        objects.removeIf(JsonNode::isEmpty);
        if (objects.isEmpty()) {
            return DuplicatingWriter.text(root);
        }
        ObjectNode target = objects.get(rnd.nextInt(objects.size()));
        List<String> names = new ArrayList<>();
        target.fieldNames().forEachRemaining(names::add);
        String name = names.get(rnd.nextInt(names.size()));
        JsonNode second = rnd.nextBoolean() ? NODES.nullNode() : HostileValues.otherType(target.get(name), rnd);
        StringBuilder out = new StringBuilder();
        new DuplicatingWriter(target, name, second).write(root, out);
        return out.toString();
    }

    private static void collectObjects(JsonNode node, List<ObjectNode> out) {
        if (node instanceof ObjectNode o) {
            out.add(o);
        }
        if (node.isContainerNode()) {
            node.elements().forEachRemaining(child -> collectObjects(child, out));
        }
    }

    /**
     * A random member of an object or element of an array anywhere in the tree (null for a scalar root); dates,
     * numbers and addresses go preferably where a decoder reads one, so the edit reaches its parsing code.
     */
    private Slot randomSlot(JsonNode root, Mutation m) {
        List<Slot> slots = new ArrayList<>();
        collectSlots(root, slots);
        if (slots.isEmpty()) {
            return null;
        }
        List<Slot> preferred = slots.stream().filter(s -> prefers(m, s)).toList();
        List<Slot> from = preferred.isEmpty() || rnd.nextInt(4) == 0 ? slots : preferred;
        return from.get(rnd.nextInt(from.size()));
    }

    private static boolean prefers(Mutation m, Slot slot) {
        String key = slot.name() == null ? "" : slot.name().toLowerCase(java.util.Locale.ROOT);
        return switch (m) {
            case WRONG_DATE -> key.endsWith("at") || key.contains("time") || key.contains("seen")
                    || key.contains("date");
            case NUMBER_OUT_OF_RANGE -> slot.get().isNumber() || key.contains("severity") || key.contains("score")
                    || key.contains("port") || key.contains("count");
            case HOSTILE_ADDRESS -> key.contains("ip") || key.contains("address");
            default -> true;
        };
    }

    private static void collectSlots(JsonNode node, List<Slot> out) {
        if (node instanceof ObjectNode o) {
            Iterator<String> names = o.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                out.add(new Slot(o, name, -1));
                collectSlots(o.get(name), out);
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                out.add(new Slot(a, null, i));
                collectSlots(a.get(i), out);
            }
        }
    }

    private static JsonNode parseOrNull(byte[] bytes) {
        try {
            JsonNode node = MAPPER.readTree(bytes);
            return node == null || node.isMissingNode() ? null : node.deepCopy();
        } catch (Exception notJson) {
            return null;
        }
    }

    /** One place in the tree: a named member of an object or an indexed element of an array. */
    private record Slot(ContainerNode<?> parent, String name, int index) {

        JsonNode get() {
            return name != null ? parent.get(name) : parent.get(index);
        }

        void set(JsonNode value) {
            if (parent instanceof ObjectNode o) {
                o.set(name, value);
            } else {
                ((ArrayNode) parent).set(index, value);
            }
        }

        void remove() {
            if (parent instanceof ObjectNode o) {
                o.remove(name);
            } else {
                ((ArrayNode) parent).remove(index);
            }
        }
    }
}
