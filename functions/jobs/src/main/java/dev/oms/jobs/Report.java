package dev.oms.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.platform.jobs.JobFiles;
import dev.oms.platform.json.Json;
import dev.oms.platform.storage.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * A job's report, written as it goes: each chunk's rows become a part object (named by where the chunk starts, so a
 * chunk that runs again replaces its own part) before the checkpoint that covers it is saved; at the end the parts
 * are streamed, in order, into the one report object and removed. NDJSON rows are the JSON objects; CSV rows have
 * the given columns, with objects and arrays (such as a problem's {@code errors}) as JSON text. A Parquet report keeps
 * its parts as NDJSON and is written at the end as one file of the given columns (optional UTF-8 strings; parquet-floor
 * writes files, not streams, so through local disk, {@code /tmp} on Lambda).
 */
final class Report {
    private final ObjectStore store;
    private final String tenant;
    private final String jobId;
    private final String format;
    private final List<String> columns;

    Report(ObjectStore store, String tenant, String jobId, String format, List<String> columns) {
        this.store = store;
        this.tenant = tenant;
        this.jobId = jobId;
        this.format = format;
        this.columns = columns;
    }

    /** Stores a chunk's rows (nothing when there are none). */
    void writePart(long position, List<ObjectNode> rows) {
        if (rows.isEmpty()) return;
        store.write(JobFiles.reportPart(tenant, jobId, position, partFormat()), contentType(), out -> write(out, rows));
    }

    private String partFormat() { return format.equals("parquet") ? "ndjson" : format; }

    /** Joins the parts into the report; answers its key, or null when no chunk had anything to report. */
    String assemble() {
        List<String> parts = store.list(JobFiles.work(tenant, jobId) + "part-");
        if (parts.isEmpty()) return null;
        String key = JobFiles.report(tenant, jobId, format);
        if (format.equals("parquet")) {
            parquet(key, parts);
            parts.forEach(store::delete);
            return key;
        }
        store.write(key, contentType(), out -> {
            if (format.equals("csv")) {
                CSVPrinter header = new CSVPrinter(new OutputStreamWriter(out, StandardCharsets.UTF_8), CSVFormat.RFC4180);
                header.printRecord(columns);
                header.flush();
            }
            for (String part : parts) {
                try (InputStream in = store.open(part)) {
                    in.transferTo(out);
                }
            }
        });
        parts.forEach(store::delete);
        return key;
    }

    private void parquet(String key, List<String> parts) {
        java.nio.file.Path file = null;
        try {
            file = java.nio.file.Files.createTempFile("report-" + jobId, ".parquet");
            java.util.List<org.apache.parquet.schema.Type> fields = new java.util.ArrayList<>();
            for (String c : columns) {
                fields.add(org.apache.parquet.schema.Types.optional(org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.BINARY)
                        .as(org.apache.parquet.schema.LogicalTypeAnnotation.stringType()).named(c));
            }
            blue.strategic.parquet.Dehydrator<JsonNode> dehydrator = (row, values) -> {
                for (String c : columns) {
                    JsonNode v = row.get(c);
                    if (v != null && !v.isNull()) values.write(c, cell(v));
                }
            };
            try (var writer = blue.strategic.parquet.ParquetWriter.writeFile(new org.apache.parquet.schema.MessageType("row", fields), file.toFile(),
                    dehydrator)) {
                for (String part : parts) {
                    try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(store.open(part), StandardCharsets.UTF_8))) {
                        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                            if (!line.isBlank()) writer.write(Json.parse(line));
                        }
                    }
                }
            }
            store.upload(key, file, "application/vnd.apache.parquet");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            if (file != null) file.toFile().delete();
        }
    }

    private void write(OutputStream out, List<ObjectNode> rows) throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        if (partFormat().equals("csv")) {
            CSVPrinter printer = new CSVPrinter(w, CSVFormat.RFC4180);
            for (ObjectNode row : rows) {
                for (String c : columns) printer.print(cell(row.get(c)));
                printer.println();
            }
            printer.flush();
        } else {
            for (ObjectNode row : rows) w.write(Json.write(row) + "\n");
            w.flush();
        }
    }

    private static String cell(JsonNode v) {
        if (v == null || v.isNull()) return "";
        return v.isValueNode() ? v.asText() : Json.write(v);
    }

    private String contentType() { return partFormat().equals("csv") ? "text/csv" : "application/x-ndjson"; }
}
