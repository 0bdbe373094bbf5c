package dev.oms.orders;

import static dev.oms.platform.http.Route.post;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oms.app.PostbackService;
import dev.oms.domain.money.Money;
import dev.oms.domain.order.Order;
import dev.oms.platform.http.ApiHandler;
import dev.oms.platform.http.ApiRequest;
import dev.oms.platform.http.ApiResponse;
import dev.oms.platform.http.Body;
import dev.oms.platform.http.Route;
import dev.oms.platform.http.Routes;
import dev.oms.platform.json.Json;
import dev.oms.platform.webhooks.InboundWebhooks;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Seed 000 section 10, inbound: what the payment service, the 3PL/WMS and billing tell the OMS. The routes need no
 * token; the sender signs each message (Standard Webhooks) with its secret for the tenant named by X-Tenant-ID.
 * A message id ({@code webhook-id}) seen before answers {@code {"duplicate": true}} without doing anything again: the
 * id is stored with the change it caused, in the same transaction.
 */
public final class InboundWebhooksHandler extends ApiHandler {
    /** What of an external update's data goes on the timeline: top-level scalar fields, cut short. */
    static final int MAX_SUMMARY_FIELDS = 20;
    static final int MAX_SUMMARY_TEXT = 200;

    private final FulfilmentApi p;
    private final Routes routes;

    public InboundWebhooksHandler() { this(FulfilmentApi.get()); }

    InboundWebhooksHandler(FulfilmentApi p) {
        super(p.idempotency, p.clock);
        this.p = p;
        this.routes = Routes.of(
                post("/v1/orders/webhook/payment", r -> receive(r, "payment", this::payment)),
                post("/v1/orders/webhook/fulfillment", r -> receive(r, "fulfillment", this::fulfillment)),
                post("/v1/orders/webhook/invoice", r -> receive(r, "invoice", q -> external(q, "invoice", "invoice_id"))));
    }

    @Override
    public Routes routes() { return routes; }

    /** A message that is not signed by the tenant's source is 401 before its body is looked at (the contract check). */
    @Override
    protected void authenticateSender(Route route, ApiRequest request) {
        p.inbound.verify(request, route.path().substring(route.path().lastIndexOf('/') + 1));
    }

    /** Verifies the sender, then applies the message once per message id, acting as the tenant's {@code webhook:<source>}. */
    private ApiResponse receive(ApiRequest r, String source, Route.Endpoint apply) {
        InboundWebhooks.Verified v = p.inbound.verify(r, source);
        ApiRequest asSender = r.withCaller(PostbackService.caller(v.tenantId(), source));
        return once(asSender, v.tenantId(), "webhook\n" + source + "\n" + v.messageId(), source,
                seen -> ApiResponse.ok(Json.object().put("duplicate", true)), apply);
    }

    /** {@code {"type": "payment.captured", "data": {"payment_id", "order_id", "amount"?}}}. */
    private ApiResponse payment(ApiRequest r) {
        Body b = Body.parse(r.body());
        b.allow("type", "timestamp", "data");
        String type = b.oneOf("type", true, PostbackService.PAYMENT_STATUS_BY_TYPE.keySet());
        b.string("timestamp", false, 64);
        Body data = b.object("data", true);
        String paymentId = null, orderId = null;
        Money amount = null;
        if (data != null) {
            data.allow("payment_id", "order_id", "amount");
            paymentId = data.string("payment_id", true, 128);
            orderId = data.string("order_id", true, 128);
            amount = data.money("amount", false, null);
        }
        b.check();
        String payment = paymentId, order = orderId;
        Money paid = amount;
        return r.execute(InboundWebhooksHandler::received, ctx -> p.postbacks.paymentUpdated(ctx, order, payment, type, paid));
    }

    /**
     * {@code {"type": "<source>.<what happened>", "data": {"order_id", "<source>_id", ...}}}: goes on the order's timeline;
     * what it means for fulfilments and invoices comes with those aggregates.
     */
    private ApiResponse external(ApiRequest r, String source, String idField) {
        Body b = Body.parse(r.body());
        b.allow("type", "timestamp", "data");
        String type = b.string("type", true, 64);
        if (type != null && !type.matches(source + "\\.[a-z_]{1,48}")) {
            b.error("type", "field.not_allowed", "type must be " + source + ".<what happened>, such as " + source + ".updated");
        }
        b.string("timestamp", false, 64);
        Body data = b.object("data", true);
        String orderId = data == null ? null : data.string("order_id", true, 128);
        String externalId = data == null ? null : data.string(idField, true, 128);
        b.check();
        Map<String, Object> summary = summary(data.node(), idField);
        return r.execute(InboundWebhooksHandler::received, ctx -> p.postbacks.externalUpdate(ctx, orderId, source, type, externalId, summary));
    }

    /**
     * What the 3PL/WMS or a carrier integration says about a fulfilment: {@code fulfillment.shipped} ships it (see
     * {@link #shipped}); a tracking report
     * ({@code "data": {"order_id", "fulfillment_id", "shipment_id"?, "tracking_number", "status", "occurred_at"?,
     * "location"?, "description"?, "event_id"?}}) moves the shipment's tracking; {@code fulfillment.delivered} without
     * one confirms the receipt; anything else goes on the order's timeline.
     */
    private ApiResponse fulfillment(ApiRequest r) {
        Body b = Body.parse(r.body());
        Body data = b.object("data", false);
        if ("fulfillment.shipped".equals(b.node().path("type").asText()) && data != null && data.has("tracking_numbers")) return shipped(r, b, data);
        boolean tracking = data != null && data.has("tracking_number") && data.has("status");
        if (!tracking && !"fulfillment.delivered".equals(b.node().path("type").asText())) return external(r, "fulfillment", "fulfillment_id");
        b.allow("type", "timestamp", "data");
        String type = b.string("type", true, 64);
        if (type != null && !type.matches("fulfillment\\.[a-z_]{1,48}")) {
            b.error("type", "field.not_allowed", "type must be fulfillment.<what happened>, such as fulfillment.tracking_updated");
        }
        b.string("timestamp", false, 64);
        if (data == null) {
            b.error("data", "field.required", "data is required: which order and fulfilment was delivered");
            b.check();
        }
        data.allow("order_id", "fulfillment_id", "shipment_id", "tracking_number", "status", "occurred_at", "location", "description", "event_id");
        String orderId = data.string("order_id", true, 128);
        String fulfillmentId = data.string("fulfillment_id", !tracking || !data.has("shipment_id"), 128);
        String shipmentId = data.string("shipment_id", false, 128);
        String trackingNumber = data.string("tracking_number", false, 64);
        String status = tracking ? data.oneOf("status", true, TRACKING_STATUSES) : null;
        java.time.Instant at = data.time("occurred_at", false);
        String location = data.string("location", false, 200);
        String description = data.string("description", false, 500);
        String eventId = data.string("event_id", false, 128);
        b.check();
        if (!tracking) {
            return r.execute(c -> received(c.order()), ctx -> p.fulfillments.confirmReceipt(ctx, orderId, fulfillmentId, "webhook:fulfillment", type));
        }
        var report = new dev.oms.app.connector.CarrierService.TrackingReport(eventId, trackingNumber, status, at, location, description);
        return r.execute(s -> received(s.order()), ctx -> {
            String shipment = shipmentId != null ? shipmentId : p.fulfillments.order(ctx, orderId)
                    .requireChild(dev.oms.domain.order.Fulfillment.class, fulfillmentId, "fulfillment.not_found").shipmentId();
            if (shipment == null) {
                throw dev.oms.domain.DomainException.conflict("fulfillment.not_shipped", "Fulfilment " + fulfillmentId + " has not shipped",
                        "Ship the fulfilment before sending its tracking.");
            }
            return p.fulfillments.track(ctx, orderId, shipment, java.util.List.of(report), "webhook");
        });
    }

    /**
     * {@code {"type": "fulfillment.shipped", "data": {"order_id", "fulfillment_id", "tracking_numbers": [...], "carrier"?,
     * "service_code"?, "label_reference"?}}}: an open fulfilment of the OMS ships (a fulfill-order saga waiting for it
     * goes on); a fulfilment the OMS does not know (the 3PL's own id) goes on the timeline.
     */
    private ApiResponse shipped(ApiRequest r, Body b, Body data) {
        b.allow("type", "timestamp", "data");
        b.string("timestamp", false, 64);
        data.allow("order_id", "fulfillment_id", "tracking_numbers", "carrier", "service_code", "label_reference");
        String orderId = data.string("order_id", true, 128);
        String fulfillmentId = data.string("fulfillment_id", true, 128);
        dev.oms.platform.views.ShipmentRequests.Parsed req = dev.oms.platform.views.ShipmentRequests.parse(data,
                fulfillmentId == null ? java.util.List.of() : java.util.List.of(fulfillmentId));
        b.check();
        boolean ours = p.fulfillments.order(r.command(), orderId).child(dev.oms.domain.order.Fulfillment.class, fulfillmentId).isPresent();
        if (!ours) return external(r, "fulfillment", "fulfillment_id");
        return r.execute(s -> received(s.order()), ctx -> p.fulfillments.ship(ctx, orderId, req.request(), req.parcelWeights()));
    }

    static final java.util.Set<String> TRACKING_STATUSES = java.util.Set.of("label_created", "in_transit", "out_for_delivery",
            "delivered", "exception", "returned_to_sender");

    /**
     * The scalar fields of the data besides the ids, at most {@link #MAX_SUMMARY_FIELDS}: long texts cut short, numbers
     * that are not whole or do not fit a long kept as text.
     */
    static Map<String, Object> summary(JsonNode data, String idField) {
        Map<String, Object> out = new LinkedHashMap<>();
        data.properties().forEach(e -> {
            JsonNode v = e.getValue();
            if (out.size() >= MAX_SUMMARY_FIELDS || e.getKey().equals("order_id") || e.getKey().equals(idField)) return;
            if (v.isTextual()) out.put(e.getKey(), v.textValue().length() > MAX_SUMMARY_TEXT ? v.textValue().substring(0, MAX_SUMMARY_TEXT) : v.textValue());
            else if (v.isNumber()) out.put(e.getKey(), v.canConvertToLong() && v.isIntegralNumber() ? (Object) v.longValue() : v.asText());
            else if (v.isBoolean()) out.put(e.getKey(), v.booleanValue());
        });
        return out;
    }

    private static ApiResponse received(Order order) {
        return ApiResponse.ok(Json.object().put("received", true).put("order_id", order.id()));
    }
}
