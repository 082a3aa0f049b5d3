package dev.findingsresponder.response.action;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.findingsresponder.model.ActionRequest;
import dev.findingsresponder.model.Finding;
import dev.findingsresponder.model.action.ActionCatalog;

/**
 * The playbook's document parameters with their placeholders ({@link ActionCatalog#SSM_PLACEHOLDERS}, e.g.
 * {@code {{resource.id}}}) replaced by the finding's values. A placeholder without a value for this finding
 * is an error, never an empty string: a runbook must not run against a blank resource.
 */
final class SsmParameters {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(.*?)}}");

    /** Why the parameters could not be resolved. */
    static final class Unresolved extends Exception {
        Unresolved(String message) {
            super(message);
        }
    }

    private SsmParameters() {
    }

    /** Parameters as SSM takes them: each value a one-element list. */
    static Map<String, List<String>> resolve(Object parameters, ActionRequest request) throws Unresolved {
        Map<String, List<String>> resolved = new LinkedHashMap<>();
        if (!(parameters instanceof Map<?, ?> map)) {
            return resolved;
        }
        for (Map.Entry<?, ?> e : map.entrySet()) {
            resolved.put(String.valueOf(e.getKey()), List.of(substitute(String.valueOf(e.getValue()), request)));
        }
        return resolved;
    }

    private static String substitute(String text, ActionRequest request) throws Unresolved {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            if (!ActionCatalog.SSM_PLACEHOLDERS.contains(name)) {
                throw new Unresolved("unknown placeholder {{" + name + "}}");
            }
            String value = value(name, request);
            if (value == null || value.isBlank()) {
                throw new Unresolved("placeholder {{" + name + "}} has no value for this finding");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String value(String name, ActionRequest request) {
        Finding f = request.finding();
        Finding.Resource r = f == null ? null : f.resource();
        ActionRequest.Target t = request.target();
        return switch (name) {
            case "resource.id" -> r == null ? null : r.id();
            case "resource.name" -> r == null ? null : r.name();
            case "resource.arn" -> r == null ? null : r.arn();
            case "resource.accessKeyId" -> r == null ? null : r.accessKeyId();
            case "resource.principal" -> r == null ? null : r.principal();
            case "account" -> t != null && t.account() != null ? t.account() : f == null ? null : f.account();
            case "region" -> t != null && t.region() != null ? t.region() : f == null ? null : f.region();
            case "finding.id" -> f == null ? null : f.id();
            case "compliance.ruleName" -> f == null || f.compliance() == null ? null : f.compliance().ruleName();
            default -> null;
        };
    }
}
