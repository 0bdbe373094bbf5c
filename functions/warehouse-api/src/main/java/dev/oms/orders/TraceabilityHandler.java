package dev.oms.orders;

import static dev.oms.app.security.Permission.WAREHOUSE_PACK;
import static dev.oms.app.security.Permission.WAREHOUSE_PICK;
import static dev.oms.app.security.Permission.WAREHOUSE_READ;
import static dev.oms.platform.http.Route.get;
import static dev.oms.platform.http.Route.post;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.port.PackingStore.TraceLink;
import dev.oms.app.warehouse.WarehousePacking;
import dev.oms.domain.order.Fulfillment;
import dev.oms.domain.order.Shipment;
import dev.oms.platform.dynamo.DynamoPackingStore;
import dev.oms.platform.http.ApiHandler;
import dev.oms.platform.http.ApiProblem;
import dev.oms.platform.http.ApiRequest;
import dev.oms.platform.http.ApiResponse;
import dev.oms.platform.http.Body;
import dev.oms.platform.http.Routes;
import dev.oms.platform.json.Json;
import dev.oms.platform.json.Times;
import java.time.LocalDate;
import java.util.List;

/**
 * Seed 003 section 10: serials assigned to picked units, lots consumed on pick through the inventory port, and the
 * traceability of a serial or a lot: forward (orders, fulfilments, packages, shipments) and backward (lots, locations).
 */
final class TraceabilityHandler extends ApiHandler {
    private final WarehouseApi p;
    private final Routes routes;

    TraceabilityHandler(WarehouseApi p) {
        super(p.idempotency, p.clock);
        this.p = p;
        this.routes = Routes.of(
                post("/v1/fulfillment/serials/assign", this::assign).requires(WAREHOUSE_PACK),
                post("/v1/fulfillment/lot/consume", this::consume).requires(WAREHOUSE_PICK),
                get("/v1/fulfillment/traceability", this::trace).requires(WAREHOUSE_READ));
    }

    @Override
    public Routes routes() { return routes; }

    /** {@code {"fulfillment_id", "order_line_id", "serials": [...]}}. */
    private ApiResponse assign(ApiRequest r) {
        Body b = Body.parse(r.body());
        b.allow("fulfillment_id", "order_line_id", "serials");
        String fid = b.string("fulfillment_id", true, 128);
        String line = b.string("order_line_id", true, 64);
        List<String> serials = b.strings("serials", true, 1, 100, 128);
        b.check();
        return r.execute(x -> ApiResponse.ok(DynamoPackingStore.json(x)).withVersion(x.version()),
                ctx -> p.packing.assignSerials(ctx, fid, line, serials));
    }

    /** {@code {"fulfillment_id", "order_line_id", "location_id", "lot_id", "quantity", "ship_date", "min_shelf_life_days"}}. */
    private ApiResponse consume(ApiRequest r) {
        Body b = Body.parse(r.body());
        b.allow("fulfillment_id", "order_line_id", "location_id", "lot_id", "quantity", "ship_date", "min_shelf_life_days");
        String fid = b.string("fulfillment_id", true, 128);
        String line = b.string("order_line_id", true, 64);
        String location = b.string("location_id", true, 64);
        String lot = b.string("lot_id", true, 64);
        Long qty = b.integer("quantity", true, 1, 100_000);
        LocalDate ship = b.date("ship_date", false);
        Long shelf = b.integer("min_shelf_life_days", false, 0, 3650);
        b.check();
        LocalDate shipDate = ship;
        return r.execute(x -> {
            ObjectNode o = DynamoPackingStore.lotJson(x.consumption());
            o.put("fulfillment_id", x.packing().fulfillmentId()).put("order_id", x.packing().orderId()).put("line_consumed", x.packing().consumed(line));
            return ApiResponse.ok(o).withVersion(x.packing().version());
        }, ctx -> p.packing.consumeLot(ctx, fid, line, location, lot, qty, shipDate, shelf == null ? 0 : shelf.intValue()));
    }

    /** {@code ?serial=} or {@code ?lot=}, optionally {@code &sku=}. */
    private ApiResponse trace(ApiRequest r) {
        String serial = r.query("serial"), lot = r.query("lot"), sku = r.query("sku");
        if ((serial == null) == (lot == null)) {
            throw new ApiProblem(400, "traceability.query_required", "Give serial or lot (one of them)", "GET /v1/fulfillment/traceability?serial=SN-1");
        }
        String kind = serial != null ? TraceLink.SERIAL : TraceLink.LOT;
        String value = serial != null ? serial : lot;
        WarehousePacking.Trace t = p.packing.trace(r.command(), kind, value, sku);
        ObjectNode o = Json.object();
        o.put(kind, value).put("sku", sku).put("truncated", t.truncated());
        ArrayNode data = o.putArray("data");
        for (WarehousePacking.Trail x : t.trails()) {
            Fulfillment f = x.fulfillment();
            ObjectNode y = data.addObject().put("sku", x.link().sku()).put("order_id", x.order().id())
                    .put("order_line_id", x.link().lineId()).put("fulfillment_id", f.id()).put("quantity", x.link().quantity())
                    .put("warehouse_id", f.warehouseId()).put("fulfillment_status", f.status().wire()).put("warehouse_status", f.warehouseStatus().wire())
                    .put("recorded_at", Times.format(x.link().at()));
            if (x.pkg() == null) y.putNull("package");
            else y.set("package", Json.object().put("id", x.pkg().id()).put("status", x.pkg().status()).put("sealed_at", Times.format(x.pkg().sealedAt())));
            Shipment s = f.shipmentId() == null ? null : x.order().child(Shipment.class, f.shipmentId()).orElse(null);
            if (s == null) {
                y.putNull("shipment");
            } else {
                ObjectNode sh = y.putObject("shipment").put("id", s.id()).put("carrier", s.carrier()).put("status", s.statusWire())
                        .put("shipped_at", Times.format(s.createdAt())).put("delivered_at", Times.format(s.deliveredAt()));
                s.trackingNumbers().forEach(sh.putArray("tracking_numbers")::add);
            }
            ArrayNode origins = y.putArray("origins");
            for (WarehousePacking.Origin g : x.origins()) {
                origins.addObject().put("source", g.source()).put("warehouse_id", g.warehouseId()).put("location_id", g.locationId()).put("lot", g.lot())
                        .put("expiry", g.expiry() == null ? null : g.expiry().toString()).put("quantity", g.quantity());
            }
        }
        return ApiResponse.ok(o);
    }
}
