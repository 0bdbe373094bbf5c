package dev.oms.orders;

import static dev.oms.app.security.Permission.ORDERS_READ;
import static dev.oms.app.security.Permission.RETURNS_CREATE;
import static dev.oms.platform.http.Route.post;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.ReturnService;
import dev.oms.app.customer.CustomerSelfService;
import dev.oms.app.customer.CustomerSelfService.CancelOutcome;
import dev.oms.app.customer.CustomerSelfService.ReturnPreview;
import dev.oms.domain.order.Address;
import dev.oms.domain.order.Order;
import dev.oms.domain.order.ReturnDraft;
import dev.oms.domain.order.ReturnRequest;
import dev.oms.platform.http.ApiRequest;
import dev.oms.platform.http.ApiResponse;
import dev.oms.platform.http.Body;
import dev.oms.platform.http.Route;
import dev.oms.platform.http.Routes;
import dev.oms.platform.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Seed 001 section 1, acting: a customer's requests on its own order. Each goes through a canonical use case (the
 * cancellation saga or a request for an agent, the returns use case, the order's details change) and is checked by the
 * same rules that the order view's {@code available_actions} shows. Every one honours {@code Idempotency-Key}.
 */
public final class CustomerRequestsHandler extends dev.oms.platform.http.ApiHandler {
    static final int MAX_RETURN_LINES = 50;
    /** The customer's words for the refund destinations of the returns use case. */
    static final Map<String, String> REFUNDS = Map.of("card", "refund_to_card", "store_credit", "store_credit");

    private final CustomerApi p;
    private final Routes routes;

    public CustomerRequestsHandler() { this(CustomerApi.get()); }

    CustomerRequestsHandler(CustomerApi p) {
        super(p.idempotency, p.clock);
        this.p = p;
        this.routes = Routes.of(
                CustomerOnly.route(post("/v1/customer/orders/{orderId}/cancel-request", this::cancel), ORDERS_READ),
                CustomerOnly.route(post("/v1/customer/orders/{orderId}/return-request", this::returnRequest), RETURNS_CREATE),
                CustomerOnly.route(post("/v1/customer/orders/{orderId}/replace-request", this::replaceRequest), RETURNS_CREATE),
                CustomerOnly.route(post("/v1/customer/orders/{orderId}/update-address", this::updateAddress), ORDERS_READ));
    }

    @Override
    public Routes routes() { return routes; }

    /** {@code {"reason": "..."}} (optional). */
    private ApiResponse cancel(ApiRequest r) {
        Body b = Body.parseOptional(r.body());
        b.allow("reason");
        String reason = b.string("reason", false, 500);
        b.check();
        String orderId = r.pathParam("orderId");
        return r.execute(CustomerRequestsHandler::cancelAnswer, ctx -> p.selfService.requestCancellation(ctx, orderId,
                reason == null ? "Requested by the customer" : reason));
    }

    private static ApiResponse cancelAnswer(CancelOutcome c) {
        ObjectNode x = Json.object();
        x.put("request_id", c.requestId());
        x.put("order_id", c.order().id());
        x.put("status", c.status());
        ArrayNode blocked = x.putArray("blocked_reasons");
        c.blockedReasons().forEach(blocked::add);
        x.put("order_status", c.order().status().wire());
        return ApiResponse.accepted(x).withHeader("location", "/v1/customer/orders/" + c.order().id()).withVersion(c.order().version());
    }

    /**
     * {@code {"lines": [{"line_id", "quantity", "reason_code"}], "return_method": "ship|dropoff|pickup",
     * "preferred_refund": "card|store_credit", "dry_run": false}}.
     */
    private ApiResponse returnRequest(ApiRequest r) {
        Body b = Body.parse(r.body());
        b.allow("lines", "return_method", "preferred_refund", "dry_run");
        List<ReturnDraft.Item> items = items(b);
        String method = b.oneOf("return_method", true, Set.copyOf(ReturnRequest.METHODS));
        String preferred = b.oneOf("preferred_refund", false, REFUNDS.keySet());
        Boolean dryRun = b.bool("dry_run", false);
        b.check();
        ReturnDraft draft = new ReturnDraft(items, method, REFUNDS.get(preferred == null ? "card" : preferred), null, Map.of("source", "customer_api"));
        return submit(r, draft, Boolean.TRUE.equals(dryRun));
    }

    /** {@code {"lines": [...], "return_method": "...", "dry_run": false}}: a return settled by an exchange for the same items. */
    private ApiResponse replaceRequest(ApiRequest r) {
        Body b = Body.parse(r.body());
        b.allow("lines", "return_method", "dry_run");
        List<ReturnDraft.Item> items = items(b);
        String method = b.oneOf("return_method", true, Set.copyOf(ReturnRequest.METHODS));
        Boolean dryRun = b.bool("dry_run", false);
        b.check();
        ReturnDraft draft = CustomerSelfService.asExchange(new ReturnDraft(items, method, "refund_to_card", null, Map.of("source", "customer_api")));
        return submit(r, draft, Boolean.TRUE.equals(dryRun));
    }

    private static List<ReturnDraft.Item> items(Body b) {
        return dev.oms.platform.http.ReturnLines.read(b, MAX_RETURN_LINES);
    }

    private ApiResponse submit(ApiRequest r, ReturnDraft draft, boolean dryRun) {
        String orderId = r.pathParam("orderId");
        Address returnAddress = p.settings.returnAddress(r.caller().tenantId());
        if (dryRun) return r.execute(preview -> previewAnswer(preview, returnAddress), ctx -> p.selfService.previewReturn(ctx, orderId, draft));
        return r.execute(res -> created(res, returnAddress), ctx -> p.selfService.requestReturn(ctx, orderId, draft));
    }

    private static ApiResponse created(ReturnService.Result res, Address returnAddress) {
        return ApiResponse.created(CustomerViews.ret(res.order(), res.ret(), returnAddress), "/v1/customer/returns/" + res.ret().id())
                .withVersion(res.order().version());
    }

    private static ApiResponse previewAnswer(ReturnPreview v, Address returnAddress) {
        Order o = v.order();
        String currency = o.state().currency;
        ObjectNode x = Json.object();
        x.put("dry_run", true);
        x.put("order_id", o.id());
        ArrayNode lines = x.putArray("lines");
        for (var l : v.ret().lines()) {
            lines.addObject().put("line_id", l.lineId()).put("sku", l.sku()).put("quantity", l.quantity())
                    .put("returnable", v.returnableUnits().getOrDefault(l.lineId(), 0L))
                    .set("refund", CustomerViews.money(v.refundByLine().getOrDefault(l.lineId(), 0L), currency));
        }
        boolean exchange = "exchange".equals(v.ret().refundMethod());
        x.set("refund", CustomerViews.money(exchange ? 0 : v.refundTotal(), currency));
        x.put("requested_resolution", v.ret().refundMethod());
        x.set("instructions", CustomerViews.instructions(null, v.ret().method(), returnAddress));
        return ApiResponse.ok(x);
    }

    /** {@code {"shipping_address": {...}}}: checked per country, applied only while nothing has shipped or gone to a warehouse. */
    private ApiResponse updateAddress(ApiRequest r) {
        Body b = Body.parse(r.body());
        b.allow("shipping_address", "version");
        Address address = b.address("shipping_address", true);
        r.expectVersion(b.integer("version", false, 1, Long.MAX_VALUE));
        b.check();
        String orderId = r.pathParam("orderId");
        return r.execute(o -> {
            CustomerSelfService.View v = p.selfService.view(r.command(), o);
            return ApiResponse.ok(CustomerViews.order(o, v.availability())).withVersion(o.version());
        }, ctx -> p.selfService.updateShippingAddress(ctx, orderId, address));
    }
}
