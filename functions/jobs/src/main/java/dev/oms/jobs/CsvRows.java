package dev.oms.jobs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.platform.jobs.FieldPaths;
import dev.oms.platform.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * CSV with a header row (RFC 4180: quoted cells may hold commas, quotes and line breaks). With a mapping, the mapped
 * columns are read ({@code {"Order Ref": "external_reference", "Qty": "items[0].quantity"}}) and the others ignored;
 * without one, every header must itself be an order field path. Empty cells are left out.
 */
final class CsvRows implements RowSource {
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final List<String> paths = new ArrayList<>();
    private long line = 1;

    CsvRows(InputStream in, Map<String, String> mapping) throws IOException {
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true)
                .setTrim(true).setAllowMissingColumnNames(true).get();
        this.parser = CSVParser.parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 64 * 1024), format);
        for (String header : parser.getHeaderNames()) {
            String path = mapping.isEmpty() ? header : mapping.get(header);
            if (mapping.isEmpty() && !FieldPaths.isValid(header)) {
                throw new BadInput("import.header_invalid", "Column \"" + header + "\" is not an order field path; give a mapping");
            }
            paths.add(path);
        }
        this.records = parser.iterator();
    }

    @Override
    public Row next() throws IOException {
        CSVRecord record = nextRecord();
        if (record == null) return null;
        if (!record.isConsistent()) {
            return Row.unreadable(line, "The row has " + record.size() + " cells, the header " + paths.size());
        }
        ObjectNode body = Json.object();
        for (int i = 0; i < paths.size(); i++) {
            String path = paths.get(i);
            String cell = record.get(i);
            if (path != null && !cell.isEmpty()) FieldPaths.setText(body, path, cell);
        }
        return Row.of(line, body);
    }

    private CSVRecord nextRecord() throws IOException {
        try {
            if (!records.hasNext()) return null;
            CSVRecord r = records.next();
            line = r.getRecordNumber() + 1;
            return r;
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (IllegalStateException e) {
            throw new BadInput("import.csv_malformed", "The CSV cannot be read after line " + line + ": " + e.getMessage());
        }
    }

    @Override
    public void skipThrough(long target) throws IOException {
        while (line < target && nextRecord() != null) { /* skipped */ }
    }

    @Override
    public void close() throws IOException { parser.close(); }
}
