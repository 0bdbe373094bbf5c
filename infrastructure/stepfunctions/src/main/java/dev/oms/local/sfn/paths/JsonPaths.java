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
        try {
            JsonPath.compile(toDocumentPath(path));
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
