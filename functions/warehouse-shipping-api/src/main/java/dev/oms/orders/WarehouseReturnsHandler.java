package dev.oms.orders;

import static dev.oms.app.security.Permission.WAREHOUSE_QC;
import static dev.oms.app.security.Permission.WAREHOUSE_READ;
import static dev.oms.app.security.Permission.WAREHOUSE_RECEIVE;
import static dev.oms.app.security.Permission.WAREHOUSE_SHIP;
import static dev.oms.platform.http.Route.get;
import static dev.oms.platform.http.Route.post;

import dev.oms.app.ReturnService.Result;
import dev.oms.domain.order.Order;
import dev.oms.domain.order.ReturnDraft;
import dev.oms.domain.order.ReturnLine;
import dev.oms.domain.order.ReturnRequest;
import dev.oms.domain.warehouse.ReturnDisposition;
import dev.oms.platform.http.ApiHandler;
import dev.oms.platform.http.ApiRequest;
import dev.oms.platform.http.ApiResponse;
import dev.oms.platform.http.Body;
import dev.oms.platform.http.Routes;
import dev.oms.platform.views.ReturnViews;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Seed 003 section 6, returns intake at the warehouse. An intake record is the order's return (the RMA of
 * {@code /v1/orders/{orderId}/returns}): opening one goes through the canonical returns use case with its eligibility
 * rules (so a parcel that arrives without an RMA gets one), receiving and inspecting move the same return and its
 * return-order saga, and completing settles it through the canonical refund or store credit.
 */
public final class WarehouseReturnsHandler extends ApiHandler {
    static final Set<String> REASONS = Set.of("damaged", "customer_remorse", "wrong_item");

    private final WarehouseShippingApi p;
    private final Routes routes;

    public WarehouseReturnsHandler() { this(WarehouseShippingApi.get()); }

    WarehouseReturnsHandler(WarehouseShippingApi p) {
        super(p.idempotency, p.clock);
        this.p = p;
        this.routes = Routes.of(
                post("/v1/fulfillment/returns", this::create).requires(WAREHOUSE_RECEIVE),
                get("/v1/fulfillment/returns/{returnId}", this::read).requires(WAREHOUSE_READ),
                post("/v1/fulfillment/returns/{returnId}/receive", this::receive).requires(WAREHOUSE_RECEIVE),
                post("/v1/fulfillment/returns/{returnId}/inspect", this::inspect).requires(WAREHOUSE_QC),
                post("/v1/fulfillment/returns/{returnId}/complete", this::complete).requires(WAREHOUSE_QC),
                post("/v1/fulfillment/returns/{returnId}/ship-back-to-supplier", this::shipBack).requires(WAREHOUSE_SHIP));
    }

    @Override
    public Routes routes() { return routes; }

    /**
     * {@code {"order_id", "rma_reference", "reason", "expected_lines": [{"order_line_id", "qty"}], "return_method",
     * "destination_warehouse_id", "metadata"}}: the RMA reference and the destination warehouse are kept in the
     * return's metadata.
     */
    private ApiResponse create(ApiRequest r) {
        Body b = Body.parse(r.body());
        b.allow("order_id", "rma_reference", "reason", "expected_lines", "return_method", "destination_warehouse_id", "metadata");
        String orderId = b.string("order_id", true, 64);
        String rmaReference = b.string("rma_reference", false, 64);
        String reason = b.oneOf("reason", true, REASONS);
        String method = b.oneOf("return_method", true, Set.copyOf(ReturnRequest.METHODS));
        String warehouse = b.string("destination_warehouse_id", false, 64);
        Map<String, String> metadata = new LinkedHashMap<>(b.has("metadata") ? b.metadata("metadata", false) : Map.of());
        List<ReturnDraft.Item> items = new ArrayList<>();
        List<Body> lines = b.objects("expected_lines", true, 1, Order.MAX_LINES);
        if (lines != null) {
            for (Body l : lines) {
                l.allow("order_line_id", "qty");
                String lineId = l.string("order_line_id", true, 64);
                Long qty = l.integer("qty", true, 1, 100_000);
                if (lineId != null && qty != null) items.add(new ReturnDraft.Item(lineId, qty, reason));
            }
        }
        if (metadata.size() > 48) b.error("metadata", "metadata.too_many_keys", "metadata holds at most 48 keys here (rma_reference and destination_warehouse_id take two)");
        b.check();
        if (rmaReference != null) metadata.put("rma_reference", rmaReference);
        if (warehouse != null) metadata.put("destination_warehouse_id", warehouse);
        ReturnDraft draft = new ReturnDraft(items, method, "refund_to_card", null, metadata);
        var address = p.returnLabels.returnAddress(r.caller().tenantId());
        return r.execute(res -> ApiResponse.created(ReturnViews.created(res.order(), res.ret(), address), "/v1/fulfillment/returns/" + res.ret().id())
                .withVersion(res.order().version()), ctx -> p.returns.create(ctx, orderId, draft));
    }

    private ApiResponse read(ApiRequest r) { return view(p.returns.find(r.command(), r.pathParam("returnId"))); }

    /** {@code {"received_lines": [{"line_id", "qty", "condition", "serials"}]}}: partial receipts add up. */
    private ApiResponse receive(ApiRequest r) {
        Body b = Body.parse(r.body());
        b.allow("received_lines", "version");
        List<ReturnDraft.Receipt> receipts = new ArrayList<>();
        List<Body> lines = b.objects("received_lines", true, 1, Order.MAX_LINES);
        if (lines != null) {
            for (Body e : lines) {
                e.allow("line_id", "qty", "condition", "serials");
                String lineId = e.string("line_id", true, 64);
                Long qty = e.integer("qty", true, 1, 100_000);
                String condition = e.oneOf("condition", true, Set.copyOf(ReturnLine.CONDITIONS));
                List<String> serials = e.strings("serials", false, 0, 1000, 128);
                if (lineId != null && qty != null && condition != null) receipts.add(new ReturnDraft.Receipt(lineId, qty, condition, serials == null ? List.of() : serials));
            }
        }
        r.expectVersion(b.integer("version", false, 1, Long.MAX_VALUE));
        b.check();
        return r.execute(WarehouseReturnsHandler::view, ctx -> p.returns.receive(ctx, r.pathParam("returnId"), receipts));
    }

    /** {@code {"disposition": "reshelve|repair|scrap|quarantine", "restockable_qty", "approve", "notes"}} ({@link ReturnDisposition}). */
    private ApiResponse inspect(ApiRequest r) {
        Body b = Body.parse(r.body());
        b.allow("disposition", "restockable_qty", "approve", "notes", "version");
        String disposition = b.oneOf("disposition", true, Set.copyOf(ReturnDisposition.DISPOSITIONS));
        Long restockable = b.integer("restockable_qty", false, 0, 1_000_000);
        Boolean approve = b.bool("approve", false);
        String notes = b.string("notes", false, 500);
        r.expectVersion(b.integer("version", false, 1, Long.MAX_VALUE));
        b.check();
        String returnId = r.pathParam("returnId");
        return r.execute(WarehouseReturnsHandler::view, ctx -> {
            ReturnRequest current = p.returns.find(ctx, returnId).ret();
            List<ReturnDraft.Decision> decisions = ReturnDisposition.decisions(current.lines(), disposition, restockable, approve == null || approve, notes);
            return p.returns.inspect(ctx, returnId, decisions, null);
        });
    }

    /** {@code {"method": "refund_to_card|store_credit"}} (optional: the inspection's resolution); a settled return is answered as it is. */
    private ApiResponse complete(ApiRequest r) {
        Body b = Body.parseOptional(r.body());
        b.allow("method");
        String method = b.oneOf("method", false, Set.copyOf(ReturnRequest.REFUND_METHODS));
        b.check();
        return r.execute(res -> ApiResponse.ok(ReturnViews.settled(res.order(), res.ret())).withVersion(res.order().version()),
                ctx -> p.returnSettlements.issueRefund(ctx, r.pathParam("returnId"), method));
    }

    /**
     * {@code {"supplier_id", "from_warehouse_id", "to_address", "carrier_hint", "service_code", "packages"}}: the units
     * of the return that do not go back to stock, to the supplier under the return's RMA (a vendor shipment).
     */
    private ApiResponse shipBack(ApiRequest r) {
        Body b = Body.parse(r.body());
        b.allow("supplier_id", "from_warehouse_id", "to_address", "carrier_hint", "service_code", "packages");
        String supplier = b.string("supplier_id", true, 64);
        String from = b.string("from_warehouse_id", true, 64);
        var to = b.address("to_address", true);
        String carrier = b.string("carrier_hint", false, 64);
        String service = b.string("service_code", false, 64);
        List<Integer> weights = WarehouseVendorShipmentsHandler.weights(b);
        b.check();
        return r.execute(WarehouseVendorShipmentsHandler::created,
                ctx -> p.vendorShipments.shipBack(ctx, r.pathParam("returnId"), supplier, from, to, carrier, service, weights));
    }

    private static ApiResponse view(Result res) { return ApiResponse.ok(ReturnViews.ret(res.order(), res.ret())).withVersion(res.order().version()); }
}
