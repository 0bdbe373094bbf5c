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
                String value = percentDecode(p[i]);
                if (value == null || value.isEmpty()) return null;
                params.put(t[i].substring(1, t[i].length() - 1), value);
            } else if (!t[i].equals(p[i])) {
                return null;
            }
        }
        return params;
    }

    /** RFC 3986 percent-decoding of one path segment ({@code +} stays a plus); null when an escape is malformed. */
    static String percentDecode(String segment) {
        if (segment.indexOf('%') < 0) return segment;
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '%') {
                if (i + 2 >= segment.length()) return null;
                int hi = Character.digit(segment.charAt(i + 1), 16);
                int lo = Character.digit(segment.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) return null;
                out.write(hi * 16 + lo);
                i += 2;
            } else {
                byte[] b = String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
            }
        }
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** How specific a template is: literal segments win over parameters (API Gateway's rule). */
    public static int specificity(String template) {
        int score = 0;
        for (String s : template.split("/")) score = score * 2 + (s.startsWith("{") ? 0 : 1);
        return score;
    }
}
