package dev.oms.orders;

import static dev.oms.app.security.Permission.FULFILLMENTS_WRITE;
import static dev.oms.app.security.Permission.ORDERS_READ;
import static dev.oms.platform.http.Route.get;
import static dev.oms.platform.http.Route.patch;
import static dev.oms.platform.http.Route.post;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.FulfillmentService;
import dev.oms.app.port.Page;
import dev.oms.domain.order.Fulfillment;
import dev.oms.domain.order.FulfillmentRequest;
import dev.oms.domain.order.FulfillmentStatus;
import dev.oms.domain.order.Order;
import dev.oms.platform.http.ApiHandler;
import dev.oms.platform.http.ApiRequest;
import dev.oms.platform.http.ApiResponse;
import dev.oms.platform.http.Body;
import dev.oms.platform.http.Pages;
import dev.oms.platform.http.Routes;
import dev.oms.domain.job.JobKind;
import dev.oms.platform.jobs.JobViews;
import dev.oms.platform.jobs.Jobs;
import dev.oms.platform.json.Json;
import dev.oms.platform.views.FulfillmentViews;
import dev.oms.platform.views.FulfillmentRequests;
import dev.oms.platform.views.OrderViews;
import dev.oms.platform.views.ShipmentRequests;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Seed 000 section 4: an order's fulfilments. {@code POST .../fulfillments} creates one now (201), or with
 * {@code "mode": "saga"} asks the fulfill-order saga to (202); list and read; PATCH for warehouse steps, estimated
 * delivery and tracking numbers; ship (a shipment, see {@link ShipmentsHandler}), cancel before shipping, and confirm
 * receipt for B2B and drop-ship deliveries.
 */
public final class FulfillmentsHandler extends ApiHandler {
    private static final Set<String> PATCH_STATUSES = Set.of("picking", "packed", "in_transit");
    /** How long the fulfill-order saga waits for the shipment: 7 days unless the request says (at most 30 days). */
    static final int MAX_BULK = 500;
    static final long DEFAULT_SHIP_WITHIN = 7 * 86_400, MAX_SHIP_WITHIN = 30 * 86_400;

    private final FulfilmentApi p;
    private final Routes routes;

    public FulfillmentsHandler() { this(FulfilmentApi.get()); }

    FulfillmentsHandler(FulfilmentApi p) {
        super(p.idempotency, p.clock);
        this.p = p;
        this.routes = Routes.of(
                post("/v1/orders/{orderId}/fulfillments", this::create).requires(FULFILLMENTS_WRITE),
                get("/v1/orders/{orderId}/fulfillments", this::list).requires(ORDERS_READ),
                get("/v1/orders/{orderId}/fulfillments/{fulfillmentId}", this::read).requires(ORDERS_READ),
                patch("/v1/orders/{orderId}/fulfillments/{fulfillmentId}", this::update).requires(FULFILLMENTS_WRITE),
                post("/v1/orders/{orderId}/fulfillments/{fulfillmentId}/ship", this::ship).requires(FULFILLMENTS_WRITE),
                post("/v1/orders/{orderId}/fulfillments/{fulfillmentId}/cancel", this::cancel).requires(FULFILLMENTS_WRITE),
                post("/v1/orders/{orderId}/fulfillments/{fulfillmentId}/confirm-receipt", this::confirmReceipt).requires(FULFILLMENTS_WRITE),
                post("/v1/orders/fulfillments/bulk", this::bulk).requires(FULFILLMENTS_WRITE),
                get("/v1/orders/fulfillments/bulk/{jobId}", this::bulkJob).requires(FULFILLMENTS_WRITE));
    }

    @Override
    public Routes routes() { return routes; }

    /**
     * {@code {"warehouse_id", "lines": [{"line_id", "quantity", "lot_id", "serials"}], "carrier_hint", "service_code",
     * "shipment_reference", "external_reference", "mode": "direct"|"saga", "ship_within_seconds"}}.
     */
    private ApiResponse create(ApiRequest r) {
        Body b = Body.parse(r.body());
        b.allow("warehouse_id", "lines", "carrier_hint", "service_code", "shipment_reference", "external_reference", "mode",
                "ship_within_seconds", "version");
        FulfillmentRequest req = FulfillmentRequests.request(b);
        String mode = b.oneOf("mode", false, Set.of(Fulfillment.DIRECT, Fulfillment.SAGA));
        Long within = b.integer("ship_within_seconds", false, 1, MAX_SHIP_WITHIN);
        if (within != null && !Fulfillment.SAGA.equals(mode)) b.error("ship_within_seconds", "field.not_allowed", "ship_within_seconds needs \"mode\": \"saga\"");
        r.expectVersion(b.integer("version", false, 1, Long.MAX_VALUE));
        b.check();
        String orderId = r.pathParam("orderId");
        if (Fulfillment.SAGA.equals(mode)) {
            long deadline = within == null ? DEFAULT_SHIP_WITHIN : within;
            return r.execute(FulfillmentsHandler::requested, ctx -> p.fulfillments.request(ctx, orderId, req, deadline));
        }
        return r.execute(c -> one(201, c), ctx -> p.fulfillments.create(ctx, orderId, req));
    }

    private ApiResponse list(ApiRequest r) {
        Order order = p.fulfillments.order(r.command(), r.pathParam("orderId"));
        String fingerprint = "fulfillments|" + order.id();
        var page = r.page(p.cursors, fingerprint);
        List<Fulfillment> all = order.children(Fulfillment.class);
        int from = page.position() == null ? 0 : Integer.parseInt(page.position());
        int to = Math.min(all.size(), from + page.limit());
        Page<Fulfillment> out = new Page<>(all.subList(Math.min(from, all.size()), to), to < all.size() ? String.valueOf(to) : null);
        return Pages.render(out, f -> FulfillmentViews.fulfillment(order, f), p.cursors, fingerprint).withVersion(order.version());
    }

    private ApiResponse read(ApiRequest r) {
        Order order = p.fulfillments.order(r.command(), r.pathParam("orderId"));
        Fulfillment f = order.requireChild(Fulfillment.class, r.pathParam("fulfillmentId"), "fulfillment.not_found");
        return ApiResponse.ok(FulfillmentViews.fulfillment(order, f)).withVersion(order.version());
    }

    /** {@code {"status": "picking"|"packed"|"in_transit", "estimated_delivery": "2026-...Z", "tracking_numbers": [...]}}. */
    private ApiResponse update(ApiRequest r) {
        Body b = Body.parse(r.body());
        b.allow("status", "estimated_delivery", "tracking_numbers", "version");
        String status = b.oneOf("status", false, PATCH_STATUSES);
        Instant eta = b.time("estimated_delivery", false);
        List<String> tracking = b.strings("tracking_numbers", false, 0, 50, 64);
        r.expectVersion(b.integer("version", false, 1, Long.MAX_VALUE));
        if (status == null && eta == null && tracking == null && b.errors().isEmpty()) {
            b.error("status", "field.required", "Send status, estimated_delivery or tracking_numbers");
        }
        b.check();
        FulfillmentStatus to = status == null ? null : FulfillmentStatus.fromWire(status);
        Instant when = eta;
        return r.execute(c -> one(200, c), ctx -> p.fulfillments.update(ctx, r.pathParam("orderId"), r.pathParam("fulfillmentId"), to, when, tracking));
    }

    /** {@code {"tracking_numbers": [...], "carrier", "service_code", "label_reference", "weight_grams", "parcels": [{"weight_grams"}], "dimensions"}}. */
    private ApiResponse ship(ApiRequest r) {
        Body b = Body.parseOptional(r.body());
        b.allow("tracking_numbers", "carrier", "service_code", "label_reference", "labels", "weight_grams", "parcels", "dimensions", "version");
        ShipmentRequests.Parsed req = ShipmentRequests.parse(b, List.of(r.pathParam("fulfillmentId")));
        r.expectVersion(b.integer("version", false, 1, Long.MAX_VALUE));
        b.check();
        return r.execute(ShipmentsHandler::created, ctx -> p.fulfillments.ship(ctx, r.pathParam("orderId"), req.request(), req.parcelWeights()));
    }

    /** {@code {"reason": "..."}} (optional). */
    private ApiResponse cancel(ApiRequest r) {
        Body b = Body.parseOptional(r.body());
        b.allow("reason", "version");
        String reason = b.string("reason", false, 500);
        r.expectVersion(b.integer("version", false, 1, Long.MAX_VALUE));
        b.check();
        return r.execute(c -> one(200, c), ctx -> p.fulfillments.cancel(ctx.withReason(reason), r.pathParam("orderId"), r.pathParam("fulfillmentId"), reason));
    }

    /** {@code {"received_by": "...", "note": "..."}} (optional). */
    private ApiResponse confirmReceipt(ApiRequest r) {
        Body b = Body.parseOptional(r.body());
        b.allow("received_by", "note", "version");
        String receivedBy = b.string("received_by", false, 200);
        String note = b.string("note", false, 2000);
        r.expectVersion(b.integer("version", false, 1, Long.MAX_VALUE));
        b.check();
        return r.execute(c -> one(200, c), ctx -> p.fulfillments.confirmReceipt(ctx, r.pathParam("orderId"), r.pathParam("fulfillmentId"), receivedBy, note));
    }

    /**
     * {@code {"fulfillments": [{"order_id", "warehouse_id", "lines", ...}]}} (1 to {@value #MAX_BULK}, each checked like
     * a single request): 202 with the job, which creates them one by one (see the jobs section).
     */
    static final String BULK_PATH = "/v1/orders/fulfillments/bulk/";

    private ApiResponse bulk(ApiRequest r) {
        Body b = Body.parse(r.body());
        b.allow("fulfillments");
        List<Body> entries = b.objects("fulfillments", true, 1, MAX_BULK);
        if (entries != null) {
            for (Body e : entries) {
                e.allow("order_id", "warehouse_id", "lines", "carrier_hint", "service_code", "shipment_reference", "external_reference");
                e.string("order_id", true, 128);
                FulfillmentRequests.request(e);
            }
        }
        b.check();
        Jobs jobs = Jobs.get();
        Map<String, Object> params = Map.of("fulfillments", Json.toList(b.node().get("fulfillments")));
        return r.execute(job -> ApiResponse.accepted(JobViews.job(job, jobs.links())).withHeader("location", BULK_PATH + job.id())
                .withVersion(job.version()), ctx -> jobs.service.submit(ctx, jobs.service.newId(), JobKind.BULK_FULFILLMENTS, params, false));
    }

    /**
     * The bulk fulfilment job (status, counts, report) for those who submit it: warehouse roles have
     * {@code fulfillments:write} but not {@code jobs:manage}, which the generic {@code /v1/orders/jobs/{jobId}} needs.
     */
    private ApiResponse bulkJob(ApiRequest r) {
        Jobs jobs = Jobs.get();
        var job = jobs.service.get(r.command(), r.pathParam("jobId"), JobKind.BULK_FULFILLMENTS);
        return ApiResponse.ok(JobViews.job(job, jobs.links())).withVersion(job.version());
    }

    private static ApiResponse one(int status, FulfillmentService.Created c) {
        ObjectNode body = FulfillmentViews.fulfillment(c.order(), c.fulfillment());
        String self = "/v1/orders/" + c.order().id() + "/fulfillments/" + c.fulfillment().id();
        ApiResponse res = status == 201 ? ApiResponse.created(body, self) : ApiResponse.ok(body);
        return res.withVersion(c.order().version());
    }

    private static ApiResponse requested(FulfillmentService.Requested res) {
        ObjectNode o = Json.object();
        o.put("fulfillment_id", res.fulfillmentId());
        o.put("status", "requested");
        o.put("mode", Fulfillment.SAGA);
        o.set("order", OrderViews.order(res.order(), false));
        String follow = "/v1/orders/" + res.order().id() + "/fulfillments/" + res.fulfillmentId();
        o.putObject("links").put("fulfillment", follow).put("order", "/v1/orders/" + res.order().id());
        return ApiResponse.accepted(o).withHeader("location", follow).withVersion(res.order().version());
    }
}
