package dev.findingsresponder.testsupport.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * An IAM policy document as parsed maps (from a JSON file or a CloudFormation template): its statements, and the
 * actions its Allow statements grant, per Sid and in all.
 */
public final class IamPolicy {

    private final List<Map<String, Object>> statements;

    private IamPolicy(List<Map<String, Object>> statements) {
        this.statements = statements;
    }

    /** A policy document: a map with {@code Statement} (one statement or a list of them). */
    public static IamPolicy of(Object document) {
        Map<String, Object> policy = CloudFormationTemplate.asMap(document, "policy document");
        return new IamPolicy(statements(policy.get("Statement")));
    }

    /** Several policy documents (e.g. the inline policies of one role) as one. */
    public static IamPolicy merged(List<?> documents) {
        List<Map<String, Object>> all = new ArrayList<>();
        documents.forEach(d -> all.addAll(of(d).statements));
        return new IamPolicy(all);
    }

    /** The inline policies of an {@code AWS::IAM::Role} of a template, merged. */
    public static IamPolicy ofRole(CloudFormationTemplate template, String logicalId) {
        Object policies = template.properties(logicalId).get("Policies");
        if (!(policies instanceof List<?> list)) {
            throw new IllegalArgumentException(logicalId + " has no inline Policies");
        }
        return merged(list.stream().map(p -> CloudFormationTemplate.asMap(p, "policy").get("PolicyDocument")).toList());
    }

    public List<Map<String, Object>> statements() {
        return statements;
    }

    /** The statements with {@code Effect: Allow}. */
    public List<Map<String, Object>> allowStatements() {
        return statements.stream().filter(s -> "Allow".equals(s.get("Effect"))).toList();
    }

    /** Every action an Allow statement names, sorted. */
    public Set<String> allowedActions() {
        Set<String> actions = new TreeSet<>();
        allowStatements().forEach(s -> actions.addAll(strings(s.get("Action"))));
        return actions;
    }

    /** Sid to the actions of that Allow statement, in document order. */
    public Map<String, Set<String>> allowedActionsBySid() {
        Map<String, Set<String>> bySid = new LinkedHashMap<>();
        for (Map<String, Object> s : allowStatements()) {
            bySid.put(String.valueOf(s.get("Sid")), new TreeSet<>(strings(s.get("Action"))));
        }
        return bySid;
    }

    /** A value that is one string or a list of strings (Action, Resource), as a list. */
    public static List<String> strings(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return List.of(String.valueOf(value));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> statements(Object statement) {
        if (statement instanceof Map<?, ?> one) {
            return List.of((Map<String, Object>) one);
        }
        if (statement instanceof List<?> list) {
            return list.stream().map(s -> CloudFormationTemplate.asMap(s, "statement")).toList();
        }
        throw new IllegalArgumentException("Statement is neither a statement nor a list: " + statement);
    }
}
