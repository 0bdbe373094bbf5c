package dev.oms.local.aws;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * EventBridge's InputTransformer: each {@code <name>} of the template is replaced by the value its InputPathsMap
 * path selects from the event. Inside a JSON string literal of the template the value goes in as text (a string
 * without its quotes); elsewhere as JSON (a string with quotes). A template that is not JSON (no leading
 * <code>{</code>, <code>[</code> or <code>"</code>) is text throughout. A path the event lacks gives {@code null}
 * (empty text inside a string). Predefined: {@code <aws.events.event>}, {@code <aws.events.event.json>},
 * {@code <aws.events.rule-name>}, {@code <aws.events.rule-arn>}, {@code <aws.events.event.ingestion-time>}.
 */
final class InputTransformer {
    private final Map<String, String> paths;
    private final String template;

    InputTransformer(Map<String, String> paths, String template) {
        this.paths = new LinkedHashMap<>(paths);
        this.template = template;
    }

    String apply(JsonNode event, String ruleName, String ruleArn, String ingestionTime) {
        Map<String, JsonNode> values = new LinkedHashMap<>();
        paths.forEach((name, path) -> values.put(name, JsonPaths.read(event, path)));
        values.put("aws.events.event", event);
        values.put("aws.events.event.json", event);
        values.put("aws.events.rule-name", Jsons.MAPPER.getNodeFactory().textNode(ruleName));
        values.put("aws.events.rule-arn", Jsons.MAPPER.getNodeFactory().textNode(ruleArn));
        values.put("aws.events.event.ingestion-time", Jsons.MAPPER.getNodeFactory().textNode(ingestionTime));

        String t = template.strip();
        boolean json = t.startsWith("{") || t.startsWith("[") || t.startsWith("\"");
        StringBuilder out = new StringBuilder();
        boolean inString = !json;
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '<') {
                int end = template.indexOf('>', i);
                if (end > i) {
                    String name = template.substring(i + 1, end);
                    if (values.containsKey(name)) {
                        out.append(render(values.get(name), inString, json));
                        i = end;
                        continue;
                    }
                }
            }
            if (json && c == '"') inString = !inString;
            else if (json && inString && c == '\\' && i + 1 < template.length()) {
                out.append(c).append(template.charAt(++i));
                continue;
            }
            out.append(c);
        }
        return out.toString();
    }

    private static String render(JsonNode value, boolean inString, boolean jsonTemplate) {
        boolean missing = value == null || value.isMissingNode() || value.isNull();
        if (!inString) return missing ? "null" : Jsons.write(value);
        String text = missing ? "" : value.isTextual() ? value.asText() : Jsons.write(value);
        if (!jsonTemplate) return text;
        String quoted = Jsons.write(text);
        return quoted.substring(1, quoted.length() - 1);
    }
}
