package dev.oms.platform.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * API Gateway path templates: literal segments, {@code {name}} parameters (one segment each) and a greedy last
 * {@code {name+}} parameter that takes the rest of the path (one segment or more), as HTTP APIs match them.
 */
public final class PathTemplate {
    private PathTemplate() { }

    public static boolean matches(String template, String path) { return parameters(template, path) != null; }

    /** The parameters of a path that matches the template, or null when it does not. */
    public static Map<String, String> parameters(String template, String path) {
        String[] t = template.split("/", -1);
        String[] p = path.split("/", -1);
        boolean greedy = isGreedy(t[t.length - 1]);
        int fixed = greedy ? t.length - 1 : t.length;
        if (greedy ? p.length < t.length : t.length != p.length) return null;
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < fixed; i++) {
            if (t[i].startsWith("{") && t[i].endsWith("}")) {
                String value = percentDecode(p[i]);
                if (value == null || value.isEmpty()) return null;
                params.put(t[i].substring(1, t[i].length() - 1), value);
            } else if (!t[i].equals(p[i])) {
                return null;
            }
        }
        if (greedy) {
            String rest = String.join("/", java.util.Arrays.copyOfRange(p, fixed, p.length));
            if (rest.isEmpty()) return null;
            params.put(t[fixed].substring(1, t[fixed].length() - 2), rest);
        }
        return params;
    }

    /** A {@code {name+}} segment: API Gateway's greedy path variable. */
    public static boolean isGreedy(String segment) { return segment.startsWith("{") && segment.endsWith("+}"); }

    /** Whether the template ends in a greedy {@code {name+}} segment. */
    public static boolean isGreedyTemplate(String template) { return isGreedy(template.substring(template.lastIndexOf('/') + 1)); }

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

    /**
     * How specific a template is (API Gateway's rule): a template without a greedy segment beats any greedy one; among
     * templates of the same kind, literal segments win over parameters, and a greedy one with a longer prefix wins.
     */
    public static int specificity(String template) {
        String[] segments = template.split("/");
        boolean greedy = segments.length > 0 && isGreedy(segments[segments.length - 1]);
        int fixed = greedy ? segments.length - 1 : segments.length;
        int score = 0;
        for (int i = 0; i < fixed; i++) score = score * 2 + (segments[i].startsWith("{") ? 0 : 1);
        return greedy ? (fixed << 20) | score : (1 << 30) | score;
    }
}
