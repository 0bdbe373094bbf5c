package dev.oms.platform.http;

import java.util.LinkedHashMap;
import java.util.Map;

/** API Gateway path templates: literal segments and {@code {name}} parameters, one segment each. */
public final class PathTemplate {
    private PathTemplate() { }

    public static boolean matches(String template, String path) { return parameters(template, path) != null; }

    /** The parameters of a path that matches the template, or null when it does not. */
    public static Map<String, String> parameters(String template, String path) {
        String[] t = template.split("/", -1);
        String[] p = path.split("/", -1);
        if (t.length != p.length) return null;
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < t.length; i++) {
            if (t[i].startsWith("{") && t[i].endsWith("}")) {
                if (p[i].isEmpty()) return null;
                params.put(t[i].substring(1, t[i].length() - 1), java.net.URLDecoder.decode(p[i], java.nio.charset.StandardCharsets.UTF_8));
            } else if (!t[i].equals(p[i])) {
                return null;
            }
        }
        return params;
    }

    /** How specific a template is: literal segments win over parameters (API Gateway's rule). */
    public static int specificity(String template) {
        int score = 0;
        for (String s : template.split("/")) score = score * 2 + (s.startsWith("{") ? 0 : 1);
        return score;
    }
}
