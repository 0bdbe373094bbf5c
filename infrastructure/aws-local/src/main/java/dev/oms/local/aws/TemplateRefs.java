package dev.oms.local.aws;

import dev.oms.platform.template.SamTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what the local services need from {@code template.yaml}: which resource an intrinsic points at
 * ({@code {"Ref": X}}, {@code {"Fn::GetAtt": [X, Attr]}}), names given as plain strings or simple {@code !Sub}
 * strings, and the function events of one type.
 */
final class TemplateRefs {
    /** The stack name {@code ${AWS::StackName}} stands for locally. */
    static final String STACK_NAME = "oms-local";
    private static final Pattern SUB_VAR = Pattern.compile("\\$\\{([^}!]+)}");

    private TemplateRefs() { }

    /** A function's event of one type ({@code SQS}, {@code S3}, {@code DynamoDB}, {@code SNS}, ...). */
    record FunctionEvent(String functionId, String eventName, Map<String, Object> properties) {
        String id() { return functionId + "." + eventName; }
    }

    @SuppressWarnings("unchecked")
    static List<FunctionEvent> functionEvents(SamTemplate template, String type) {
        List<FunctionEvent> out = new ArrayList<>();
        for (SamTemplate.Function f : template.functions()) {
            Map<String, Object> events = (Map<String, Object>) f.properties().getOrDefault("Events", Map.of());
            events.forEach((name, e) -> {
                Map<String, Object> ev = (Map<String, Object>) e;
                if (type.equals(ev.get("Type"))) {
                    out.add(new FunctionEvent(f.logicalId(), name, (Map<String, Object>) ev.getOrDefault("Properties", Map.of())));
                }
            });
        }
        return out;
    }

    /** The logical id an intrinsic points at, or null when the value is not {@code Ref} / {@code Fn::GetAtt}. */
    static String logicalId(Object value) {
        if (value instanceof Map<?, ?> m) {
            if (m.get("Ref") instanceof String s) return s;
            Object getAtt = m.get("Fn::GetAtt");
            if (getAtt instanceof List<?> l && !l.isEmpty()) return String.valueOf(l.get(0));
            if (getAtt instanceof String s) return s.split("\\.", 2)[0];
        }
        return null;
    }

    /** The type of a resource, or null. */
    @SuppressWarnings("unchecked")
    static String resourceType(SamTemplate template, String logicalId) {
        Object r = template.resources().get(logicalId);
        return r instanceof Map<?, ?> m ? (String) ((Map<String, Object>) m).get("Type") : null;
    }

    /**
     * A name property: a string, {@code !Ref AWS::StackName} or a parameter, or a {@code !Sub} of pseudo parameters
     * and template parameters (their defaults). Null when absent.
     */
    @SuppressWarnings("unchecked")
    static String name(SamTemplate template, Object value) {
        if (value == null) return null;
        if (value instanceof String s) return s;
        if (value instanceof Map<?, ?> m) {
            if (m.get("Ref") instanceof String ref) return pseudo(template, ref);
            Object sub = m.get("Fn::Sub");
            if (sub instanceof List<?> l && !l.isEmpty()) sub = l.get(0);
            if (sub instanceof String s) {
                Matcher matcher = SUB_VAR.matcher(s);
                StringBuilder out = new StringBuilder();
                while (matcher.find()) matcher.appendReplacement(out, Matcher.quoteReplacement(pseudo(template, matcher.group(1).trim())));
                matcher.appendTail(out);
                return out.toString();
            }
        }
        throw new IllegalArgumentException("Cannot resolve the name " + value + " locally");
    }

    @SuppressWarnings("unchecked")
    private static String pseudo(SamTemplate template, String ref) {
        switch (ref) {
            case "AWS::StackName": return STACK_NAME;
            case "AWS::Region": return LocalAws.REGION;
            case "AWS::AccountId": return LocalAws.ACCOUNT_ID;
            case "AWS::Partition": return "aws";
            case "AWS::URLSuffix": return "amazonaws.com";
            default:
                Object p = template.section("Parameters").get(ref);
                if (p instanceof Map<?, ?> m && m.get("Default") != null) return String.valueOf(m.get("Default"));
                throw new IllegalArgumentException("Cannot resolve ${" + ref + "} locally");
        }
    }

    /** A property that may be one string or a list of strings. */
    static List<String> strings(Object value) {
        if (value == null) return List.of();
        if (value instanceof List<?> l) return l.stream().map(String::valueOf).toList();
        return List.of(String.valueOf(value));
    }

    static int integer(Object value, int fallback) {
        if (value == null) return fallback;
        if (value instanceof Number n) return n.intValue();
        return Integer.parseInt(String.valueOf(value).trim());
    }

    static boolean bool(Object value) {
        return value instanceof Boolean b ? b : value != null && Boolean.parseBoolean(String.valueOf(value));
    }
}
