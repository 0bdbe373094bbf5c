package dev.oms.orders;

import static dev.oms.app.security.Permission.WAREHOUSE_PICK;
import static dev.oms.app.security.Permission.WAREHOUSE_READ;
import static dev.oms.app.security.Permission.WAREHOUSE_WRITE;
import static dev.oms.platform.http.Route.get;
import static dev.oms.platform.http.Route.post;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.warehouse.WarehouseAllocations;
import dev.oms.platform.dynamo.DynamoAllocationStore;
import dev.oms.platform.http.ApiHandler;
import dev.oms.platform.http.ApiRequest;
import dev.oms.platform.http.ApiResponse;
import dev.oms.platform.http.Body;
import dev.oms.platform.http.Routes;
import dev.oms.platform.json.Json;
import dev.oms.platform.jobs.JobSubmission;
import dev.oms.platform.views.AllocationRequests;
import dev.oms.domain.job.JobKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Seed 003 section 2: allocations of fulfilments through the inventory port ({@link WarehouseAllocations}): request (with
 * a strategy), read, confirm-pick (idempotent), release (once the fulfilment is cancelled, or while it awaits stock), and
 * bulk: a {@code bulk_allocations} job with a report row per fulfilment.
 */
final class AllocationsHandler extends ApiHandler {
    static final String BASE = "/v1/fulfillment/allocations";
    /** Entries per bulk request (the job's parameters stay far below DynamoDB's item size). */
    static final int MAX_BULK = 500;

    private final WarehouseApi p;
    private final Routes routes;

    AllocationsHandler(WarehouseApi p) {
        super(p.idempotency, p.clock);
        this.p = p;
        this.routes = Routes.of(
                post(BASE + "/request", this::request).requires(WAREHOUSE_WRITE),
                get(BASE + "/{allocationId}", this::read).requires(WAREHOUSE_READ),
                post(BASE + "/{allocationId}/confirm-pick", this::confirmPick).requires(WAREHOUSE_PICK),
                post(BASE + "/{allocationId}/release", this::release).requires(WAREHOUSE_WRITE),
                post(BASE + "/bulk", this::bulk).requires(WAREHOUSE_WRITE));
    }

    @Override
    public Routes routes() { return routes; }

    /**
     * {@code {"fulfillment_id", "strategy", "ship_date": "2026-12-05", "min_shelf_life_days", "shelf_life_by_sku": {"SKU": 30},
     * "destination": {"latitude", "longitude"}}}.
     */
    private ApiResponse request(ApiRequest r) {
        Body b = Body.parse(r.body());
        WarehouseAllocations.Request req = AllocationRequests.request(b);
        b.check();
        return r.execute(res -> ApiResponse.created(view(res), BASE + "/" + res.allocation().id()).withVersion(res.allocation().version()),
                ctx -> p.allocations.request(ctx, req));
    }

    private ApiResponse read(ApiRequest r) {
        var a = p.allocations.get(r.command(), r.pathParam("allocationId"));
        return ApiResponse.ok(DynamoAllocationStore.json(a)).withVersion(a.version());
    }

    /** {@code {"pick_confirmation_id"}} (optional; one is made when absent). */
    private ApiResponse confirmPick(ApiRequest r) {
        Body b = Body.parseOptional(r.body());
        b.allow("pick_confirmation_id");
        String confirmation = b.string("pick_confirmation_id", false, 64);
        b.check();
        return r.execute(res -> ApiResponse.ok(view(res)).withVersion(res.allocation().version()),
                ctx -> p.allocations.confirmPick(ctx, r.pathParam("allocationId"), confirmation));
    }

    /** {@code {"reason"}} (optional). */
    private ApiResponse release(ApiRequest r) {
        Body b = Body.parseOptional(r.body());
        b.allow("reason");
        String reason = b.string("reason", false, 500);
        b.check();
        return r.execute(res -> ApiResponse.ok(view(res)).withVersion(res.allocation().version()),
                ctx -> p.allocations.release(ctx.withReason(reason), r.pathParam("allocationId"), reason));
    }

    /**
     * {@code {"requests": [{...as request...}]}} (1 to {@value #MAX_BULK}): each entry is checked now (a bad one is 400
     * with its index), then a {@code bulk_allocations} job allocates them in turn, polled at
     * {@code /v1/fulfillment/jobs/{jobId}}; its report has a row per entry.
     */
    private ApiResponse bulk(ApiRequest r) {
        Body b = Body.parse(r.body());
        b.allow("requests");
        List<Body> entries = b.objects("requests", true, 1, MAX_BULK);
        List<Object> stored = new ArrayList<>();
        if (entries != null) {
            for (Body e : entries) {
                AllocationRequests.request(e);
                stored.add(Json.toMap(e.node()));
            }
        }
        b.check();
        return JobSubmission.submit(r, p.jobs, p.jobs.service.newId(), JobKind.BULK_ALLOCATIONS, Map.of("requests", stored), false, view -> { });
    }

    private static ObjectNode view(WarehouseAllocations.Result res) {
        ObjectNode o = DynamoAllocationStore.json(res.allocation());
        o.put("fulfillment_warehouse_status", res.fulfillment().warehouseStatus().wire());
        return o;
    }
}
