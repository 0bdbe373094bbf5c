package dev.oms.jobs;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Rows of an NDJSON or CSV file, streamed (one row in memory at a time), each mapped into an order-shaped body.
 * Rows are numbered by line (CSV: the header is line 1), the number a checkpoint records and a report shows.
 */
public interface RowSource extends Closeable {
    /** The next row, or null at the end. */
    Row next() throws IOException;

    /** Up to {@code n} next rows; empty at the end. */
    default List<Row> next(int n) throws IOException {
        List<Row> chunk = new ArrayList<>(n);
        for (Row r; chunk.size() < n && (r = next()) != null; ) chunk.add(r);
        return chunk;
    }

    /** Skips every row up to and including {@code line} (without mapping them), to resume after a checkpoint. */
    void skipThrough(long line) throws IOException;

    static RowSource open(InputStream in, String format, Map<String, String> mapping) throws IOException {
        return switch (format) {
            case "ndjson" -> new NdjsonRows(in, mapping);
            case "csv" -> new CsvRows(in, mapping);
            default -> throw new IllegalArgumentException("unknown format " + format);
        };
    }
}
