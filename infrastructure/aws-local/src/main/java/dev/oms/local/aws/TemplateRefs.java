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

    /** The name of a template queue: QueueName, or the logical id (with {@code .fifo} for FIFO queues). */
    static String queueName(SamTemplate template, String logicalId) {
        Map<String, Object> props = template.resourcesOfType("AWS::SQS::Queue").get(logicalId);
        if (props == null) throw new IllegalArgumentException("No AWS::SQS::Queue " + logicalId + " in the template");
        String name = name(template, props.get("QueueName"));
        if (name != null) return name;
        return bool(props.get("FifoQueue")) ? logicalId + ".fifo" : logicalId;
    }

    /** The name of a template topic: TopicName, or the logical id (with {@code .fifo} for FIFO topics). */
    static String topicName(SamTemplate template, String logicalId) {
        Map<String, Object> props = template.resourcesOfType("AWS::SNS::Topic").get(logicalId);
        if (props == null) throw new IllegalArgumentException("No AWS::SNS::Topic " + logicalId + " in the template");
        String name = name(template, props.get("TopicName"));
        if (name != null) return name;
        return bool(props.get("FifoTopic")) ? logicalId + ".fifo" : logicalId;
    }

    /** The logical id of the resource of one of the types whose physical name (as {@code namer} gives it) is this. */
    static String logicalIdByName(SamTemplate template, String name, java.util.function.BiFunction<SamTemplate, String, String> namer, String... types) {
        for (String type : types) {
            for (String id : template.resourcesOfType(type).keySet()) {
                if (name.equals(namer.apply(template, id))) return id;
            }
        }
        return null;
    }

    /** A function's or state machine's name: FunctionName / Name / StateMachineName, or the logical id. */
    static String functionName(SamTemplate template, String logicalId) {
        Object r = template.resources().get(logicalId);
        if (r instanceof Map<?, ?> m && m.get("Properties") instanceof Map<?, ?> p) {
            for (String key : List.of("FunctionName", "StateMachineName", "Name")) {
                if (p.get(key) != null) return name(template, p.get(key));
            }
        }
        return logicalId;
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
