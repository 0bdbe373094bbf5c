package dev.oms.orders;

import static dev.oms.platform.http.Route.post;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.FulfillmentService;
import dev.oms.app.PostbackService;
import dev.oms.app.connector.CarrierService.TrackingReport;
import dev.oms.app.shipping.CarrierTracking;
import dev.oms.platform.http.ApiHandler;
import dev.oms.platform.http.ApiRequest;
import dev.oms.platform.http.ApiResponse;
import dev.oms.platform.http.Body;
import dev.oms.platform.http.Route;
import dev.oms.platform.http.Routes;
import dev.oms.platform.json.Json;
import dev.oms.platform.webhooks.InboundWebhooks;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Seed 003 section 13, carrier callbacks: {@code POST /v1/fulfillment/webhook/carrier} takes no token; the carrier (or
 * the aggregator) names the tenant in {@code X-Tenant-ID} and signs the message (Standard Webhooks) with the tenant's
 * {@code carrier} inbound secret. Each message id ({@code webhook-id}) is applied once; a tracking number of a shipment
 * moves its tracking and the order's shipping status (200), an unknown one is recorded (202). EasyPost signs with its own
 * scheme and keeps its route ({@code /v1/orders/webhook/carrier/easypost/{tenantId}}), into the same use case.
 */
final class CarrierWebhookHandler extends ApiHandler {
    static final String SOURCE = "carrier";
    static final Set<String> STATUSES = Set.of("label_created", "in_transit", "out_for_delivery", "delivered", "exception", "returned_to_sender");

    private final WarehouseShippingApi p;
    private final Routes routes;

    CarrierWebhookHandler(WarehouseShippingApi p) {
        super(p.idempotency, p.clock);
        this.p = p;
        this.routes = Routes.of(post("/v1/fulfillment/webhook/carrier", this::receive));
    }

    @Override
    public Routes routes() { return routes; }

    /** A message not signed with the tenant's carrier secret is 401 before its body is looked at. */
    @Override
    protected void authenticateSender(Route route, ApiRequest request) { p.inbound.verify(request, SOURCE); }

    private ApiResponse receive(ApiRequest r) {
        InboundWebhooks.Verified v = p.inbound.verify(r, SOURCE);
        ApiRequest asSender = r.withCaller(PostbackService.caller(v.tenantId(), SOURCE));
        return once(asSender, v.tenantId(), "webhook\n" + SOURCE + "\n" + v.messageId(), SOURCE,
                seen -> ApiResponse.ok(Json.object().put("duplicate", true)), q -> apply(q, v.messageId()));
    }

    /**
     * {@code {"type": "tracking.updated", "data": {"tracking_number", "status", "occurred_at", "location", "description",
     * "carrier", "shipment_id", "event_id"}}}: {@code shipment_id} is the reference the OMS gave the carrier when booking.
     */
    private ApiResponse apply(ApiRequest r, String messageId) {
        Body b = Body.parse(r.body());
        b.allow("type", "timestamp", "data");
        String type = b.string("type", true, 64);
        if (type != null && !type.equals("tracking.updated")) b.error("type", "field.not_allowed", "type is tracking.updated");
        b.string("timestamp", false, 64);
        Body data = b.object("data", true);
        String number = null, status = null, location = null, description = null, carrier = null, shipment = null, eventId = null;
        Instant at = null;
        if (data != null) {
            data.allow("tracking_number", "status", "occurred_at", "location", "description", "carrier", "shipment_id", "event_id");
            number = data.string("tracking_number", true, 64);
            status = data.oneOf("status", true, STATUSES);
            at = data.time("occurred_at", false);
            location = data.string("location", false, 200);
            description = data.string("description", false, 500);
            carrier = data.string("carrier", false, 64);
            shipment = data.string("shipment_id", false, 128);
            eventId = data.string("event_id", false, 128);
        }
        b.check();
        List<TrackingReport> reports = List.of(new TrackingReport(eventId != null ? eventId : messageId, number, status, at, location, description));
        String trackingNumber = number, carrierName = carrier, reference = shipment;
        return r.execute(x -> {
            ObjectNode o = Json.object().put("received", true);
            if (x instanceof FulfillmentService.Shipped s) {
                return ApiResponse.ok(o.put("matched", true).put("tracking_number", trackingNumber).put("order_id", s.order().id())
                        .put("shipment_id", s.shipment().id()).put("status", s.shipment().statusWire()));
            }
            return ApiResponse.accepted(o.put("matched", false).put("tracking_number", ((CarrierTracking.Unmatched) x).trackingNumber()));
        }, ctx -> p.carrierTracking.receive(ctx, carrierName, reference, trackingNumber, reports));
    }
}
