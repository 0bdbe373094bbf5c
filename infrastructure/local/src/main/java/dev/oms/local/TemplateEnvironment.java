package dev.oms.local;

import dev.oms.platform.template.SamTemplate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment variables the template gives its functions (Globals, then each function), with {@code !Ref}
 * resolved to local values. All functions share one JVM locally, so they share one environment: the template keeps
 * function variables consistent across functions, and a conflict is an error here rather than a surprise.
 */
final class TemplateEnvironment {
    private TemplateEnvironment() { }

    @SuppressWarnings("unchecked")
    static Map<String, String> resolve(SamTemplate template, Map<String, String> refs) {
        return resolve(template, refs, (id, attribute) -> id);
    }

    /** {@code getAtt} answers {@code !GetAtt Id.Attribute} (an ARN, a name). */
    static Map<String, String> resolve(SamTemplate template, Map<String, String> refs, java.util.function.BinaryOperator<String> getAtt) {
        Map<String, String> env = new LinkedHashMap<>();
        Map<String, Object> globals = (Map<String, Object>) template.section("Globals").getOrDefault("Function", Map.of());
        add(env, globals, refs, getAtt, "Globals");
        for (SamTemplate.Function f : template.functions()) add(env, f.properties(), refs, getAtt, f.logicalId());
        env.remove("JAVA_TOOL_OPTIONS");
        return env;
    }

    @SuppressWarnings("unchecked")
    private static void add(Map<String, String> env, Map<String, Object> props, Map<String, String> refs,
                            java.util.function.BinaryOperator<String> getAtt, String owner) {
        Map<String, Object> environment = (Map<String, Object>) props.getOrDefault("Environment", Map.of());
        Map<String, Object> vars = (Map<String, Object>) environment.getOrDefault("Variables", Map.of());
        vars.forEach((k, v) -> {
            String value = value(v, refs, getAtt);
            String before = env.putIfAbsent(k, value);
            if (before != null && !before.equals(value) && !owner.equals("Globals")) {
                throw new IllegalStateException(owner + " sets " + k + " differently from another function");
            }
        });
    }

    /**
     * What a conditional value ({@code !If}) resolves to here: the template's conditions choose between AWS resources
     * the runtime does not create (the search engine), so the runtime sets those variables itself.
     */
    static final String CONDITIONAL = "(set by the local runtime)";

    @SuppressWarnings("unchecked")
    private static String value(Object v, Map<String, String> refs, java.util.function.BinaryOperator<String> getAtt) {
        if (v instanceof Map<?, ?> m && m.containsKey("Ref")) {
            String name = String.valueOf(m.get("Ref"));
            String resolved = refs.get(name);
            if (resolved == null) throw new IllegalStateException("No local value for !Ref " + name);
            return resolved;
        }
        if (v instanceof Map<?, ?> m && m.containsKey("Fn::If")) return CONDITIONAL;
        if (v instanceof Map<?, ?> m && m.containsKey("Fn::GetAtt")) {
            java.util.List<Object> parts = (java.util.List<Object>) m.get("Fn::GetAtt");
            return getAtt.apply(String.valueOf(parts.get(0)), String.valueOf(parts.get(1)));
        }
        return String.valueOf(v);
    }
}
