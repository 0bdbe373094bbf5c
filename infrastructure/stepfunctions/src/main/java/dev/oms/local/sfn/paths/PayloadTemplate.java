package dev.oms.local.sfn.paths;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.local.sfn.asl.ErrorNames;
import dev.oms.local.sfn.asl.StatesError;
import dev.oms.local.sfn.intrinsics.IntrinsicArgument;
import dev.oms.local.sfn.intrinsics.IntrinsicFunctions;
import dev.oms.local.sfn.intrinsics.IntrinsicParser;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A payload template: the value of {@code Parameters}, {@code ItemSelector} or {@code ResultSelector}. Fields whose
 * name ends in {@code .$} take their value from a path ({@code $.x} on the input, {@code $$.x} on the context object)
 * or from an intrinsic function; all other values are copied as they are. Compiled once, when the definition is parsed,
 * so that a bad path or intrinsic is a definition error rather than a runtime surprise.
 */
public final class PayloadTemplate {
    private final Node root;

    private PayloadTemplate(Node root) {
        this.root = root;
    }

    /** Compiles a template; throws IllegalArgumentException naming every offending field. */
    public static PayloadTemplate compile(JsonNode template) {
        List<String> problems = new ArrayList<>();
        Node root = compileNode(template, "", problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return new PayloadTemplate(root);
    }

    /**
     * Applies the template. A path that selects nothing fails with {@code States.ParameterPathFailure}, a failing
     * intrinsic with {@code States.IntrinsicFailure}.
     */
    public JsonNode apply(JsonNode input, JsonNode context) {
        return root.apply(input, context);
    }

    private static Node compileNode(JsonNode template, String where, List<String> problems) {
        if (template.isObject()) {
            Map<String, Node> fields = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> iterator = template.fields();
            while (iterator.hasNext()) {
                Map.Entry<String, JsonNode> field = iterator.next();
                String key = field.getKey();
                String here = where.isEmpty() ? key : where + "." + key;
                if (key.endsWith(".$")) {
                    String name = key.substring(0, key.length() - 2);
                    try {
                        fields.put(name, compileDynamic(field.getValue(), here));
                    } catch (IllegalArgumentException e) {
                        problems.add(e.getMessage());
                    }
                } else {
                    fields.put(key, compileNode(field.getValue(), here, problems));
                }
            }
            return new ObjectTemplate(fields);
        }
        if (template.isArray()) {
            List<Node> items = new ArrayList<>();
            for (int i = 0; i < template.size(); i++) {
                items.add(compileNode(template.get(i), where + "[" + i + "]", problems));
            }
            return new ArrayTemplate(items);
        }
        return new Constant(template);
    }

    private static Node compileDynamic(JsonNode value, String where) {
        if (!value.isTextual()) {
            throw new IllegalArgumentException("the value of '" + where + "' must be a path or an intrinsic function");
        }
        String text = value.textValue();
        if (text.startsWith("$")) {
            if (!JsonPaths.isValid(text)) {
                throw new IllegalArgumentException("the value of '" + where + "' is not a valid JSONPath: " + text);
            }
            return new PathValue(text, where);
        }
        if (IntrinsicParser.looksLikeIntrinsic(text)) {
            return new IntrinsicValue(IntrinsicParser.parse(text));
        }
        throw new IllegalArgumentException(
                "the value of '" + where + "' must start with '$', '$$' or 'States.': " + text);
    }

    private interface Node {
        JsonNode apply(JsonNode input, JsonNode context);
    }

    private record Constant(JsonNode value) implements Node {
        @Override
        public JsonNode apply(JsonNode input, JsonNode context) {
            return value.deepCopy();
        }
    }

    private record ObjectTemplate(Map<String, Node> fields) implements Node {
        @Override
        public JsonNode apply(JsonNode input, JsonNode context) {
            ObjectNode object = Json.object();
            fields.forEach((name, node) -> object.set(name, node.apply(input, context)));
            return object;
        }
    }

    private record ArrayTemplate(List<Node> items) implements Node {
        @Override
        public JsonNode apply(JsonNode input, JsonNode context) {
            ArrayNode array = Json.MAPPER.createArrayNode();
            items.forEach(item -> array.add(item.apply(input, context)));
            return array;
        }
    }

    private record PathValue(String path, String where) implements Node {
        @Override
        public JsonNode apply(JsonNode input, JsonNode context) {
            try {
                return JsonPaths.read(path, input, context);
            } catch (PathNotFoundException e) {
                throw new StatesError(ErrorNames.PARAMETER_PATH_FAILURE, "The JSONPath '" + path
                        + "' specified for the field '" + where + "' could not be found in the input "
                        + Json.write(path.startsWith("$$") ? context : input));
            }
        }
    }

    private record IntrinsicValue(IntrinsicArgument.Call call) implements Node {
        @Override
        public JsonNode apply(JsonNode input, JsonNode context) {
            return IntrinsicFunctions.evaluate(call, input, context);
        }
    }
}
