package dev.oms.orders;

import static dev.oms.app.security.Permission.FULFILLMENTS_WRITE;
import static dev.oms.app.security.Permission.ORDERS_READ;
import static dev.oms.platform.http.Route.get;
import static dev.oms.platform.http.Route.post;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.FulfillmentService;
import dev.oms.domain.DomainException;
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
import dev.oms.platform.views.FulfillmentViews;
import dev.oms.platform.views.ShipmentRequests;
import java.time.Duration;
import java.util.Set;

/**
 * Seed 000 section 4: shipments. {@code POST /v1/orders/{orderId}/shipments} ships one or more fulfilments together;
 * a shipment named alone has its label ({@code format=pdf|zpl}, a presigned link once the label job has rendered it)
 * and its tracking (merged across parcels, refreshed from the carrier).
 */
public final class ShipmentsHandler extends ApiHandler {
    static final Duration LINK_TTL = Duration.ofMinutes(15);

    private final FulfilmentApi p;
    private final Routes routes;

    public ShipmentsHandler() { this(FulfilmentApi.get()); }

    ShipmentsHandler(FulfilmentApi p) {
        super(p.idempotency, p.clock);
        this.p = p;
        this.routes = Routes.of(
                post("/v1/orders/{orderId}/shipments", this::create).requires(FULFILLMENTS_WRITE),
                get("/v1/orders/shipments/{shipmentId}/label", this::label).requires(ORDERS_READ),
                get("/v1/orders/shipments/{shipmentId}/tracking", this::tracking).requires(ORDERS_READ));
    }

    @Override
    public Routes routes() { return routes; }

    /** {@code {"fulfillment_ids": [...], "tracking_numbers", "carrier", "service_code", "labels"|"label_reference", "weight_grams", "parcels", "dimensions"}}. */
    private ApiResponse create(ApiRequest r) {
        Body b = Body.parse(r.body());
        b.allow("fulfillment_ids", "tracking_numbers", "carrier", "service_code", "label_reference", "labels", "weight_grams", "parcels",
                "dimensions", "version");
        java.util.List<String> ids = b.strings("fulfillment_ids", true, 1, dev.oms.domain.order.ShipmentRequest.MAX_FULFILLMENTS, 64);
        ShipmentRequests.Parsed req = ShipmentRequests.parse(b, ids == null ? java.util.List.of() : ids);
        r.expectVersion(b.integer("version", false, 1, Long.MAX_VALUE));
        b.check();
        return r.execute(ShipmentsHandler::created, ctx -> p.fulfillments.ship(ctx, r.pathParam("orderId"), req.request(), req.parcelWeights()));
    }

    static ApiResponse created(FulfillmentService.Shipped s) {
        ObjectNode body = FulfillmentViews.shipment(s.order(), s.shipment());
        return ApiResponse.created(body, "/v1/orders/shipments/" + s.shipment().id() + "/tracking").withVersion(s.order().version());
    }

    /**
     * The label: 409 {@code shipment.label_pending} until the label job has rendered it (retry shortly); the sender's own
     * label reference when it brought one.
     */
    private ApiResponse label(ApiRequest r) {
        String format = r.query("format") == null ? "pdf" : r.query("format");
        if (!Set.of("pdf", "zpl").contains(format)) throw DomainException.invalidField("format", "field.not_allowed", "format must be pdf or zpl");
        Order order = p.fulfillments.orderOfShipment(r.command(), r.pathParam("shipmentId"));
        Shipment s = order.requireChild(Shipment.class, r.pathParam("shipmentId"), "shipment.not_found");
        ObjectNode o = Json.object().put("shipment_id", s.id()).put("order_id", order.id()).put("format", format);
        if (Shipment.LABEL_EXTERNAL.equals(s.labelStatus())) {
            o.put("source", "external").put("url", s.labelReference());
            return ApiResponse.ok(o);
        }
        if (!Shipment.LABEL_READY.equals(s.labelStatus())) {
            throw DomainException.conflict("shipment.label_pending", "The label of shipment " + s.id() + " is being rendered",
                    "Retry in a few seconds; shipment.label_ready is sent when it is there.");
        }
        String documentId = format.equals("zpl") ? s.zplDocumentId() : s.labelDocumentId();
        OrderDocument doc = order.requireChild(OrderDocument.class, documentId, "document.not_found");
        o.put("source", "rendered").put("document_id", doc.id()).put("content_type", doc.contentType()).put("size_bytes", doc.sizeBytes());
        o.put("url", p.documentStorage.downloadUrl(doc.storageKey(), doc.fileName(), LINK_TTL));
        o.put("expires_at", Times.format(p.clock.instant().plus(LINK_TTL)));
        return ApiResponse.ok(o);
    }

    private ApiResponse tracking(ApiRequest r) {
        FulfillmentService.TrackingView v = p.fulfillments.tracking(r.command(), r.pathParam("shipmentId"));
        return ApiResponse.ok(FulfillmentViews.tracking(v.order(), v.shipment(), v.refreshed())).withVersion(v.order().version());
    }
}
