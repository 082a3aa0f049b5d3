package dev.findingsresponder.triage.policy;

import dev.findingsresponder.model.SeverityLabel;
import dev.findingsresponder.model.Source;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Parses and validates a {@code match:} block, reporting every problem. */
final class MatchParser {

    static final List<String> KEYS = List.of("source", "product", "type", "severity", "score", "label",
            "resource-type", "account", "region", "tags", "remote-ip", "resource-role", "exploit-available", "sample");

    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");
    private static final List<String> SOURCE_NAMES = Arrays.stream(Source.values()).map(Enum::name).toList();
    private static final List<String> LABEL_NAMES = Arrays.stream(SeverityLabel.values()).map(Enum::name).toList();

    private final NodeReader reader;

    MatchParser(NodeReader reader) {
        this.reader = reader;
    }

    /** The match, or empty when it has errors (all reported). {@code owner} names the rule, e.g. "playbook 'x'". */
    Optional<Match> parse(Node node, String owner) {
        int errorsBefore = reader.errorCount();
        Map<String, NodeTuple> entries = reader.mapping(node, "match of " + owner, KEYS).orElse(null);
        if (entries == null) {
            return Optional.empty();
        }
        Match match = new Match(
                list(entries, "source", v -> source(v, "source")).map(MatchParser::enumSet).orElse(null),
                list(entries, "product", v -> source(v, "product")).map(MatchParser::enumSet).orElse(null),
                list(entries, "type", v -> check(v, TypeGlob.problem(v)).map(TypeGlob::compile)).orElse(null),
                range(entries, "severity", 0, 10, Match.SeverityRange::new, this::severityBound),
                range(entries, "score", 0, 100, (a, b) -> new Match.ScoreRange(a.intValue(), b.intValue()),
                        this::scoreBound),
                labelRange(entries),
                list(entries, "resource-type", Optional::of).orElse(null),
                list(entries, "account", v -> check(v, ACCOUNT.matcher(v).matches() ? Optional.empty()
                        : Optional.of("invalid account '" + v + "' in account (expected 12 digits)"))).orElse(null),
                list(entries, "region", v -> check(v, REGION.matcher(v).matches() ? Optional.empty()
                        : Optional.of("invalid region '" + v + "' in region (expected a name like us-east-1)")))
                        .orElse(null),
                tags(entries.get("tags")),
                list(entries, "remote-ip", v -> check(v, CidrMatcher.problem(v, "remote-ip")))
                        .map(CidrMatcher::of).orElse(null),
                list(entries, "resource-role", this::resourceRole).orElse(null),
                flag(entries, "exploit-available"),
                flag(entries, "sample"));
        return reader.errorCount() == errorsBefore ? Optional.of(match) : Optional.empty();
    }

    private Boolean flag(Map<String, NodeTuple> entries, String key) {
        return entries.containsKey(key) ? reader.bool(entries.get(key).getValueNode(), key).orElse(null) : null;
    }

    private Optional<String> resourceRole(String value) {
        String upper = value.toUpperCase(Locale.ROOT);
        if (upper.equals("TARGET") || upper.equals("ACTOR")) {
            return Optional.of(upper);
        }
        throw new InvalidValue("unknown resource-role '" + value + "' (expected one of: TARGET, ACTOR)");
    }

    /** A check result as a parse result: the value when there is no problem. */
    private static Optional<String> check(String value, Optional<String> problem) {
        if (problem.isPresent()) {
            throw new InvalidValue(problem.get());
        }
        return Optional.of(value);
    }

    private Optional<Source> source(String value, String key) {
        String wanted = normalize(value);
        for (Source s : Source.values()) {
            if (normalize(s.name()).equals(wanted)) {
                return Optional.of(s);
            }
        }
        throw new InvalidValue("unknown " + key + " '" + value + "' (expected one of: "
                + String.join(", ", SOURCE_NAMES) + ")");
    }

    /** {@code GuardDuty}, {@code guardduty}, {@code security-hub}, {@code Security Hub} all name a source. */
    private static String normalize(String name) {
        return name.replaceAll("[\\s_-]", "").toUpperCase(Locale.ROOT);
    }

    private static Set<Source> enumSet(List<Source> values) {
        return EnumSet.copyOf(values);
    }

    /**
     * The values of a criterion: a list or a single scalar, each converted by {@code convert}, which throws
     * {@link InvalidValue} for a bad value. Empty when the key is absent or anything is wrong (reported).
     */
    private <T> Optional<List<T>> list(Map<String, NodeTuple> entries, String key,
                                       Function<String, Optional<T>> convert) {
        return list(entries.get(key), key, convert);
    }

    private <T> Optional<List<T>> list(NodeTuple tuple, String key, Function<String, Optional<T>> convert) {
        if (tuple == null) {
            return Optional.empty();
        }
        Node value = tuple.getValueNode();
        List<Node> items = value instanceof SequenceNode seq ? seq.getValue() : List.of(value);
        if (value instanceof SequenceNode && items.isEmpty()) {
            reader.error(value, key + " is an empty list, which matches nothing (remove it to match any)");
            return Optional.empty();
        }
        if (!(value instanceof SequenceNode || value instanceof ScalarNode)) {
            reader.error(value, "expected a list or a single value for " + key + ", got " + NodeReader.describe(value));
            return Optional.empty();
        }
        List<T> result = new ArrayList<>();
        boolean valid = true;
        for (Node item : items) {
            Optional<String> text = reader.text(item, "an entry of " + key);
            try {
                Optional<T> converted = text.flatMap(convert);
                converted.ifPresent(result::add);
                valid &= converted.isPresent();
            } catch (InvalidValue e) {
                reader.error(item, e.getMessage());
                valid = false;
            }
        }
        return valid ? Optional.of(List.copyOf(result)) : Optional.empty();
    }

    private interface RangeFactory<R> {
        R create(Double min, Double max);
    }

    private interface BoundCheck {
        Optional<String> problem(String key, double value);
    }

    private <R> R range(Map<String, NodeTuple> entries, String key, double lowest, double highest,
                        RangeFactory<R> factory, BoundCheck check) {
        NodeTuple tuple = entries.get(key);
        if (tuple == null) {
            return null;
        }
        Map<String, NodeTuple> bounds = bounds(tuple, key);
        if (bounds == null) {
            return null;
        }
        Double min = bound(bounds.get("min"), key + " min", check).orElse(null);
        Double max = bound(bounds.get("max"), key + " max", check).orElse(null);
        if (bounds.containsKey("min") && min == null || bounds.containsKey("max") && max == null) {
            return null;
        }
        double lo = min == null ? lowest : min;
        double hi = max == null ? highest : max;
        if (lo > hi) {
            reader.error(tuple.getValueNode(), key + " min " + fmt(lo) + " is above max " + fmt(hi));
            return null;
        }
        return factory.create(lo, hi);
    }

    /** The {@code min}/{@code max} entries of a range, or null when the range is unusable (reported). */
    private Map<String, NodeTuple> bounds(NodeTuple tuple, String key) {
        int errorsBefore = reader.errorCount();
        Map<String, NodeTuple> bounds = reader.mapping(tuple.getValueNode(), key, List.of("min", "max")).orElse(null);
        if (bounds == null || reader.errorCount() > errorsBefore) {
            return null;
        }
        if (bounds.isEmpty()) {
            reader.error(tuple.getValueNode(), key + " needs min, max or both");
            return null;
        }
        return bounds;
    }

    private Optional<Double> bound(NodeTuple tuple, String what, BoundCheck check) {
        if (tuple == null) {
            return Optional.empty();
        }
        Optional<Double> value = reader.number(tuple.getValueNode(), what);
        Optional<String> problem = value.flatMap(v -> check.problem(what, v));
        problem.ifPresent(p -> reader.error(tuple.getValueNode(), p));
        return problem.isPresent() ? Optional.empty() : value;
    }

    private Optional<String> severityBound(String what, double v) {
        return v < 0 || v > 10 ? Optional.of(what + " must be from 0 to 10 (got " + fmt(v) + ")") : Optional.empty();
    }

    private Optional<String> scoreBound(String what, double v) {
        return v < 0 || v > 100 || v != Math.rint(v)
                ? Optional.of(what + " must be a whole number from 0 to 100 (got " + fmt(v) + ")") : Optional.empty();
    }

    private Match.LabelRange labelRange(Map<String, NodeTuple> entries) {
        NodeTuple tuple = entries.get("label");
        if (tuple == null) {
            return null;
        }
        Map<String, NodeTuple> bounds = bounds(tuple, "label");
        if (bounds == null) {
            return null;
        }
        SeverityLabel min = label(bounds.get("min"), "label min", SeverityLabel.INFORMATIONAL);
        SeverityLabel max = label(bounds.get("max"), "label max", SeverityLabel.CRITICAL);
        if (min == null || max == null) {
            return null;
        }
        if (min.compareTo(max) > 0) {
            reader.error(tuple.getValueNode(), "label min " + min + " is above max " + max);
            return null;
        }
        return new Match.LabelRange(min, max);
    }

    private SeverityLabel label(NodeTuple tuple, String what, SeverityLabel absent) {
        if (tuple == null) {
            return absent;
        }
        String text = reader.text(tuple.getValueNode(), what).orElse(null);
        if (text == null) {
            return null;
        }
        String upper = text.toUpperCase(Locale.ROOT);
        if (LABEL_NAMES.contains(upper)) {
            return SeverityLabel.valueOf(upper);
        }
        reader.error(tuple.getValueNode(), "unknown label '" + text + "' in " + what + " (expected one of: "
                + String.join(", ", LABEL_NAMES) + ")");
        return null;
    }

    private Map<String, List<String>> tags(NodeTuple tuple) {
        if (tuple == null) {
            return null;
        }
        Map<String, NodeTuple> entries = reader.mapping(tuple.getValueNode(), "tags", null).orElse(null);
        if (entries == null) {
            return null;
        }
        if (entries.isEmpty()) {
            reader.error(tuple.getValueNode(), "tags needs at least one key (remove it to match any)");
            return null;
        }
        Map<String, List<String>> tags = new LinkedHashMap<>();
        entries.forEach((key, entry) -> list(entry, "tag '" + key + "'", Optional::of)
                .ifPresent(values -> tags.put(key, values)));
        return tags.size() == entries.size() ? Collections.unmodifiableMap(tags) : null;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    /** A value of a criterion that is not acceptable; the message says why. */
    private static final class InvalidValue extends RuntimeException {
        InvalidValue(String message) {
            super(message, null, false, false);
        }
    }
}
