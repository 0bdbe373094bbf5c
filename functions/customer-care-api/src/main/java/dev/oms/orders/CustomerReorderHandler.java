package dev.oms.orders;

import static dev.oms.platform.http.Route.post;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.cart.Reorders.Reorder;
import dev.oms.app.connector.CartService.CartLine;
import dev.oms.platform.http.ApiHandler;
import dev.oms.platform.http.ApiRequest;
import dev.oms.platform.http.ApiResponse;
import dev.oms.platform.http.Body;
import dev.oms.platform.http.Routes;
import dev.oms.platform.json.Json;

/**
 * Seed 001 section 1, {@code reorder}: a cart with the order's items that can still be bought, made and priced by the
 * cart port (docs/customer-api.md#reorder). No order is created.
 */
public final class CustomerReorderHandler extends ApiHandler {
    private final CustomerCareApi p;
    private final Routes routes;

    public CustomerReorderHandler() { this(CustomerCareApi.get()); }

    CustomerReorderHandler(CustomerCareApi p) {
        super(p.idempotency, p.clock);
        this.p = p;
        this.routes = Routes.of(CustomerMessagesHandler.customer(post("/v1/customer/orders/{orderId}/reorder", this::reorder)));
    }

    @Override
    public Routes routes() { return routes; }

    /** No body (or {@code {}}): answers 201 with the cart. */
    private ApiResponse reorder(ApiRequest r) {
        Body.parseOptional(r.body()).allow().check();
        String orderId = r.pathParam("orderId");
        return r.execute((Reorder x) -> ApiResponse.created(view(x), null), ctx -> p.reorders.reorder(ctx, orderId));
    }

    static ObjectNode view(Reorder x) {
        var cart = x.cart();
        ObjectNode o = Json.object();
        o.put("order_id", x.order().id());
        o.put("cart_id", cart.id());
        if (x.cartUrl() != null) o.put("cart_url", x.cartUrl());
        o.put("currency", cart.currency());
        var lines = o.putArray("lines");
        long subtotal = 0;
        for (CartLine l : cart.lines()) {
            long lineTotal = Math.multiplyExact(l.unitPrice().minor(), l.quantity());
            subtotal = Math.addExact(subtotal, lineTotal);
            ObjectNode n = lines.addObject().put("sku", l.sku()).put("name", l.name()).put("quantity", l.quantity());
            n.putObject("unit_price").put("amount", l.unitPrice().minor()).put("currency", cart.currency());
            n.put("line_total", lineTotal);
        }
        o.put("sub_total", subtotal);
        var unavailable = o.putArray("unavailable");
        cart.unavailable().forEach(unavailable::add);
        return o;
    }
}
