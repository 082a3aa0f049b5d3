package dev.findingsresponder.triage.policy;

import java.io.StringReader;
import java.util.Optional;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionEndEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.representer.Representer;

/**
 * Composes YAML text into a node tree (every node keeps its line and column) with limits that keep a
 * hostile or broken file harmless: at most 1 MB, no anchors or aliases (no "billion laughs"), no explicit
 * tags (nothing but plain data), one document.
 */
final class SafeYaml {

    static final int MAX_CODE_POINTS = 1_000_000;
    /** Most nested maps and lists; deeper is certainly not a policy, and deep nesting costs stack when composed. */
    static final int MAX_DEPTH = 30;

    private SafeYaml() {
    }

    /** The root node, or empty when the text is empty or not acceptable YAML (errors reported to {@code reader}). */
    static Optional<Node> compose(String text, NodeReader reader) {
        if (text == null || text.isBlank()) {
            reader.error((Mark) null, "the policy is empty (expected a map with keys: "
                    + String.join(", ", PolicyLoader.TOP_KEYS) + ")");
            return Optional.empty();
        }
        if (text.length() > MAX_CODE_POINTS && text.codePointCount(0, text.length()) > MAX_CODE_POINTS) {
            reader.error((Mark) null, "the policy is larger than " + MAX_CODE_POINTS + " characters");
            return Optional.empty();
        }
        Yaml yaml = newYaml();
        try {
            int errorsBefore = reader.errorCount();
            int depth = 0;
            for (Event event : yaml.parse(new StringReader(text))) {
                rejectUnsafe(event, reader);
                if (event instanceof CollectionStartEvent && ++depth > MAX_DEPTH) {
                    // checked here, with the event's position: the composer's own limit throws without a mark
                    reader.error(event.getStartMark(), "nesting deeper than " + MAX_DEPTH
                            + " maps and lists is not allowed in a policy");
                    break;
                } else if (event instanceof CollectionEndEvent) {
                    depth--;
                }
            }
            if (reader.errorCount() > errorsBefore) {
                return Optional.empty();
            }
            Node root = yaml.compose(new StringReader(text));
            if (root == null) {
                reader.error((Mark) null, "the policy is empty (expected a map with keys: "
                        + String.join(", ", PolicyLoader.TOP_KEYS) + ")");
            }
            return Optional.ofNullable(root);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String context = e.getContext() == null ? "" : e.getContext() + ": ";
            reader.error(mark, "invalid YAML: " + context + e.getProblem());
        } catch (YAMLException e) {
            reader.error((Mark) null, "invalid YAML: " + e.getMessage());
        }
        return Optional.empty();
    }

    private static void rejectUnsafe(Event event, NodeReader reader) {
        if (event instanceof AliasEvent alias) {
            reader.error(event.getStartMark(), "aliases (*" + alias.getAnchor()
                    + ") are not allowed in a policy: write the value out");
        } else if (event instanceof NodeEvent node && node.getAnchor() != null) {
            reader.error(event.getStartMark(), "anchors (&" + node.getAnchor()
                    + ") are not allowed in a policy: write the value out");
        }
        String tag = event instanceof ScalarEvent s ? s.getTag()
                : event instanceof CollectionStartEvent c ? c.getTag() : null;
        if (tag != null) {
            // standard tags too: !!bool "yes" would turn a quoted string into a switch the reader does not see
            reader.error(event.getStartMark(), "tag '" + tag + "' is not allowed in a policy (plain values only)");
        }
    }

    private static Yaml newYaml() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_CODE_POINTS);
        options.setMaxAliasesForCollections(0);
        options.setAllowDuplicateKeys(false);
        options.setAllowRecursiveKeys(false);
        options.setNestingDepthLimit(MAX_DEPTH);
        DumperOptions dumper = new DumperOptions();
        return new Yaml(new SafeConstructor(options), new Representer(dumper), dumper, options);
    }
}
