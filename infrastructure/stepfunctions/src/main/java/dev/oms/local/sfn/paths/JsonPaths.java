package dev.oms.local.sfn.paths;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import java.util.Optional;

/**
 * Evaluates the JSONPath expressions of the States Language ({@code InputPath}, {@code OutputPath}, {@code ItemsPath},
 * the values of {@code "key.$"} fields, Choice {@code Variable}s, ...) with Jayway JsonPath over Jackson trees.
 * A path that starts with {@code $$} is evaluated against the context object instead of the input.
 * A definite path that selects nothing is a {@link PathNotFoundException}; an indefinite one (wildcards, filters)
 * yields an array, possibly empty.
 */
public final class JsonPaths {
    private static final Configuration CONFIGURATION = Configuration.builder()
            .jsonProvider(new JacksonJsonNodeJsonProvider(Json.MAPPER))
            .mappingProvider(new JacksonMappingProvider(Json.MAPPER))
            .build();

    private JsonPaths() {
    }

    /** True when the text is a syntactically valid path: {@code $}, {@code $.a.b}, {@code $$.Execution.Id}, ... */
    public static boolean isValid(String path) {
        if (path == null || !path.startsWith("$")) {
            return false;
        }
        String documentPath = toDocumentPath(path);
        if (ReferencePath.isValid(documentPath)) {
            return true;
        }
        if (!balanced(documentPath)) {
            return false;
        }
        try {
            JsonPath.compile(documentPath);
            return true;
        } catch (InvalidPathException | IllegalArgumentException e) {
            return false;
        }
    }

    /** True when the path always selects at most one value (no wildcard, filter, slice or deep scan). */
    public static boolean isDefinite(String path) {
        return JsonPath.compile(toDocumentPath(path)).isDefinite();
    }

    public static JsonNode read(String path, JsonNode input, JsonNode context) {
        boolean onContext = path.startsWith("$$");
        JsonNode document = onContext ? context : input;
        String documentPath = toDocumentPath(path);
        if ("$".equals(documentPath)) {
            return document == null ? NullNode.getInstance() : document;
        }
        if (document == null) {
            throw new PathNotFoundException(path, "no document");
        }
        if (ReferencePath.isValid(documentPath)) {
            // Names and indexes only: walked here, so that an index past the end is "not found" (Jayway says null).
            JsonNode value = ReferencePath.parse(documentPath).select(document);
            if (value == null) {
                throw new PathNotFoundException(path, null);
            }
            return value;
        }
        try {
            Object value = JsonPath.using(CONFIGURATION).parse(document).read(documentPath);
            return toNode(value);
        } catch (com.jayway.jsonpath.PathNotFoundException e) {
            throw new PathNotFoundException(path, null);
        } catch (InvalidPathException e) {
            throw new PathNotFoundException(path, e.getMessage());
        }
    }

    public static Optional<JsonNode> find(String path, JsonNode input, JsonNode context) {
        try {
            return Optional.of(read(path, input, context));
        } catch (PathNotFoundException e) {
            return Optional.empty();
        }
    }

    /** Brackets, parentheses and quotes are closed (Jayway accepts "$.a[" as "$.a"). */
    private static boolean balanced(String path) {
        int brackets = 0;
        int parentheses = 0;
        char quote = 0;
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '[') {
                brackets++;
            } else if (c == ']') {
                brackets--;
            } else if (c == '(') {
                parentheses++;
            } else if (c == ')') {
                parentheses--;
            }
            if (brackets < 0 || parentheses < 0) {
                return false;
            }
        }
        return brackets == 0 && parentheses == 0 && quote == 0;
    }

    private static String toDocumentPath(String path) {
        return path.startsWith("$$") ? path.substring(1) : path;
    }

    private static JsonNode toNode(Object value) {
        if (value == null) {
            return NullNode.getInstance();
        }
        if (value instanceof JsonNode node) {
            return node;
        }
        return Json.MAPPER.valueToTree(value);
    }
}
