package dev.oms.jobs;

import blue.strategic.parquet.Dehydrator;
import blue.strategic.parquet.ParquetWriter;
import dev.oms.domain.order.Order;
import dev.oms.platform.json.Json;
import dev.oms.platform.views.OrderViews;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/** Where exported orders go, one at a time: a CSV or NDJSON stream, or a Parquet file. */
interface OrderSink {
    void accept(Order order) throws IOException;

    /** Writes what is buffered (the CSV/NDJSON stream stays open for its owner to complete). */
    void finish() throws IOException;

    static OrderSink csv(OutputStream out) throws IOException {
        CSVPrinter printer = new CSVPrinter(new OutputStreamWriter(out, StandardCharsets.UTF_8), CSVFormat.RFC4180);
        printer.printRecord(ExportColumns.names());
        return new OrderSink() {
            @Override
            public void accept(Order order) throws IOException {
                for (ExportColumns.Column c : ExportColumns.ALL) printer.print(c.value().apply(order));
                printer.println();
            }

            @Override
            public void finish() throws IOException { printer.flush(); }
        };
    }

    /** The full order, as {@code GET /v1/orders/{orderId}} shows it, one per line. */
    static OrderSink ndjson(OutputStream out) {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        return new OrderSink() {
            @Override
            public void accept(Order order) throws IOException {
                w.write(Json.write(OrderViews.order(order)));
                w.write('\n');
            }

            @Override
            public void finish() throws IOException { w.flush(); }
        };
    }

    /**
     * A Parquet file (Snappy, one row group per 128 MB of encoded data, which Parquet buffers in memory): parquet-floor
     * writes files, not streams, so the export goes to local disk ({@code /tmp} on Lambda) and is uploaded after.
     */
    static OrderSink parquet(Path file) throws IOException {
        ParquetWriter<Order> writer = ParquetWriter.writeFile(PARQUET_SCHEMA, file.toFile(), DEHYDRATOR);
        return new OrderSink() {
            @Override
            public void accept(Order order) throws IOException { writer.write(order); }

            @Override
            public void finish() throws IOException { writer.close(); }
        };
    }

    MessageType PARQUET_SCHEMA = schema();

    Dehydrator<Order> DEHYDRATOR = (order, values) -> {
        for (ExportColumns.Column c : ExportColumns.ALL) {
            Object v = c.value().apply(order);
            if (v != null) values.write(c.name(), c.integer() ? ((Number) v).longValue() : v.toString());
        }
    };

    private static MessageType schema() {
        List<Type> fields = new ArrayList<>();
        for (ExportColumns.Column c : ExportColumns.ALL) {
            fields.add(c.integer()
                    ? Types.optional(PrimitiveTypeName.INT64).named(c.name())
                    : Types.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(c.name()));
        }
        return new MessageType("order", fields);
    }
}
