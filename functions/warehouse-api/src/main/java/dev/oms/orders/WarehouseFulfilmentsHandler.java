package dev.oms.orders;

import static dev.oms.app.security.Permission.WAREHOUSE_READ;
import static dev.oms.app.security.Permission.WAREHOUSE_WRITE;
import static dev.oms.platform.http.Route.get;
import static dev.oms.platform.http.Route.patch;
import static dev.oms.platform.http.Route.post;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.FulfillmentService;
import dev.oms.app.port.FulfilmentIndex;
import dev.oms.app.port.Page;
import dev.oms.app.port.PageRequest;
import dev.oms.app.port.StoredEvent;
import dev.oms.app.warehouse.WarehouseFulfilments;
import dev.oms.domain.DomainException;
import dev.oms.domain.order.Fulfillment;
import dev.oms.domain.order.Order;
import dev.oms.domain.warehouse.WarehouseStatus;
import dev.oms.platform.http.ApiHandler;
import dev.oms.platform.http.ApiRequest;
import dev.oms.platform.http.ApiResponse;
import dev.oms.platform.http.Body;
import dev.oms.platform.views.WarehouseRequests;
import dev.oms.platform.http.Routes;
import dev.oms.platform.json.Json;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Seed 003 section 1: fulfilments as the warehouse sees them. The same records as {@code /v1/orders/{orderId}/fulfillments}
 * (one item, the order's version as ETag), shown with their warehouse {@code status}; created at {@code created}
 * (stock reserved), listed across orders, moved to another warehouse or ship date before allocation, cancelled
 * before shipping (stock released), and their timeline.
 */
final class WarehouseFulfilmentsHandler extends ApiHandler {
    static final String BASE = "/v1/fulfillment/fulfillments";
    /** Order events read for one fulfilment's timeline (an order has few fulfilments; its timeline is bounded). */
    static final int TIMELINE_EVENTS = 1_000;

    private final WarehouseApi p;
    private final Routes routes;

    WarehouseFulfilmentsHandler(WarehouseApi p) {
        super(p.idempotency, p.clock);
        this.p = p;
        this.routes = Routes.of(
                post(BASE, this::create).requires(WAREHOUSE_WRITE),
                get(BASE, this::list).requires(WAREHOUSE_READ),
                get(BASE + "/{fulfillmentId}", this::read).requires(WAREHOUSE_READ),
                patch(BASE + "/{fulfillmentId}", this::update).requires(WAREHOUSE_WRITE),
                post(BASE + "/{fulfillmentId}/cancel", this::cancel).requires(WAREHOUSE_WRITE),
                get(BASE + "/{fulfillmentId}/timeline", this::timeline).requires(WAREHOUSE_READ));
    }

    @Override
    public Routes routes() { return routes; }

    /**
     * {@code {"order_id", "warehouse_id", "requested_ship_date", "source", "lines": [{"order_line_id", "sku", "quantity"}],
     * "carrier_hint", "service_code"}}.
     */
    private ApiResponse create(ApiRequest r) {
        Body b = Body.parse(r.body());
        WarehouseRequests.Fulfilment f = WarehouseRequests.fulfilment(b);
        b.check();
        if (f.request().warehouseId() != null) p.warehouses.get(r.command(), f.request().warehouseId());
        f.checkSkus(p.fulfilments.order(r.command(), f.orderId()));
        return r.execute(c -> one(201, c.order(), c.fulfillment()), ctx -> p.fulfilments.create(ctx, f.orderId(), f.request(), f.requestedShipDate(),
                f.source() == null ? "api" : f.source()));
    }

    /** {@code ?order_id=&status=&warehouse_id=}: one order's fulfilments, or the tenant's newest first (filters over the page). */
    private ApiResponse list(ApiRequest r) {
        String orderId = r.query("order_id");
        String status = r.query("status");
        String warehouse = r.query("warehouse_id");
        if (status != null) {
            try {
                WarehouseStatus.fromWire(status);
            } catch (IllegalArgumentException e) {
                throw DomainException.invalidField("status", "field.enum", "status is a warehouse status");
            }
        }
        String fingerprint = "wh-fulfilments|" + orderId + "|" + status + "|" + warehouse;
        PageRequest page = r.page(p.cursors, fingerprint);
        ObjectNode body = Json.object();
        ArrayNode data = body.putArray("data");
        String next;
        if (orderId != null) {
            Order o = p.fulfilments.order(r.command(), orderId);
            List<Fulfillment> all = o.children(Fulfillment.class).stream().filter(f -> matches(f.warehouseStatus().wire(), f.warehouseId(), status, warehouse)).toList();
            int from = page.position() == null ? 0 : Integer.parseInt(page.position());
            int to = Math.min(all.size(), from + page.limit());
            for (Fulfillment f : all.subList(Math.min(from, all.size()), to)) data.add(WarehouseViews.fulfilment(o, f));
            next = to < all.size() ? String.valueOf(to) : null;
        } else {
            Page<FulfilmentIndex.Entry> entries = p.index.list(r.caller().tenantId(), page);
            for (FulfilmentIndex.Entry e : entries.items()) {
                if (!matches(e.warehouseStatus(), e.warehouseId(), status, warehouse)) continue;
                try {
                    WarehouseFulfilments.Found f = p.fulfilments.get(r.command(), e.fulfillmentId());
                    data.add(WarehouseViews.fulfilment(f.order(), f.fulfillment()));
                } catch (DomainException gone) {
                    // the order was deleted (or is not the caller's to see): not listed
                }
            }
            next = entries.nextPosition();
        }
        body.put("next_cursor", next == null ? null : p.cursors.encode(next, fingerprint));
        body.put("has_more", next != null);
        return ApiResponse.ok(body);
    }

    private static boolean matches(String warehouseStatus, String warehouseId, String status, String warehouse) {
        return (status == null || status.equals(warehouseStatus)) && (warehouse == null || warehouse.equals(warehouseId));
    }

    private ApiResponse read(ApiRequest r) {
        WarehouseFulfilments.Found f = p.fulfilments.get(r.command(), r.pathParam("fulfillmentId"));
        return one(200, f);
    }

    /** {@code {"warehouse_id", "requested_ship_date", "version"}}: another warehouse only before allocation. */
    private ApiResponse update(ApiRequest r) {
        Body b = Body.parse(r.body());
        b.allow("warehouse_id", "requested_ship_date", "version");
        String warehouse = b.string("warehouse_id", false, 64);
        Instant shipDate = b.time("requested_ship_date", false);
        r.expectVersion(b.integer("version", false, 1, Long.MAX_VALUE));
        if (warehouse == null && shipDate == null && b.errors().isEmpty()) b.error("warehouse_id", "field.required", "Send warehouse_id or requested_ship_date");
        b.check();
        if (warehouse != null) p.warehouses.get(r.command(), warehouse);
        return r.execute(f -> one(200, f), ctx -> p.fulfilments.reschedule(ctx, r.pathParam("fulfillmentId"), warehouse, shipDate));
    }

    /** {@code {"reason"}} (optional). */
    private ApiResponse cancel(ApiRequest r) {
        Body b = Body.parseOptional(r.body());
        b.allow("reason", "version");
        String reason = b.string("reason", false, 500);
        r.expectVersion(b.integer("version", false, 1, Long.MAX_VALUE));
        b.check();
        return r.execute(c -> one(200, c.order(), c.fulfillment()), ctx -> {
            FulfillmentService.Created c = p.fulfilments.cancel(ctx.withReason(reason), r.pathParam("fulfillmentId"), reason);
            p.allocations.releaseForCancelled(ctx, c.fulfillment());
            return c;
        });
    }

    /** The fulfilment's entries of its order's timeline (events naming it), oldest first. */
    private ApiResponse timeline(ApiRequest r) {
        String id = r.pathParam("fulfillmentId");
        WarehouseFulfilments.Found f = p.fulfilments.get(r.command(), id);
        ObjectNode body = Json.object();
        body.put("fulfillment_id", id);
        body.put("order_id", f.order().id());
        body.put("status", f.fulfillment().warehouseStatus().wire());
        ArrayNode data = body.putArray("data");
        String position = null;
        int read = 0;
        do {
            Page<StoredEvent> page = p.audit.timeline(r.command(), f.order().id(), new PageRequest(position, 200));
            for (StoredEvent e : page.items()) if (names(e.data(), id)) data.add(WarehouseViews.timelineEntry(e));
            read += page.items().size();
            position = page.nextPosition();
        } while (position != null && read < TIMELINE_EVENTS);
        return ApiResponse.ok(body).withVersion(f.order().version());
    }

    private static boolean names(Map<String, Object> data, String fulfillmentId) {
        if (fulfillmentId.equals(data.get("fulfillment_id"))) return true;
        return data.get("fulfillment_ids") instanceof List<?> ids && ids.contains(fulfillmentId);
    }

    private static ApiResponse one(int status, WarehouseFulfilments.Found f) { return one(status, f.order(), f.fulfillment()); }

    private static ApiResponse one(int status, Order order, Fulfillment f) {
        ObjectNode body = WarehouseViews.fulfilment(order, f);
        ApiResponse res = status == 201 ? ApiResponse.created(body, BASE + "/" + f.id()) : ApiResponse.ok(body);
        return res.withVersion(order.version());
    }
}
