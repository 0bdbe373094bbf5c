package dev.oms.orders;

import static dev.oms.app.security.Permission.WAREHOUSE_READ;
import static dev.oms.app.security.Permission.WAREHOUSE_SHIP;
import static dev.oms.platform.http.Route.get;
import static dev.oms.platform.http.Route.post;

import dev.oms.app.FulfillmentService;
import dev.oms.domain.DomainException;
import dev.oms.domain.job.JobKind;
import dev.oms.domain.order.Order;
import dev.oms.domain.order.Shipment;
import dev.oms.domain.order.ShipmentRequest;
import dev.oms.platform.http.ApiHandler;
import dev.oms.platform.http.ApiRequest;
import dev.oms.platform.http.ApiResponse;
import dev.oms.platform.http.Body;
import dev.oms.platform.http.Routes;
import dev.oms.platform.jobs.JobSubmission;
import dev.oms.platform.views.FulfillmentViews;
import dev.oms.platform.views.ShipmentLabelViews;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Seed 003 section 4 for the warehouse: a shipment of a packed fulfilment, its label and its tracking. A warehouse
 * shipment is the order's shipment (one record, two views): creating one ships the fulfilment through the canonical
 * use case ({@link FulfillmentService#ship}), so the carrier books the parcels (the label is bought once, under the key
 * {@code ship:<fulfilment>}), the order's {@code shipping_status} moves and {@code shipment.created} starts the label job.
 */
public final class WarehouseShipmentsHandler extends ApiHandler {
    static final Set<String> FORMATS = Set.of("pdf", "zpl", "png");
    /** Shipments per bulk label job (its parameters stay far below DynamoDB's item size). */
    static final int MAX_BULK_LABELS = 500;
    /** Shipments examined per page of the list: each reads its order. */
    static final int MAX_LIST_LIMIT = 50;
    static final Set<String> STATUSES = Set.of("label_created", "in_transit", "out_for_delivery", "delivered", "exception", "returned_to_sender");

    private final WarehouseShippingApi p;
    private final Routes routes;

    public WarehouseShipmentsHandler() { this(WarehouseShippingApi.get()); }

    WarehouseShipmentsHandler(WarehouseShippingApi p) {
        super(p.idempotency, p.clock);
        this.p = p;
        this.routes = Routes.of(
                post("/v1/fulfillment/shipments", this::create).requires(WAREHOUSE_SHIP),
                get("/v1/fulfillment/shipments/{shipmentId}", this::read).requires(WAREHOUSE_READ),
                post("/v1/fulfillment/shipments/{shipmentId}/generate-label", this::generateLabel).requires(WAREHOUSE_SHIP),
                get("/v1/fulfillment/shipments/{shipmentId}/label", this::label).requires(WAREHOUSE_READ),
                post("/v1/fulfillment/shipments/{shipmentId}/track", this::track).requires(WAREHOUSE_SHIP),
                get("/v1/fulfillment/shipments", this::list).requires(WAREHOUSE_READ),
                post("/v1/fulfillment/shipments/{shipmentId}/schedule-pickup", this::schedulePickup).requires(WAREHOUSE_SHIP),
                post("/v1/fulfillment/shipments/{shipmentId}/book", this::book).requires(WAREHOUSE_SHIP),
                post("/v1/fulfillment/shipments/{shipmentId}/cancel", this::cancel).requires(WAREHOUSE_SHIP),
                post("/v1/fulfillment/shipments/bulk-generate-labels", this::bulkGenerateLabels).requires(WAREHOUSE_SHIP));
    }

    @Override
    public Routes routes() { return routes; }

    /**
     * {@code {"fulfillment_id", "packages": [{"weight_grams", "dimensions": {"length_mm", "width_mm", "height_mm"}}],
     * "carrier_hint", "service_code", "version"}}: one parcel per package (dimensions only for a single package: the
     * shipment records one size).
     */
    private ApiResponse create(ApiRequest r) {
        Body b = Body.parse(r.body());
        b.allow("fulfillment_id", "packages", "carrier_hint", "service_code", "version");
        String fulfillmentId = b.string("fulfillment_id", true, 64);
        List<Body> packages = b.objects("packages", true, 1, ShipmentRequest.MAX_PARCELS);
        String carrier = b.string("carrier_hint", false, 64);
        String service = b.string("service_code", false, 64);
        List<Integer> weights = new ArrayList<>();
        Shipment.Dimensions dimensions = null;
        if (packages != null) {
            for (Body pkg : packages) {
                pkg.allow("weight_grams", "dimensions");
                Long w = pkg.integer("weight_grams", true, 1, 1_000_000);
                if (w != null) weights.add(w.intValue());
                Body d = pkg.object("dimensions", false);
                if (d != null) {
                    if (packages.size() > 1) {
                        pkg.error("dimensions", "dimensions.single_package_only", "dimensions are recorded for a shipment of one package");
                        continue;
                    }
                    d.allow("length_mm", "width_mm", "height_mm");
                    Long l = d.integer("length_mm", true, 1, 10_000), wd = d.integer("width_mm", true, 1, 10_000), h = d.integer("height_mm", true, 1, 10_000);
                    if (l != null && wd != null && h != null) dimensions = new Shipment.Dimensions(l.intValue(), wd.intValue(), h.intValue());
                }
            }
        }
        r.expectVersion(b.integer("version", false, 1, Long.MAX_VALUE));
        b.check();
        Integer total = weights.size() == (packages == null ? 0 : packages.size()) ? weights.stream().mapToInt(Integer::intValue).sum() : null;
        ShipmentRequest req = new ShipmentRequest(List.of(fulfillmentId), carrier, service, List.of(), null, total, dimensions);
        return r.execute(s -> ApiResponse.created(FulfillmentViews.shipment(s.order(), s.shipment()), "/v1/fulfillment/shipments/" + s.shipment().id())
                        .withVersion(s.order().version()),
                ctx -> p.fulfillments.ship(ctx, p.fulfillments.transactions().orderIdOfChild(ctx, fulfillmentId, "fulfillment.not_found"), req, weights));
    }

    private ApiResponse read(ApiRequest r) {
        Order order = p.fulfillments.orderOfShipment(r.command(), r.pathParam("shipmentId"));
        Shipment s = order.requireChild(Shipment.class, r.pathParam("shipmentId"), "shipment.not_found");
        return ApiResponse.ok(FulfillmentViews.shipment(order, s)).withVersion(order.version());
    }

    /**
     * {@code {"label_format": "pdf|zpl|png"}}: the label of the parcels the carrier booked when the shipment was created,
     * rendered now if the label job has not yet (a ready label is answered as it is: nothing is bought or rendered twice).
     */
    private ApiResponse generateLabel(ApiRequest r) {
        Body b = Body.parseOptional(r.body());
        b.allow("label_format");
        String format = b.oneOf("label_format", false, FORMATS);
        b.check();
        String shipmentId = r.pathParam("shipmentId");
        String wanted = format == null ? "pdf" : format;
        return r.execute(o -> ApiResponse.ok(ShipmentLabelViews.label(o, o.requireChild(Shipment.class, shipmentId, "shipment.not_found"), wanted,
                p.documentStorage, p.clock)).withVersion(o.version()), ctx -> {
            Order order = p.fulfillments.orderOfShipment(ctx, shipmentId);
            p.shipmentLabels.render(ctx.tenantId(), order.id(), shipmentId);
            return p.fulfillments.orderOfShipment(ctx, shipmentId);
        });
    }

    private ApiResponse label(ApiRequest r) {
        String format = r.query("format") == null ? "pdf" : r.query("format");
        if (!FORMATS.contains(format)) throw DomainException.invalidField("format", "field.not_allowed", "format must be pdf, zpl or png");
        Order order = p.fulfillments.orderOfShipment(r.command(), r.pathParam("shipmentId"));
        Shipment s = order.requireChild(Shipment.class, r.pathParam("shipmentId"), "shipment.not_found");
        return ApiResponse.ok(ShipmentLabelViews.label(order, s, format, p.documentStorage, p.clock));
    }

    /** {@code ?warehouse_id=&status=&limit=&cursor=}: newest first; a page examines at most {@code limit} (1-50) shipments. */
    private ApiResponse list(ApiRequest r) {
        String warehouse = r.query("warehouse_id");
        String status = r.query("status");
        if (status != null && !STATUSES.contains(status)) throw DomainException.invalidField("status", "field.not_allowed", "status must be one of " + STATUSES);
        String limit = r.query("limit");
        if (limit != null && limit.matches("\\d{1,3}") && Integer.parseInt(limit) > MAX_LIST_LIMIT) {
            throw DomainException.invalidField("limit", "field.out_of_range", "limit must be between 1 and " + MAX_LIST_LIMIT);
        }
        String fingerprint = "warehouse-shipments|" + warehouse + "|" + status;
        var page = p.operations.list(r.command(), warehouse, status, r.page(p.cursors, fingerprint));
        return dev.oms.platform.http.Pages.render(page, l -> FulfillmentViews.shipment(l.order(), l.shipment()), p.cursors, fingerprint);
    }

    /** {@code {"earliest", "latest", "instructions"}}: a carrier pickup of the parcels within the window. */
    private ApiResponse schedulePickup(ApiRequest r) {
        Body b = Body.parse(r.body());
        b.allow("earliest", "latest", "instructions");
        java.time.Instant earliest = b.time("earliest", true);
        java.time.Instant latest = b.time("latest", true);
        String instructions = b.string("instructions", false, 500);
        b.check();
        return r.execute(s -> {
            var o = dev.oms.platform.json.Json.object().put("shipment_id", s.shipment().id()).put("order_id", s.order().id())
                    .put("pickup_id", s.pickup().id()).put("carrier", s.pickup().carrier()).put("confirmation", s.pickup().confirmation())
                    .put("earliest", dev.oms.platform.json.Times.format(s.pickup().earliest())).put("latest", dev.oms.platform.json.Times.format(s.pickup().latest()));
            s.shipment().trackingNumbers().forEach(o.putArray("tracking_numbers")::add);
            return ApiResponse.ok(o).withVersion(s.order().version());
        }, ctx -> p.operations.schedulePickup(ctx, r.pathParam("shipmentId"), earliest, latest, instructions));
    }

    /**
     * {@code {"reason", "version"}} (both optional): cancels a shipment the carrier has not taken, voiding its label
     * ({@link dev.oms.app.shipping.ShipmentCancellations}); answers the shipment, now {@code cancelled}.
     */
    private ApiResponse cancel(ApiRequest r) {
        Body b = Body.parseOptional(r.body());
        b.allow("reason", "version");
        String reason = b.string("reason", false, 500);
        r.expectVersion(b.integer("version", false, 1, Long.MAX_VALUE));
        b.check();
        return r.execute(c -> ApiResponse.ok(FulfillmentViews.shipment(c.order(), c.shipment())).withVersion(c.order().version()),
                ctx -> p.cancellations.cancel(ctx, r.pathParam("shipmentId"), reason));
    }

    /** Puts the shipment on its warehouse's draft manifest for its carrier and dispatch day (an empty body). */
    private ApiResponse book(ApiRequest r) {
        Body.parseOptional(r.body()).allow().check();
        return r.execute(m -> ApiResponse.ok(ShippingViews.manifest(m, r.caller().tenantId(), p.documentStorage)).withVersion(m.version()),
                ctx -> p.manifests.book(ctx, r.pathParam("shipmentId")));
    }

    /**
     * {@code {"shipment_ids": [...], "label_format"}}: a {@code shipment_labels} job that renders up to 500 shipments'
     * labels (each as {@code generate-label} does; nothing is bought), polled at {@code /v1/fulfillment/jobs/{jobId}}.
     */
    private ApiResponse bulkGenerateLabels(ApiRequest r) {
        Body b = Body.parse(r.body());
        b.allow("shipment_ids", "label_format");
        List<String> ids = b.strings("shipment_ids", true, 1, MAX_BULK_LABELS, 64);
        String format = b.oneOf("label_format", false, FORMATS);
        b.check();
        if (ids.size() != Set.copyOf(ids).size()) throw DomainException.invalidField("shipment_ids", "shipment_ids.duplicate", "A shipment may appear once");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("shipments", ids.stream().map(id -> Map.of("shipment_id", id)).toList());
        params.put("label_format", format == null ? "pdf" : format);
        return JobSubmission.submit(r, p.jobs, p.jobs.service.newId(), JobKind.SHIPMENT_LABELS, params, false, view -> { });
    }

    /** Asks the carrier for every parcel now and merges what is new (an empty body). */
    private ApiResponse track(ApiRequest r) {
        Body.parseOptional(r.body()).allow().check();
        return r.execute(v -> ApiResponse.ok(FulfillmentViews.tracking(v.order(), v.shipment(), v.refreshed())).withVersion(v.order().version()),
                ctx -> p.fulfillments.tracking(ctx, r.pathParam("shipmentId")));
    }
}
