package dev.findingsresponder.e2e;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough PromQL reading for the dashboard test: the metric names and the label names an expression (or a
 * Grafana variable query) uses. Not a parser: string literals, Grafana variables, range and subquery brackets are
 * dropped; label names are taken from {@code {...}} matchers and from {@code by/without/on/ignoring/group_left/
 * group_right (...)} clauses; every other identifier that is not followed by {@code (} (a function or an
 * aggregation) and is not a keyword is a metric name. A metric selected only through {@code {__name__="..."}} is
 * not seen (the dashboard does not do that).
 */
final class PromQl {

    /** What one expression refers to. */
    record Refs(Set<String> metrics, Set<String> labels) {
    }

    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
    private static final Pattern GRAFANA_VARIABLE = Pattern.compile("\\$\\{[^}]*}|\\$\\w+|\\[\\[\\w+]]");
    private static final Pattern MATCHERS = Pattern.compile("\\{([^}]*)}");
    private static final Pattern MATCHER_LABEL = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)\\s*(?:=~|!~|!=|=)");
    private static final Pattern RANGE = Pattern.compile("\\[[^]]*]");
    private static final Pattern GROUPING = Pattern.compile(
            "\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\(([^)]*)\\)");
    private static final Pattern BARE_MODIFIER = Pattern.compile("\\b(?:group_left|group_right)\\b");
    private static final Pattern LABEL_LIST_ITEM = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z_:][A-Za-z0-9_:]*|[0-9][A-Za-z0-9_.]*");
    private static final Pattern LABEL_VALUES = Pattern.compile("^\\s*label_values\\s*\\((.*),\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*\\)\\s*$",
            Pattern.DOTALL);
    private static final Pattern LABEL_VALUES_OF_LABEL = Pattern.compile("^\\s*label_values\\s*\\(\\s*[A-Za-z_][A-Za-z0-9_]*\\s*\\)\\s*$");
    private static final Pattern QUERY_RESULT = Pattern.compile("^\\s*query_result\\s*\\((.*)\\)\\s*$", Pattern.DOTALL);
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without",
            "on", "ignoring", "group_left", "group_right", "inf", "nan", "Inf", "NaN", "start", "end");

    private PromQl() {
    }

    /** The metric and label names of a PromQL expression. */
    static Refs refs(String expression) {
        Set<String> labels = new LinkedHashSet<>();
        String text = STRING.matcher(expression).replaceAll(" ");
        text = GRAFANA_VARIABLE.matcher(text).replaceAll(" ");
        Matcher matchers = MATCHERS.matcher(text);
        while (matchers.find()) {
            Matcher label = MATCHER_LABEL.matcher(matchers.group(1));
            while (label.find()) {
                labels.add(label.group(1));
            }
        }
        text = MATCHERS.matcher(text).replaceAll(" ");
        text = RANGE.matcher(text).replaceAll(" ");
        Matcher grouping = GROUPING.matcher(text);
        while (grouping.find()) {
            Matcher item = LABEL_LIST_ITEM.matcher(grouping.group(1));
            while (item.find()) {
                labels.add(item.group());
            }
        }
        text = GROUPING.matcher(text).replaceAll(" ");
        text = BARE_MODIFIER.matcher(text).replaceAll(" ");
        Set<String> metrics = new LinkedHashSet<>();
        Matcher token = TOKEN.matcher(text);
        while (token.find()) {
            String name = token.group();
            if (Character.isDigit(name.charAt(0)) || KEYWORDS.contains(name) || followedByParenthesis(text, token.end())) {
                continue;
            }
            metrics.add(name);
        }
        labels.remove("__name__");
        return new Refs(metrics, labels);
    }

    /**
     * The metric and label names of a Grafana Prometheus variable query: {@code label_values(expr, label)} (the
     * label counts as used by {@code expr}), {@code label_values(label)}, {@code query_result(expr)}, or a plain
     * expression; {@code label_names()}, {@code metrics(...)} refer to no particular metric.
     */
    static Refs variableRefs(String query) {
        if (LABEL_VALUES_OF_LABEL.matcher(query).matches() || query.trim().startsWith("label_names(")
                || query.trim().startsWith("metrics(")) {
            return new Refs(Set.of(), Set.of());
        }
        Matcher values = LABEL_VALUES.matcher(query);
        if (values.matches()) {
            Refs inner = refs(values.group(1));
            Set<String> labels = new LinkedHashSet<>(inner.labels());
            labels.add(values.group(2));
            return new Refs(inner.metrics(), labels);
        }
        Matcher result = QUERY_RESULT.matcher(query);
        return refs(result.matches() ? result.group(1) : query);
    }

    private static boolean followedByParenthesis(String text, int from) {
        int i = from;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i < text.length() && text.charAt(i) == '(';
    }
}
