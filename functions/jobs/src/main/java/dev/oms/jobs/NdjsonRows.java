package dev.oms.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.platform.jobs.FieldPaths;
import dev.oms.platform.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * One JSON object per line; blank lines are skipped (but counted). A mapping moves fields: {@code {"ref":
 * "external_reference", "buyer.id": "customer_id"}}; fields it does not name stay where they are.
 */
final class NdjsonRows implements RowSource {
    private final LineReader lines;
    private final Map<String, String> mapping;
    private long line;

    NdjsonRows(InputStream in, Map<String, String> mapping) {
        this.lines = new LineReader(in);
        this.mapping = mapping;
    }

    @Override
    public Row next() throws IOException {
        String text;
        do {
            text = lines.next();
            if (text == null) return null;
            line++;
        } while (text.isBlank());
        if (text == LineReader.TOO_LONG) return Row.unreadable(line, "The line is longer than " + LineReader.MAX_LINE_CHARS + " characters");
        JsonNode node;
        try {
            node = Json.parse(text);
        } catch (JsonProcessingException e) {
            return Row.unreadable(line, "The line is not valid JSON: " + e.getOriginalMessage());
        }
        if (!(node instanceof ObjectNode body)) return Row.unreadable(line, "The line must be a JSON object");
        mapping.forEach((from, to) -> {
            JsonNode value = FieldPaths.get(body, from);
            if (value == null) return;
            FieldPaths.remove(body, from);
            FieldPaths.set(body, to, value);
        });
        return Row.of(line, body);
    }

    @Override
    public void skipThrough(long target) throws IOException {
        while (line < target && lines.next() != null) line++;
    }

    @Override
    public void close() throws IOException { lines.close(); }
}
