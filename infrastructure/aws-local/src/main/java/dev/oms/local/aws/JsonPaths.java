package dev.oms.local.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * The JSONPath subset EventBridge's InputPath and InputPathsMap use: {@code $}, {@code $.a.b},
 * {@code $.a[0]}, {@code $['a-b']}.
 */
final class JsonPaths {
    private JsonPaths() { }

    static JsonNode read(JsonNode root, String path) {
        String p = path.trim();
        if (!p.startsWith("$")) throw new IllegalArgumentException("A JSONPath starts with $: " + path);
        JsonNode node = root;
        int i = 1;
        while (i < p.length() && node != null && !node.isMissingNode()) {
            char c = p.charAt(i);
            if (c == '.') {
                int end = i + 1;
                while (end < p.length() && p.charAt(end) != '.' && p.charAt(end) != '[') end++;
                node = node.path(p.substring(i + 1, end));
                i = end;
            } else if (c == '[') {
                int end = p.indexOf(']', i);
                if (end < 0) throw new IllegalArgumentException("Unclosed [ in " + path);
                String inner = p.substring(i + 1, end).trim();
                if (inner.startsWith("'") || inner.startsWith("\"")) node = node.path(inner.substring(1, inner.length() - 1));
                else node = node.path(Integer.parseInt(inner));
                i = end + 1;
            } else {
                throw new IllegalArgumentException("Unsupported JSONPath " + path);
            }
        }
        return node == null ? MissingNode.getInstance() : node;
    }
}
