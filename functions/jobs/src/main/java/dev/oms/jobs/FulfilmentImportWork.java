package dev.oms.jobs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.CommandContext;
import dev.oms.app.port.ResponseJournal;
import dev.oms.app.warehouse.WarehouseAllocations;
import dev.oms.app.warehouse.WarehouseDirectory;
import dev.oms.app.warehouse.WarehouseFulfilments;
import dev.oms.app.warehouse.WarehousePicking;
import dev.oms.domain.job.JobCounts;
import dev.oms.platform.Platform;
import dev.oms.platform.dynamo.DynamoAllocationStore;
import dev.oms.platform.dynamo.DynamoFulfilmentIndex;
import dev.oms.platform.dynamo.DynamoPicklistStore;
import dev.oms.platform.dynamo.DynamoWarehouseStore;
import dev.oms.platform.http.Body;
import dev.oms.platform.json.Json;
import dev.oms.platform.storage.ObjectStore;
import dev.oms.platform.storage.S3Uri;
import dev.oms.platform.views.WarehouseRequests;
import dev.oms.platform.wiring.CoreServices;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A warehouse import ({@code POST /v1/fulfillment/imports}, kind {@code fulfillment_import}): streams an NDJSON or CSV
 * file whose rows are the bodies of {@code POST /v1/fulfillment/fulfillments} ({@code type: fulfillments}) or of
 * {@code POST /v1/fulfillment/picklists} ({@code type: picklists}), read by the same {@link WarehouseRequests} and run
 * through the same use cases as the submitter, so every rule holds per row; a refused row is reported and the others
 * go on. The report has one row per line: {@code ok} with the id made, or {@code failed} with the problem.
 * <p>The fulfilment of line {@code n} has the id {@code ful_<job>_<n>}: a chunk that runs again after a crash finds it
 * and creates (and reserves) nothing twice. A pick list row that runs again is refused because its fulfilments are on
 * a pick list already ({@code picklist.fulfillment_on_picklist}), so it is not made twice either.
 */
final class FulfilmentImportWork implements JobWork {
    static final List<String> COLUMNS = List.of("line", "status", "order_id", "fulfillment_id", "picklist_id", "code", "detail", "problem");

    private final Platform platform;
    private final int chunkRows;
    private volatile Warehouse warehouse;

    FulfilmentImportWork(Platform platform, int chunkRows) {
        this.platform = platform;
        this.chunkRows = Math.max(1, Math.min(chunkRows, 100));
    }

    /** The warehouse use cases, built on first use (only warehouse imports need them). */
    private record Warehouse(WarehouseDirectory directory, WarehouseFulfilments fulfilments, WarehousePicking picking) {
        static Warehouse of(Platform p) {
            CoreServices core = p.core;
            DynamoWarehouseStore store = new DynamoWarehouseStore(core.table, core.ids);
            DynamoAllocationStore allocations = new DynamoAllocationStore(core.table);
            WarehouseAllocations allocating = new WarehouseAllocations(core.transactions(), core.inventory, allocations, store, core.ids, core.clock);
            return new Warehouse(new WarehouseDirectory(store, new DynamoFulfilmentIndex(core.table), core.ids, core.clock),
                    new WarehouseFulfilments(p.fulfillments, core.ids, core.clock),
                    new WarehousePicking(new DynamoPicklistStore(core.table, core.ids), allocations, allocating, core.transactions(), core.ids, core.clock));
        }
    }

    @Override
    public void run(JobRun run) throws IOException {
        if (warehouse == null) warehouse = Warehouse.of(platform);
        S3Uri source = S3Uri.parse(run.parameter("source"));
        String format = run.parameter("format");
        boolean picklists = "picklists".equals(run.parameter("type"));
        ObjectStore store = run.store();
        Report report = new Report(store, run.tenantId(), run.id(), format, COLUMNS);
        long position = run.checkpoint() == null ? 0 : Long.parseLong(run.checkpoint());
        JobCounts counts = run.counts();
        Map<String, Long> summary = new LinkedHashMap<>(run.summary());
        CommandContext ctx = run.context(null, ResponseJournal.NONE);
        try (InputStream in = store.open(source); RowSource rows = RowSource.open(in, format, Map.of())) {
            rows.skipThrough(position);
            for (List<Row> chunk = rows.next(chunkRows); !chunk.isEmpty(); chunk = rows.next(chunkRows)) {
                if (!run.proceed(true)) return;
                List<ObjectNode> reported = new ArrayList<>();
                for (Row row : chunk) {
                    ObjectNode out = picklists ? picklist(ctx, row) : fulfilment(ctx, run.id(), row);
                    boolean ok = "ok".equals(out.path("status").asText());
                    counts = counts.plus(ok ? 1 : 0, ok ? 0 : 1, 0);
                    summary.merge(ok ? "created" : "failed", 1L, Long::sum);
                    reported.add(out);
                }
                report.writePart(chunk.get(0).line(), reported);
                position = chunk.get(chunk.size() - 1).line();
                run.checkpoint(counts, Long.toString(position), summary);
            }
        }
        String key = report.assemble();
        run.complete(key == null ? Map.of() : Map.of("report", key));
    }

    private ObjectNode fulfilment(CommandContext ctx, String jobId, Row row) {
        ObjectNode out = Json.object().put("line", row.line());
        if (row.error() != null) return unreadable(out, row.error());
        try {
            Body b = Body.of(row.body());
            WarehouseRequests.Fulfilment f = WarehouseRequests.fulfilment(b);
            b.check();
            out.put("order_id", f.orderId());
            if (f.request().warehouseId() != null) warehouse.directory().get(ctx, f.request().warehouseId());
            f.checkSkus(warehouse.fulfilments().order(ctx, f.orderId()));
            String id = "ful_" + jobId.substring(jobId.indexOf('_') + 1) + "_" + row.line();
            var created = warehouse.fulfilments().create(ctx, f.orderId(), f.request(), id, f.requestedShipDate(), f.source() == null ? "import" : f.source());
            return out.put("status", "ok").put("fulfillment_id", created.fulfillment().id());
        } catch (RuntimeException e) {
            return Problem.failed(out, e);
        }
    }

    private ObjectNode picklist(CommandContext ctx, Row row) {
        ObjectNode out = Json.object().put("line", row.line());
        if (row.error() != null) return unreadable(out, row.error());
        try {
            Body b = Body.of(row.body());
            WarehouseRequests.Picklist pl = WarehouseRequests.picklist(b);
            b.check();
            warehouse.directory().get(ctx, pl.warehouseId());
            var made = warehouse.picking().create(ctx, pl.warehouseId(), pl.fulfillmentIds(), pl.priority(), pl.zone(), pl.serialSkus());
            return out.put("status", "ok").put("picklist_id", made.id());
        } catch (RuntimeException e) {
            return Problem.failed(out, e);
        }
    }

    private static ObjectNode unreadable(ObjectNode out, String error) {
        ObjectNode problem = Problem.unreadable(error);
        out.put("status", "failed").put("code", problem.path("code").asText()).put("detail", problem.path("detail").asText());
        out.set("problem", problem);
        return out;
    }
}
