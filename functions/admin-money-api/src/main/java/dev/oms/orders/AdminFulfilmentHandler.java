package dev.oms.orders;

import static dev.oms.app.security.Permission.FULFILLMENTS_WRITE;
import static dev.oms.app.security.Permission.ORDERS_READ;
import static dev.oms.platform.http.Route.get;
import static dev.oms.platform.http.Route.post;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.CommandContext;
import dev.oms.app.FulfillmentService;
import dev.oms.domain.DomainException;
import dev.oms.domain.order.FulfillmentRequest;
import dev.oms.domain.order.Order;
import dev.oms.domain.order.OrderDocument;
import dev.oms.domain.order.Shipment;
import dev.oms.platform.http.ApiHandler;
import dev.oms.platform.http.ApiRequest;
import dev.oms.platform.http.ApiResponse;
import dev.oms.platform.http.Body;
import dev.oms.platform.http.Routes;
import dev.oms.platform.json.Json;
import dev.oms.platform.json.Times;
import dev.oms.platform.views.FulfillmentRequests;
import dev.oms.platform.views.FulfillmentViews;
import dev.oms.platform.views.ShipmentRequests;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

/**
 * Seed 001 section 2, fulfilment: create a fulfilment of an order (warehouse, lines, lots and serials), ship one,
 * cancel one, and read a shipment's label (presigned, 15 minutes), or render the same label again with
 * {@code POST .../label/regenerate}: never a second label bought. Fulfilments and shipments are named alone; their
 * order is found by the child index. The canonical fulfilment use case ({@link FulfillmentService}).
 */
public final class AdminFulfilmentHandler extends ApiHandler {
    static final Duration LINK_TTL = Duration.ofMinutes(15);

    private final AdminMoneyApi p;
    private final Routes routes;

    public AdminFulfilmentHandler() { this(AdminMoneyApi.get()); }

    AdminFulfilmentHandler(AdminMoneyApi p) {
        super(p.idempotency, p.clock);
        this.p = p;
        this.routes = Routes.of(
                post("/v1/admin/orders/{orderId}/create-fulfillment", this::create).requires(FULFILLMENTS_WRITE),
                post("/v1/admin/orders/{orderId}/split-shipments", this::split).requires(FULFILLMENTS_WRITE),
                post("/v1/admin/fulfillments/{fulfillmentId}/ship", this::ship).requires(FULFILLMENTS_WRITE),
                post("/v1/admin/fulfillments/{fulfillmentId}/cancel", this::cancel).requires(FULFILLMENTS_WRITE).reason(),
                post("/v1/admin/fulfillments/{fulfillmentId}/reschedule", this::reschedule).requires(FULFILLMENTS_WRITE),
                get("/v1/admin/shipments/{shipmentId}/label", this::label).requires(ORDERS_READ),
                post("/v1/admin/shipments/{shipmentId}/label/regenerate", this::regenerate).requires(FULFILLMENTS_WRITE));
    }

    @Override
    public Routes routes() { return routes; }

    /**
     * {@code {"execute", "plan": [{"warehouse_id", "lines": [{"line_id", "quantity"}]}], "allow_partial", "reason"}}:
     * without {@code execute}, the proposal by stock and routing rules; with it, that plan (or the one given) as
     * fulfilments ({@link dev.oms.app.warehouse.ShipmentSplits}).
     */
    private ApiResponse split(ApiRequest r) {
        Body b = Body.parseOptional(r.body());
        b.allow("execute", "plan", "allow_partial", "reason");
        boolean execute = Boolean.TRUE.equals(b.bool("execute", false));
        boolean allowPartial = Boolean.TRUE.equals(b.bool("allow_partial", false));
        String reason = b.string("reason", false, 500);
        List<Body> given = b.objects("plan", false, 1, 20);
        List<dev.oms.domain.warehouse.ShipmentSplit.Part> parts = new java.util.ArrayList<>();
        if (given != null) {
            if (!execute) b.error("plan", "field.not_allowed", "A plan is given to execute it: send execute: true");
            for (Body part : given) {
                part.allow("warehouse_id", "lines");
                String wh = part.string("warehouse_id", true, 64);
                java.util.Map<String, Long> lines = new java.util.LinkedHashMap<>();
                List<Body> ls = part.objects("lines", true, 1, dev.oms.domain.order.OrderFulfillment.MAX_LINES);
                if (ls != null) {
                    for (Body l : ls) {
                        l.allow("line_id", "quantity");
                        String id = l.string("line_id", true, 64);
                        Long q = l.integer("quantity", true, 1, 100_000);
                        if (id != null && q != null) lines.merge(id, q, Long::sum);
                    }
                }
                if (wh != null && !lines.isEmpty()) parts.add(new dev.oms.domain.warehouse.ShipmentSplit.Part(wh, java.util.Collections.unmodifiableMap(lines)));
            }
        }
        b.check();
        String orderId = r.pathParam("orderId");
        if (!execute) {
            var proposal = p.shipmentSplits.propose(r.command(), orderId);
            return ApiResponse.ok(splitView(orderId, false, proposal.routedTo(), proposal.plan(), List.of())).withVersion(proposal.order().version());
        }
        return r.execute(x -> ApiResponse.created(splitView(orderId, true, null, x.plan(), x.created()), "/v1/orders/" + orderId + "/fulfillments")
                .withVersion(x.order().version()), ctx -> {
            var plan = given != null ? new dev.oms.domain.warehouse.ShipmentSplit.Plan(parts, java.util.Map.of())
                    : p.shipmentSplits.propose(ctx, orderId).plan();
            return p.shipmentSplits.execute(ctx.withReason(reason), orderId, plan, allowPartial);
        });
    }

    static ObjectNode splitView(String orderId, boolean executed, String routedTo, dev.oms.domain.warehouse.ShipmentSplit.Plan plan,
                                List<dev.oms.domain.order.Fulfillment> created) {
        ObjectNode o = Json.object();
        o.put("order_id", orderId);
        o.put("executed", executed);
        if (!executed) o.put("routed_to", routedTo);
        o.put("complete", plan.complete());
        var parts = o.putArray("parts");
        for (int i = 0; i < plan.parts().size(); i++) {
            var part = plan.parts().get(i);
            ObjectNode x = parts.addObject().put("warehouse_id", part.warehouseId()).put("units", part.units());
            var lines = x.putArray("lines");
            part.lines().forEach((line, q) -> lines.addObject().put("line_id", line).put("quantity", q));
            if (executed) x.put("fulfillment_id", created.get(i).id());
        }
        var un = o.putArray("unassigned");
        plan.unassigned().forEach((line, q) -> un.addObject().put("line_id", line).put("quantity", q));
        return o;
    }

    /** {@code {"warehouse_id", "lines": [{"line_id", "quantity", "lot_id", "serials"}], "carrier_hint", "service_code", "shipment_reference", "external_reference", "version"}}. */
    private ApiResponse create(ApiRequest r) {
        Body b = Body.parse(r.body());
        b.allow("warehouse_id", "lines", "carrier_hint", "service_code", "shipment_reference", "external_reference", "version");
        FulfillmentRequest req = FulfillmentRequests.request(b);
        r.expectVersion(b.integer("version", false, 1, Long.MAX_VALUE));
        b.check();
        return r.execute(c -> fulfilment(201, c), ctx -> p.fulfillments.create(ctx, r.pathParam("orderId"), req));
    }

    /** {@code {"tracking_numbers", "carrier", "service_code", "label_reference"|"labels", "weight_grams", "parcels", "dimensions"}}. */
    private ApiResponse ship(ApiRequest r) {
        Body b = Body.parseOptional(r.body());
        b.allow("tracking_numbers", "carrier", "service_code", "label_reference", "labels", "weight_grams", "parcels", "dimensions", "version");
        String fulfillmentId = r.pathParam("fulfillmentId");
        ShipmentRequests.Parsed req = ShipmentRequests.parse(b, List.of(fulfillmentId));
        r.expectVersion(b.integer("version", false, 1, Long.MAX_VALUE));
        b.check();
        return r.execute(AdminFulfilmentHandler::shipped, ctx -> p.fulfillments.ship(ctx, orderOf(ctx, fulfillmentId), req.request(), req.parcelWeights()));
    }

    /** {@code {"reason"}}: before it shipped. */
    private ApiResponse cancel(ApiRequest r) {
        Body b = Body.parse(r.body());
        b.allow("reason", "version");
        String reason = b.string("reason", true, 500);
        r.expectVersion(b.integer("version", false, 1, Long.MAX_VALUE));
        b.check();
        String fulfillmentId = r.pathParam("fulfillmentId");
        return r.execute(c -> fulfilment(200, c), ctx -> p.fulfillments.cancel(ctx.withReason(reason), orderOf(ctx, fulfillmentId), fulfillmentId, reason));
    }

    /**
     * {@code {"requested_ship_date", "reason"?, "version"?}}: a new requested ship date, today or later (UTC), through
     * the warehouse flow's reschedule (the same rule as {@code PATCH /v1/fulfillment/fulfillments/{id}}: an open
     * fulfilment; allocation, picking and packing plan against the new date).
     */
    private ApiResponse reschedule(ApiRequest r) {
        Body b = Body.parse(r.body());
        b.allow("requested_ship_date", "reason", "version");
        Instant shipDate = b.time("requested_ship_date", false);
        String reason = b.string("reason", false, 500);
        r.expectVersion(b.integer("version", false, 1, Long.MAX_VALUE));
        if (shipDate == null && b.errors().isEmpty()) b.error("requested_ship_date", "field.required", "requested_ship_date is required");
        if (shipDate != null && shipDate.isBefore(p.clock.instant().truncatedTo(ChronoUnit.DAYS))) {
            b.error("requested_ship_date", "field.out_of_range", "requested_ship_date must be today (UTC) or later");
        }
        b.check();
        Instant when = shipDate;
        String fulfillmentId = r.pathParam("fulfillmentId");
        return r.execute(f -> ApiResponse.ok(FulfillmentViews.fulfillment(f.order(), f.fulfillment())).withVersion(f.order().version()),
                ctx -> p.warehouseFulfilments.reschedule(reason == null ? ctx : ctx.withReason(reason), fulfillmentId, null, when));
    }

    private ApiResponse label(ApiRequest r) {
        String format = r.query("format") == null ? "pdf" : r.query("format");
        if (!Set.of("pdf", "zpl").contains(format)) throw DomainException.invalidField("format", "field.not_allowed", "format must be pdf or zpl");
        Order order = p.fulfillments.orderOfShipment(r.command(), r.pathParam("shipmentId"));
        return ApiResponse.ok(labelView(order, order.requireChild(Shipment.class, r.pathParam("shipmentId"), "shipment.not_found"), format));
    }

    /** Optional {@code {"reason"}}: the same label rendered again (same tracking numbers, same documents). */
    private ApiResponse regenerate(ApiRequest r) {
        Body b = Body.parseOptional(r.body());
        b.allow("reason");
        String reason = b.string("reason", false, 500);
        b.check();
        String shipmentId = r.pathParam("shipmentId");
        return r.execute(s -> ApiResponse.ok(labelView(s.order(), s.shipment(), "pdf")).withVersion(s.order().version()), ctx -> {
            Order order = p.fulfillments.orderOfShipment(ctx, shipmentId);
            return p.shipmentLabels.regenerate(ctx.withReason(reason), order.id(), shipmentId);
        });
    }

    private ObjectNode labelView(Order order, Shipment s, String format) {
        ObjectNode o = Json.object().put("shipment_id", s.id()).put("order_id", order.id()).put("format", format);
        if (Shipment.LABEL_EXTERNAL.equals(s.labelStatus())) return o.put("source", "external").put("url", s.labelReference());
        if (!Shipment.LABEL_READY.equals(s.labelStatus())) {
            throw DomainException.conflict("shipment.label_pending", "The label of shipment " + s.id() + " is being rendered",
                    "Retry in a few seconds; shipment.label_ready is sent when it is there.");
        }
        OrderDocument doc = order.requireChild(OrderDocument.class, format.equals("zpl") ? s.zplDocumentId() : s.labelDocumentId(), "document.not_found");
        o.put("source", "rendered").put("document_id", doc.id()).put("content_type", doc.contentType()).put("size_bytes", doc.sizeBytes());
        o.put("url", p.documentStorage.downloadUrl(doc.storageKey(), doc.fileName(), LINK_TTL));
        o.put("expires_at", Times.format(p.clock.instant().plus(LINK_TTL)));
        return o;
    }

    private String orderOf(CommandContext ctx, String fulfillmentId) {
        return p.fulfillments.transactions().orderIdOfChild(ctx, fulfillmentId, "fulfillment.not_found");
    }

    private static ApiResponse fulfilment(int status, FulfillmentService.Created c) {
        ObjectNode body = FulfillmentViews.fulfillment(c.order(), c.fulfillment());
        String self = "/v1/orders/" + c.order().id() + "/fulfillments/" + c.fulfillment().id();
        ApiResponse res = status == 201 ? ApiResponse.created(body, self) : ApiResponse.ok(body);
        return res.withVersion(c.order().version());
    }

    private static ApiResponse shipped(FulfillmentService.Shipped s) {
        return ApiResponse.created(FulfillmentViews.shipment(s.order(), s.shipment()), "/v1/admin/shipments/" + s.shipment().id() + "/label")
                .withVersion(s.order().version());
    }
}
