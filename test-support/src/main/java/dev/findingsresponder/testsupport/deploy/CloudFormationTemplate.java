package dev.findingsresponder.testsupport.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A CloudFormation template read as plain maps and lists. The YAML short forms become their long forms:
 * {@code !Ref X} is {@code {Ref: X}}, {@code !Sub s} is {@code {Fn::Sub: s}}, {@code !GetAtt A.B} is
 * {@code {Fn::GetAtt: [A, B]}}, {@code !Condition C} is {@code {Condition: C}}; any other tag fails to load.
 * Duplicate keys fail to load too (CloudFormation would silently keep one of them).
 */
public final class CloudFormationTemplate {

    /** The intrinsic functions written as YAML tags. */
    private static final List<String> FUNCTIONS = List.of("Ref", "Condition", "Sub", "GetAtt", "Join", "Select",
            "Split", "If", "Equals", "Not", "And", "Or", "FindInMap", "Base64", "ImportValue", "GetAZs", "Cidr",
            "Contains", "EachMemberEquals", "EachMemberIn", "RefAll", "ValueOf", "ValueOfAll", "Length",
            "ToJsonString");
    private static final Set<String> PSEUDO_PARAMETERS = Set.of("AWS::AccountId", "AWS::NotificationARNs",
            "AWS::NoValue", "AWS::Partition", "AWS::Region", "AWS::StackId", "AWS::StackName", "AWS::URLSuffix");
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{(?!!)([^}]+)}");

    private final Path path;
    private final Map<String, Object> root;

    private CloudFormationTemplate(Path path, Map<String, Object> root) {
        this.path = path;
        this.root = root;
    }

    /** Loads a template; YAML errors and unknown tags throw. */
    @SuppressWarnings("unchecked")
    public static CloudFormationTemplate load(Path path) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        Yaml yaml = new Yaml(new CfnConstructor(options));
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            Object loaded = yaml.load(reader);
            if (!(loaded instanceof Map<?, ?> map)) {
                throw new IllegalArgumentException(path + " is not a YAML map");
            }
            return new CloudFormationTemplate(path, (Map<String, Object>) map);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path path() {
        return path;
    }

    public Map<String, Object> root() {
        return root;
    }

    public Map<String, Object> parameters() {
        return section("Parameters");
    }

    public Map<String, Object> resources() {
        return section("Resources");
    }

    public Map<String, Object> conditions() {
        return section("Conditions");
    }

    /** The parameter's {@code Default}, as text; null when it has none. */
    public String parameterDefault(String name) {
        Object parameter = parameters().get(name);
        if (!(parameter instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(path.getFileName() + " has no parameter " + name);
        }
        Object value = map.get("Default");
        return value == null ? null : String.valueOf(value);
    }

    /** The resource named {@code logicalId}; fails when there is none. */
    public Map<String, Object> resource(String logicalId) {
        return asMap(resources().get(logicalId), path.getFileName() + " has no resource " + logicalId);
    }

    /** The {@code Properties} of a resource. */
    public Map<String, Object> properties(String logicalId) {
        return asMap(resource(logicalId).getOrDefault("Properties", Map.of()), logicalId + ".Properties");
    }

    /** Logical ids of the resources of {@code type} (e.g. {@code AWS::Events::Rule}), in template order. */
    public List<String> resourcesOfType(String type) {
        List<String> ids = new ArrayList<>();
        resources().forEach((id, resource) -> {
            if (resource instanceof Map<?, ?> map && type.equals(map.get("Type"))) {
                ids.add(id);
            }
        });
        return ids;
    }

    /**
     * What CloudFormation would refuse before creating anything: a {@code Ref}, {@code Fn::GetAtt} or
     * {@code Fn::Sub} variable naming no parameter, resource or pseudo parameter; a condition used but not
     * defined; a resource without a {@code Type}. Empty when the template is consistent.
     */
    public List<String> danglingReferences() {
        List<String> problems = new ArrayList<>();
        Set<String> names = new TreeSet<>(parameters().keySet());
        names.addAll(resources().keySet());
        Set<String> conditionNames = conditions().keySet();
        resources().forEach((id, resource) -> {
            if (!(resource instanceof Map<?, ?> map) || !(map.get("Type") instanceof String)) {
                problems.add("resource " + id + " has no Type");
            } else if (map.get("Condition") instanceof String condition && !conditionNames.contains(condition)) {
                problems.add("resource " + id + " uses undefined condition " + condition);
            }
        });
        walk(root, "", names, conditionNames, Set.of(), problems);
        return problems;
    }

    private void walk(Object node, String at, Set<String> names, Set<String> conditionNames, Set<String> local,
            List<String> problems) {
        if (node instanceof Map<?, ?> map) {
            if (map.size() == 1) {
                Map.Entry<?, ?> only = map.entrySet().iterator().next();
                String key = String.valueOf(only.getKey());
                Object value = only.getValue();
                switch (key) {
                    case "Ref" -> {
                        String name = String.valueOf(value);
                        if (!names.contains(name) && !PSEUDO_PARAMETERS.contains(name)) {
                            problems.add(at + ": Ref to unknown " + name);
                        }
                        return;
                    }
                    case "Fn::GetAtt" -> {
                        String resource = value instanceof List<?> list && !list.isEmpty()
                                ? String.valueOf(list.get(0)) : String.valueOf(value).split("\\.")[0];
                        if (!resources().containsKey(resource)) {
                            problems.add(at + ": GetAtt of unknown resource " + resource);
                        }
                        return;
                    }
                    case "Condition" -> {
                        if (value instanceof String condition && !conditionNames.contains(condition)) {
                            problems.add(at + ": unknown condition " + condition);
                        }
                    }
                    case "Fn::If" -> {
                        if (value instanceof List<?> list && !list.isEmpty()
                                && !conditionNames.contains(String.valueOf(list.get(0)))) {
                            problems.add(at + ": Fn::If on unknown condition " + list.get(0));
                        }
                    }
                    case "Fn::Sub" -> {
                        String text;
                        Set<String> variables = new TreeSet<>(local);
                        if (value instanceof List<?> list && list.size() == 2 && list.get(1) instanceof Map<?, ?> vars) {
                            text = String.valueOf(list.get(0));
                            vars.keySet().forEach(k -> variables.add(String.valueOf(k)));
                            walk(list.get(1), at + "/Fn::Sub", names, conditionNames, local, problems);
                        } else {
                            text = String.valueOf(value);
                        }
                        Matcher m = SUB_VARIABLE.matcher(text);
                        while (m.find()) {
                            String variable = m.group(1);
                            String base = variable.contains(".") ? variable.substring(0, variable.indexOf('.')) : variable;
                            if (!variables.contains(variable) && !names.contains(variable)
                                    && !PSEUDO_PARAMETERS.contains(variable) && !resources().containsKey(base)) {
                                problems.add(at + ": Fn::Sub variable ${" + variable + "} names nothing");
                            }
                        }
                        return;
                    }
                    default -> {
                    }
                }
            }
            map.forEach((k, v) -> walk(v, at + "/" + k, names, conditionNames, local, problems));
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                walk(list.get(i), at + "[" + i + "]", names, conditionNames, local, problems);
            }
        }
    }

    private Map<String, Object> section(String name) {
        Object section = root.get(name);
        return section == null ? Map.of() : asMap(section, path.getFileName() + " " + name);
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> asMap(Object value, String what) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(what + " is not a map: " + value);
        }
        return (Map<String, Object>) map;
    }

    /** SnakeYAML's safe constructor plus one constructor per intrinsic function tag. */
    private static final class CfnConstructor extends SafeConstructor {

        CfnConstructor(LoaderOptions options) {
            super(options);
            for (String function : FUNCTIONS) {
                String longName = function.equals("Ref") || function.equals("Condition") ? function : "Fn::" + function;
                yamlConstructors.put(new Tag("!" + function), new Intrinsic(longName));
            }
        }

        private final class Intrinsic extends AbstractConstruct {
            private final String longName;

            Intrinsic(String longName) {
                this.longName = longName;
            }

            @Override
            public Object construct(Node node) {
                Object value;
                if (node instanceof ScalarNode scalar) {
                    String text = constructScalar(scalar);
                    value = longName.equals("Fn::GetAtt") ? List.of(text.split("\\.", 2)) : text;
                } else if (node instanceof SequenceNode sequence) {
                    value = constructSequence(sequence);
                } else if (node instanceof MappingNode mapping) {
                    value = constructMapping(mapping);
                } else {
                    throw new IllegalArgumentException("unexpected node for !" + longName + ": " + node);
                }
                Map<String, Object> function = new LinkedHashMap<>();
                function.put(longName, value);
                return function;
            }
        }
    }
}
