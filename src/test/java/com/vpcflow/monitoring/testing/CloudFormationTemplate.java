package com.vpcflow.monitoring.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads deploy/cloudformation.yaml (long-form intrinsics, plain YAML) and evaluates the intrinsics the template uses
 * (Ref, Fn::If, Fn::Sub, Fn::GetAtt, Fn::Equals/Not) with parameter defaults, as CloudFormation would.
 */
public final class CloudFormationTemplate {
    public static final Set<String> PSEUDO = Set.of(
            "AWS::Region",
            "AWS::AccountId",
            "AWS::Partition",
            "AWS::StackName",
            "AWS::NoValue",
            "AWS::URLSuffix",
            "AWS::StackId");
    private static final Pattern SUB_VAR = Pattern.compile("\\$\\{([^}!]+)}");

    private final JsonNode root;
    private final Map<String, String> parameterValues = new HashMap<>();

    public CloudFormationTemplate(Path file) throws IOException {
        root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        parameters().fields().forEachRemaining(p -> {
            JsonNode d = p.getValue().get("Default");
            parameterValues.put(p.getKey(), d != null ? d.asText() : "required-" + p.getKey());
        });
        parameterValues.put("AWS::Region", "us-east-1");
        parameterValues.put("AWS::AccountId", "123456789012");
        parameterValues.put("AWS::Partition", "aws");
        parameterValues.put("AWS::StackName", "test-stack");
    }

    public JsonNode root() {
        return root;
    }

    public JsonNode parameters() {
        return root.path("Parameters");
    }

    public JsonNode resources() {
        return root.path("Resources");
    }

    public JsonNode conditions() {
        return root.path("Conditions");
    }

    public CloudFormationTemplate set(String parameter, String value) {
        parameterValues.put(parameter, value);
        return this;
    }

    public boolean isDefined(String name) {
        return PSEUDO.contains(name) || parameters().has(name) || resources().has(name);
    }

    /** Every node of the template, depth first. */
    public void walk(JsonNode node, Consumer<JsonNode> visit) {
        visit.accept(node);
        if (node.isContainerNode()) node.forEach(child -> walk(child, visit));
    }

    /** The variables a Fn::Sub string refers to. */
    public static List<String> subVariables(String template) {
        List<String> vars = new ArrayList<>();
        Matcher m = SUB_VAR.matcher(template);
        while (m.find()) vars.add(m.group(1));
        return vars;
    }

    public boolean condition(String name) {
        return truthy(resolve(conditions().get(name)));
    }

    private static boolean truthy(JsonNode n) {
        return n != null && (n.isBoolean() ? n.booleanValue() : "true".equals(n.asText()));
    }

    /** The node with its intrinsics evaluated; null where AWS::NoValue removes it. */
    public JsonNode resolve(JsonNode node) {
        if (node == null) return null;
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            for (JsonNode n : node) {
                JsonNode r = resolve(n);
                if (r != null) out.add(r);
            }
            return out;
        }
        if (!node.isObject()) return node;
        if (node.size() == 1) {
            String fn = node.fieldNames().next();
            JsonNode arg = node.get(fn);
            switch (fn) {
                case "Ref":
                    if (arg.asText().equals("AWS::NoValue")) return null;
                    if (resources().has(arg.asText())) return TextNode.valueOf(arg.asText() + "-physical-id");
                    return TextNode.valueOf(parameterValues.get(arg.asText()));
                case "Fn::If":
                    return resolve(condition(arg.get(0).asText()) ? arg.get(1) : arg.get(2));
                case "Fn::Equals":
                    return JsonNodeFactory.instance.booleanNode(resolve(arg.get(0))
                            .asText()
                            .equals(resolve(arg.get(1)).asText()));
                case "Fn::Not":
                    return JsonNodeFactory.instance.booleanNode(!truthy(resolve(arg.get(0))));
                case "Fn::GetAtt":
                    return TextNode.valueOf("arn:aws:test:::" + arg.get(0).asText() + "."
                            + arg.get(1).asText());
                case "Fn::Sub": {
                    String text = arg.isArray() ? arg.get(0).asText() : arg.asText();
                    Map<String, String> vars = new HashMap<>();
                    if (arg.isArray())
                        arg.get(1)
                                .fields()
                                .forEachRemaining(e -> vars.put(
                                        e.getKey(), resolve(e.getValue()).asText()));
                    Matcher m = SUB_VAR.matcher(text);
                    StringBuilder sb = new StringBuilder();
                    while (m.find()) {
                        String v = m.group(1);
                        String value;
                        if (vars.containsKey(v)) {
                            value = vars.get(v);
                        } else if (v.contains(".")) { // ${Resource.Attribute} is Fn::GetAtt
                            ObjectNode getAtt = JsonNodeFactory.instance.objectNode();
                            getAtt.putArray("Fn::GetAtt")
                                    .add(v.substring(0, v.indexOf('.')))
                                    .add(v.substring(v.indexOf('.') + 1));
                            value = resolve(getAtt).asText();
                        } else {
                            value = resolve(JsonNodeFactory.instance
                                            .objectNode()
                                            .put("Ref", v))
                                    .asText();
                        }
                        m.appendReplacement(sb, Matcher.quoteReplacement(value));
                    }
                    m.appendTail(sb);
                    return TextNode.valueOf(sb.toString());
                }
                default:
                    break;
            }
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode r = resolve(e.getValue());
            if (r != null) out.set(e.getKey(), r);
        }
        return out;
    }

    public JsonNode rules() {
        return root.path("Rules");
    }

    /**
     * The template's rules as CloudFormation checks them before it deploys, on the values set here: each rule whose
     * condition holds must have every assertion hold. Returns the descriptions of the assertions that fail.
     */
    public List<String> failedRules() {
        List<String> failed = new ArrayList<>();
        rules().fields().forEachRemaining(rule -> {
            JsonNode condition = rule.getValue().get("RuleCondition");
            if (condition != null && !truthy(resolve(condition))) return;
            for (JsonNode a : rule.getValue().get("Assertions")) {
                if (!truthy(resolve(a.get("Assert"))))
                    failed.add(a.get("AssertDescription").asText());
            }
        });
        return failed;
    }

    /** The application's property groups, evaluated: group id -> key -> value. */
    public Map<String, Map<String, String>> propertyGroups() {
        JsonNode app = resolve(resources().get("FlowLogApplication"));
        Map<String, Map<String, String>> groups = new java.util.LinkedHashMap<>();
        for (JsonNode g : app.at("/Properties/ApplicationConfiguration/EnvironmentProperties/PropertyGroups")) {
            Map<String, String> map = new java.util.LinkedHashMap<>();
            g.get("PropertyMap")
                    .fields()
                    .forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
            groups.put(g.get("PropertyGroupId").asText(), map);
        }
        return groups;
    }

    /** Names used by every Ref, Fn::GetAtt and Fn::Sub in the template. */
    public Set<String> references() {
        Set<String> refs = new LinkedHashSet<>();
        walk(root, n -> {
            if (!n.isObject()) return;
            if (n.has("Ref")) refs.add(n.get("Ref").asText());
            if (n.has("Fn::GetAtt")) refs.add(n.get("Fn::GetAtt").get(0).asText());
            if (n.has("Fn::Sub")) {
                JsonNode arg = n.get("Fn::Sub");
                Set<String> local = new java.util.HashSet<>();
                if (arg.isArray()) arg.get(1).fieldNames().forEachRemaining(local::add);
                for (String v : subVariables(arg.isArray() ? arg.get(0).asText() : arg.asText())) {
                    String name = v.contains(".") ? v.substring(0, v.indexOf('.')) : v;
                    if (!local.contains(name)) refs.add(name);
                }
            }
        });
        return refs;
    }
}
