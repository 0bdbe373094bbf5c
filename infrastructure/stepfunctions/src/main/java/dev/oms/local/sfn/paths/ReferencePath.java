package dev.oms.local.sfn.paths;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.local.sfn.asl.ErrorNames;
import dev.oms.local.sfn.asl.StatesError;
import java.util.ArrayList;
import java.util.List;

/**
 * A Reference Path, the restricted JSONPath that {@code ResultPath} uses: {@code $}, {@code $.a.b},
 * {@code $['a b']}, {@code $.list[2]} - no wildcards, filters or context paths. It places a state's result into a
 * copy of the state's raw input, creating the objects on the way.
 */
public final class ReferencePath {
    private final String text;
    private final List<Object> segments;

    private ReferencePath(String text, List<Object> segments) {
        this.text = text;
        this.segments = segments;
    }

    public static ReferencePath parse(String text) {
        if (text == null || !text.startsWith("$") || text.startsWith("$$")) {
            throw new IllegalArgumentException("a reference path starts with '$' (and not '$$'): " + text);
        }
        List<Object> segments = new ArrayList<>();
        int i = 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '.') {
                int start = ++i;
                while (i < text.length() && text.charAt(i) != '.' && text.charAt(i) != '[') {
                    i++;
                }
                String name = text.substring(start, i);
                if (name.isEmpty() || name.contains("*") || name.contains("@")) {
                    throw new IllegalArgumentException("invalid field in reference path " + text);
                }
                segments.add(name);
            } else if (c == '[') {
                int close = text.indexOf(']', i);
                if (close < 0) {
                    throw new IllegalArgumentException("unclosed '[' in reference path " + text);
                }
                String inside = text.substring(i + 1, close).trim();
                if ((inside.startsWith("'") && inside.endsWith("'") || inside.startsWith("\"") && inside.endsWith("\""))
                        && inside.length() >= 2) {
                    segments.add(inside.substring(1, inside.length() - 1));
                } else if (inside.matches("\\d+")) {
                    segments.add(Integer.parseInt(inside));
                } else {
                    throw new IllegalArgumentException("a reference path allows only names and indexes: " + text);
                }
                i = close + 1;
            } else {
                throw new IllegalArgumentException("unexpected '" + c + "' in reference path " + text);
            }
        }
        return new ReferencePath(text, List.copyOf(segments));
    }

    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The path as field names (String) and array indexes (Integer). */
    public List<Object> segments() {
        return segments;
    }

    /**
     * Selects the value at this path, or null when there is none (a missing field, an index past the end, a step
     * into something that is not an object or array).
     */
    public JsonNode select(JsonNode document) {
        JsonNode current = document;
        for (Object segment : segments) {
            if (segment instanceof String field) {
                current = current.isObject() ? current.get(field) : null;
            } else {
                int index = (Integer) segment;
                current = current.isArray() && index < current.size() ? current.get(index) : null;
            }
            if (current == null) {
                return null;
            }
        }
        return current;
    }

    public boolean isRoot() {
        return segments.isEmpty();
    }

    /** Returns a copy of {@code rawInput} with {@code result} placed at this path. */
    public JsonNode place(JsonNode rawInput, JsonNode result) {
        if (isRoot()) {
            return result;
        }
        if (!rawInput.isObject() && !(rawInput.isArray() && segments.get(0) instanceof Integer)) {
            throw mismatch("the state input is not an object");
        }
        JsonNode copy = rawInput.deepCopy();
        JsonNode current = copy;
        for (int i = 0; i < segments.size(); i++) {
            Object segment = segments.get(i);
            boolean last = i == segments.size() - 1;
            if (segment instanceof String field) {
                if (!current.isObject()) {
                    throw mismatch("'" + field + "' is not inside an object");
                }
                ObjectNode object = (ObjectNode) current;
                if (last) {
                    object.set(field, result);
                } else {
                    JsonNode child = object.get(field);
                    if (child == null || child.isNull()) {
                        child = object.putObject(field);
                    }
                    current = child;
                }
            } else {
                int index = (Integer) segment;
                if (!current.isArray() || index >= current.size()) {
                    throw mismatch("index " + index + " is not inside an array");
                }
                ArrayNode array = (ArrayNode) current;
                if (last) {
                    array.set(index, result);
                } else {
                    current = array.get(index);
                }
            }
        }
        return copy;
    }

    private StatesError mismatch(String why) {
        return new StatesError(ErrorNames.RESULT_PATH_MATCH_FAILURE,
                "Unable to apply ResultPath '" + text + "' to the state input: " + why);
    }

    @Override
    public String toString() {
        return text;
    }
}
