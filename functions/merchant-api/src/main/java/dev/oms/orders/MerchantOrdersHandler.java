package dev.oms.orders;

import static dev.oms.app.security.Permission.FULFILLMENTS_WRITE;
import static dev.oms.app.security.Permission.ORDERS_CANCEL;
import static dev.oms.app.security.Permission.ORDERS_READ;
import static dev.oms.app.security.Permission.ORDERS_SEARCH;
import static dev.oms.app.security.Permission.ORDERS_WRITE;
import static dev.oms.platform.http.Route.get;
import static dev.oms.platform.http.Route.patch;
import static dev.oms.platform.http.Route.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.merchant.MerchantStatus;
import dev.oms.app.search.OrderSearchDocument;
import dev.oms.app.search.SearchResult;
import dev.oms.app.search.SearchUnavailableException;
import dev.oms.domain.order.FulfillmentLine;
import dev.oms.domain.order.FulfillmentRequest;
import dev.oms.domain.order.Order;
import dev.oms.platform.http.ApiHandler;
import dev.oms.platform.http.ApiProblem;
import dev.oms.platform.http.ApiRequest;
import dev.oms.platform.http.ApiResponse;
import dev.oms.platform.http.Body;
import dev.oms.platform.http.Routes;
import dev.oms.platform.json.Json;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Seed 004, the seller orchestrator: six routes under {@code /merchant/api/v1/domains/{domainId}/orders} over the
 * canonical use cases (docs/merchant-api.md). A domain is its seller's tenant ({@link MerchantDomains}); amounts are
 * decimals; the order view is cached ({@code X-Cache: hit|miss}).
 */
public final class MerchantOrdersHandler extends ApiHandler {
    static final String BASE = "/merchant/api/v1/domains/{domainId}/orders";
    static final Set<String> CANCEL_REASONS = Set.of("customer_request", "out_of_stock", "fraud", "other");

    private final MerchantApi p;
    private final MerchantOrders orders;
    private final MerchantBulk bulk;
    private final Routes routes;

    public MerchantOrdersHandler() { this(MerchantApi.get()); }

    MerchantOrdersHandler(MerchantApi p) {
        super(p.idempotency, p.clock);
        this.p = p;
        this.orders = new MerchantOrders(p);
        this.bulk = new MerchantBulk(p, orders);
        this.routes = Routes.of(
                get(BASE, this::list).requires(ORDERS_SEARCH),
                patch(BASE + "/bulk", this::bulk).requires(ORDERS_WRITE),
                get(BASE + "/{orderId}", this::read).requires(ORDERS_READ),
                patch(BASE + "/{orderId}/status", this::status).requires(ORDERS_WRITE),
                post(BASE + "/{orderId}/fulfillments", this::fulfil).requires(FULFILLMENTS_WRITE),
                post(BASE + "/{orderId}/cancel", this::cancel).requires(ORDERS_CANCEL));
    }

    @Override
    public Routes routes() { return routes; }

    private ApiResponse list(ApiRequest r) {
        String domain = MerchantDomains.require(r);
        MerchantListQuery q = MerchantListQuery.read(r, p.cursors);
        if (p.search == null) throw unavailable("Search is not configured for this deployment (OMS_SEARCH_ENDPOINT)");
        SearchResult result;
        try {
            result = p.search.search(r.command(), q.query(), q.request());
        } catch (SearchUnavailableException e) {
            throw unavailable(e.getMessage());
        }
        ObjectNode o = Json.object();
        o.put("domain_id", domain);
        ArrayNode data = o.putArray("data");
        List<OrderSearchDocument> hits = result.hits();
        for (int i = q.skip(); i < hits.size(); i++) data.add(MerchantViews.summary(hits.get(i)));
        o.put("page", q.page());
        o.put("limit", q.limit());
        o.put("total", result.total());
        o.put("next_cursor", p.cursors.encode(result.nextPosition(), q.fingerprint()));
        o.put("has_more", result.nextPosition() != null);
        return ApiResponse.ok(o);
    }

    private ApiResponse read(ApiRequest r) {
        String domain = MerchantDomains.require(r);
        MerchantOrders.View v = orders.view(r.command(), domain, r.pathParam("orderId"));
        ObjectNode body = v.body();
        if (!r.caller().can(dev.oms.app.security.Permission.TIMELINE_READ)) {
            // the cached view is the same for every caller; the timeline is shown only to those who may read it
            body = body.deepCopy();
            body.putNull("timeline");
        }
        return ApiResponse.ok(body).withVersion(v.body().path("version").asLong()).withHeader("x-cache", v.hit() ? "hit" : "miss");
    }

    /** {@code {"status": "processing", "note": "...", "notify_customer": true}}. */
    private ApiResponse status(ApiRequest r) {
        String domain = MerchantDomains.require(r);
        Body b = Body.parse(r.body());
        b.allow("status", "note", "notify_customer");
        String status = b.oneOf("status", true, MerchantStatus.wires());
        String note = b.string("note", false, 500);
        Boolean notify = b.bool("notify_customer", false);
        b.check();
        MerchantOrders.Changed c = orders.changeStatus(r.command(), r.pathParam("orderId"), MerchantStatus.fromWire(status), note, Boolean.TRUE.equals(notify));
        ObjectNode o = Json.object();
        o.put("order_id", c.order().id());
        o.put("previous_status", c.plan().from().wire());
        o.put("status", MerchantStatus.of(c.order()).wire());
        o.put("canonical_status", c.order().status().wire());
        o.put("changed", c.plan().action() != MerchantStatus.Action.NONE);
        o.put("action", c.plan().action().name().toLowerCase(java.util.Locale.ROOT));
        o.put("version", c.order().version());
        links(o, domain, c.order().id());
        return ApiResponse.ok(o).withVersion(c.order().version());
    }

    /**
     * {@code {"items": [{"id": line id, "quantity", "name", "selling_price"}], "awb", "tracking_url", "provider_id": null,
     * "shipping_method", "notify_customer", "customer", "delivery_person", "pickup_address", "warehouse_id"}}.
     */
    private ApiResponse fulfil(ApiRequest r) {
        String domain = MerchantDomains.require(r);
        Body b = Body.parse(r.body());
        b.allow("items", "awb", "tracking_url", "provider_id", "shipping_method", "notify_customer", "customer", "delivery_person",
                "pickup_address", "warehouse_id");
        List<FulfillmentLine> lines = new ArrayList<>();
        List<Body> items = b.objects("items", true, 1, Order.MAX_LINES);
        if (items != null) {
            for (Body i : items) {
                i.allow("id", "name", "quantity", "selling_price");
                String id = i.string("id", true, 64);
                Long qty = i.integer("quantity", true, 1, 100_000);
                if (id != null && qty != null) lines.add(new FulfillmentLine(id, qty, null, List.of()));
            }
        }
        String awb = b.string("awb", true, 64);
        String url = b.string("tracking_url", false, 2000);
        if (url != null && !url.matches("https?://\\S+")) b.error("tracking_url", "field.format", "tracking_url is an http(s) URL");
        if (b.has("provider_id")) b.error("provider_id", "field.not_allowed", "integrated couriers ship through POST /v1/orders/{orderId}/shipments; this route records self-delivery and couriers without integration (provider_id null)");
        String method = b.string("shipping_method", false, 64);
        Boolean notify = b.bool("notify_customer", false);
        String warehouse = b.string("warehouse_id", false, 64);
        String carrierNote = MerchantFulfilments.note(b, awb, url);
        b.check();
        String carrier = method == null ? "Self-Delivery" : method;
        FulfillmentRequest req = new FulfillmentRequest(warehouse, lines, carrier, null, awb, null);
        MerchantOrders.Shipped s = orders.fulfil(r.command().withReason(carrierNote), r.pathParam("orderId"), req, carrier, awb, url, Boolean.TRUE.equals(notify));
        ObjectNode o = Json.object();
        o.put("order_id", s.order().id());
        o.set("fulfillment", dev.oms.platform.views.FulfillmentViews.fulfillment(s.order(), s.fulfillment()));
        o.put("shipment_id", s.shipmentId());
        o.put("awb", awb);
        o.put("tracking_url", url);
        o.put("fulfillment_status", s.order().state().fulfillmentStatus);
        o.put("status", MerchantStatus.of(s.order()).wire());
        o.put("version", s.order().version());
        links(o, domain, s.order().id());
        return ApiResponse.created(o, "/merchant/api/v1/domains/" + domain + "/orders/" + s.order().id()).withVersion(s.order().version());
    }

    /** {@code {"reason": enum, "cancel_reason_details", "refund", "refund_amount": 66.17, "restock", "notify_customer"}}. */
    private ApiResponse cancel(ApiRequest r) {
        String domain = MerchantDomains.require(r);
        Body b = Body.parse(r.body());
        b.allow("reason", "cancel_reason_details", "refund", "refund_amount", "restock", "notify_customer");
        String reason = b.oneOf("reason", true, CANCEL_REASONS);
        String details = b.string("cancel_reason_details", false, 500);
        Boolean refund = b.bool("refund", false);
        BigDecimal amount = decimal(b, "refund_amount");
        Boolean restock = b.bool("restock", false);
        Boolean notify = b.bool("notify_customer", false);
        if (Boolean.FALSE.equals(notify)) b.error("notify_customer", "field.not_allowed", "the cancel saga always tells the customer (when the order has an email address)");
        b.check();
        String why = reason + (details == null ? "" : ": " + details);
        MerchantOrders.Changed c = orders.cancel(r.command(), r.pathParam("orderId"), why, refund == null || refund, amount, restock == null || restock);
        ObjectNode o = Json.object();
        o.put("order_id", c.order().id());
        o.put("status", MerchantStatus.of(c.order()).wire());
        o.put("canonical_status", c.order().status().wire());
        o.set("cancellation", dev.oms.platform.dynamo.CancellationShapes.toJson((dev.oms.domain.order.Cancellation) c.detail()));
        String follow = "/v1/orders/" + c.order().id() + "/cancellations/" + ((dev.oms.domain.order.Cancellation) c.detail()).id();
        links(o, domain, c.order().id()).put("cancellation", follow);
        o.put("version", c.order().version());
        return ApiResponse.accepted(o).withHeader("location", follow).withVersion(c.order().version());
    }

    private ApiResponse bulk(ApiRequest r) {
        String domain = MerchantDomains.require(r);
        return ApiResponse.ok(bulk.run(r, domain));
    }

    static BigDecimal decimal(Body b, String field) {
        JsonNode n = b.node().get(field);
        if (n == null || n.isNull()) return null;
        if (!n.isNumber()) { b.error(field, "field.type", field + " must be a decimal number such as 66.17"); return null; }
        BigDecimal v = n.decimalValue();
        if (v.signum() < 0) { b.error(field, "field.out_of_range", field + " must not be negative"); return null; }
        return v;
    }

    static ObjectNode links(ObjectNode o, String domain, String orderId) {
        return o.putObject("links").put("order", "/merchant/api/v1/domains/" + domain + "/orders/" + orderId);
    }

    static ApiProblem unavailable(String detail) {
        return new ApiProblem(503, "search.unavailable", detail,
                "Retry later; one order is still served by GET /merchant/api/v1/domains/{domainId}/orders/{orderId}, which does not need the search engine.");
    }
}
