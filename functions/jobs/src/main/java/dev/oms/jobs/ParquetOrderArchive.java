package dev.oms.jobs;

import blue.strategic.parquet.Dehydrator;
import blue.strategic.parquet.Hydrator;
import blue.strategic.parquet.HydratorSupplier;
import blue.strategic.parquet.ParquetReader;
import blue.strategic.parquet.ParquetWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.port.OrderArchive;
import dev.oms.platform.dynamo.KeyCondition;
import dev.oms.platform.dynamo.Keys;
import dev.oms.platform.dynamo.SingleTable;
import dev.oms.platform.dynamo.TableQuery;
import dev.oms.platform.json.Json;
import dev.oms.platform.storage.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

/**
 * The retention archive: one Parquet file per order ({@code archive/{tenant}/orders/{orderId}.parquet} in the jobs
 * bucket, parquet-floor's writer as the exports use it), one row per stored item of the order (the header, lines,
 * children and events: its timeline and audit trail) with the item whole as JSON, so nothing of the order is lost.
 * After the upload the file is downloaded and read back, and every item compared with what was read from the table.
 */
public final class ParquetOrderArchive implements OrderArchive {
    /** One row per stored item of the order. */
    public static final MessageType SCHEMA = new MessageType("order_item",
            Types.required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("tenant_id"),
            Types.required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("order_id"),
            Types.required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("sk"),
            Types.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("type"),
            Types.required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("item"));

    private record Row(String tenantId, String orderId, String sk, String type, String item) { }

    private static final Dehydrator<Row> DEHYDRATOR = (r, values) -> {
        values.write("tenant_id", r.tenantId());
        values.write("order_id", r.orderId());
        values.write("sk", r.sk());
        if (r.type() != null) values.write("type", r.type());
        values.write("item", r.item());
    };

    private final SingleTable table;
    private final ObjectStore store;

    public ParquetOrderArchive(SingleTable table, ObjectStore store) {
        this.table = table;
        this.store = store;
    }

    public static String key(String tenantId, String orderId) { return "archive/" + tenantId + "/orders/" + orderId + ".parquet"; }

    @Override
    public Archived archive(String tenantId, String orderId) {
        List<Row> rows = new ArrayList<>();
        long version = -1;
        String pk = Keys.order(tenantId, orderId);
        for (ObjectNode item : table.query(TableQuery.builder().keyCondition(KeyCondition.partition(pk)).consistentRead(true).build()).items()) {
            String sk = item.path(Keys.SK).asText();
            if (Keys.ORDER_SK.equals(sk)) version = item.path("version").asLong();
            rows.add(new Row(tenantId, orderId, sk, item.hasNonNull("type") ? item.get("type").asText() : null, Json.write(item)));
        }
        if (version < 0) throw new IllegalStateException("order " + orderId + " of " + tenantId + " has no header to archive");
        String key = key(tenantId, orderId);
        Path file = null, back = null;
        try {
            file = Files.createTempFile("archive-" + orderId, ".parquet");
            Files.delete(file); // the Parquet writer creates it
            try (ParquetWriter<Row> writer = ParquetWriter.writeFile(SCHEMA, file.toFile(), DEHYDRATOR)) {
                for (Row r : rows) writer.write(r);
            }
            store.upload(key, file, "application/vnd.apache.parquet");
            back = Files.createTempFile("archive-check-" + orderId, ".parquet");
            try (InputStream in = store.open(key)) {
                Files.copy(in, back, StandardCopyOption.REPLACE_EXISTING);
            }
            verify(back, rows);
            return new Archived(store.uri(key), version, rows.size());
        } catch (IOException e) {
            throw new UncheckedIOException("archiving " + orderId + " of " + tenantId, e);
        } finally {
            deleteQuietly(file);
            deleteQuietly(back);
        }
    }

    /** The archive read back must hold exactly the items written, each whole. */
    private static void verify(Path file, List<Row> written) throws IOException {
        Map<String, String> expected = written.stream().collect(Collectors.toMap(Row::sk, Row::item));
        Map<String, String> read = new HashMap<>();
        try (var stream = ParquetReader.streamContent(file.toFile(), HydratorSupplier.constantly(new RowHydrator()))) {
            stream.forEach(m -> read.put(String.valueOf(m.get("sk")), String.valueOf(m.get("item"))));
        }
        if (!read.equals(expected)) {
            throw new IllegalStateException("the archive read back holds " + read.size() + " items, " + expected.size()
                    + " were written, or differs from them: the order is kept");
        }
    }

    /** Reads an archive's rows as maps of column to value (also for whoever restores an order from it). */
    public static final class RowHydrator implements Hydrator<Map<String, Object>, Map<String, Object>> {
        @Override public Map<String, Object> start() { return new HashMap<>(); }

        @Override
        public Map<String, Object> add(Map<String, Object> target, String heading, Object value) {
            target.put(heading, value);
            return target;
        }

        @Override public Map<String, Object> finish(Map<String, Object> target) { return target; }
    }

    @Override
    public List<String> tenantsWithRetention() {
        List<String> out = new ArrayList<>();
        table.query(TableQuery.builder().index(Keys.GSI1).keyCondition(KeyCondition.partition(Keys.RETENTION_TENANTS)).build())
                .items().forEach(i -> out.add(i.path(Keys.GSI1SK).asText()));
        return out;
    }

    private static void deleteQuietly(Path p) {
        if (p == null) return;
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a temporary file left in /tmp
        }
    }
}
