package dev.oms.jobs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.CommandContext;
import dev.oms.app.port.ResponseJournal;
import dev.oms.app.warehouse.WarehouseAllocations;
import dev.oms.platform.Platform;
import dev.oms.platform.dynamo.DynamoAllocationStore;
import dev.oms.platform.dynamo.DynamoWarehouseStore;
import dev.oms.platform.http.Body;
import dev.oms.platform.json.Json;
import dev.oms.platform.views.AllocationRequests;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Bulk allocation ({@code POST /v1/fulfillment/allocations/bulk}, kind {@code bulk_allocations}): each entry is
 * allocated through {@link WarehouseAllocations#request} as the submitter, exactly as {@code allocations/request}
 * does (strategy, FEFO shelf life, the inventory port's stock), one after the other so the earlier entries' held units
 * are gone for the later ones. The report has a row per entry: {@code ok} with the allocation's {@code outcome}
 * ({@code allocated}, {@code partial}, {@code failed}: no stock, the allocation naming why; {@code already_allocated}
 * when the fulfilment holds its stock already, as after a chunk that ran again following a crash: nothing is allocated
 * twice) and {@code allocation_id}, or {@code failed} with the problem (an unknown or closed fulfilment).
 */
final class BulkAllocationsWork implements JobWork {
    static final List<String> COLUMNS = List.of("index", "fulfillment_id", "status", "outcome", "allocation_id", "code", "detail", "problem");
    static final int CHUNK = 25;

    private final WarehouseAllocations allocations;

    BulkAllocationsWork(Platform platform) {
        var core = platform.core;
        this.allocations = new WarehouseAllocations(core.transactions(), core.inventory, new DynamoAllocationStore(core.table),
                new DynamoWarehouseStore(core.table, core.ids), core.ids, core.clock);
    }

    @Override
    public void run(JobRun run) {
        CommandContext ctx = run.context(null, ResponseJournal.NONE);
        EntryBatches.run(run, "requests", COLUMNS, CHUNK, "handled", (entries, from, to) -> {
            List<ObjectNode> rows = new ArrayList<>();
            for (int j = from; j < to; j++) rows.add(allocate(ctx, j, entries.get(j)));
            return rows;
        });
    }

    private ObjectNode allocate(CommandContext ctx, int index, Map<String, Object> entry) {
        ObjectNode row = Json.object().put("index", index).put("fulfillment_id", String.valueOf(entry.get("fulfillment_id")));
        try {
            Body b = Body.of(Json.valueToTree(entry));
            WarehouseAllocations.Request request = AllocationRequests.request(b);
            b.check();
            var result = allocations.request(ctx.withoutJournal().onLatestVersion(), request);
            return row.put("status", "ok").put("outcome", result.allocation().status().wire()).put("allocation_id", result.allocation().id());
        } catch (dev.oms.domain.DomainException e) {
            if (!e.code().equals("fulfillment.already_allocated")) return Problem.failed(row, e);
            return row.put("status", "ok").put("outcome", "already_allocated").put("allocation_id", String.valueOf(e.details().get("allocation_id")));
        } catch (RuntimeException e) {
            return Problem.failed(row, e);
        }
    }
}
