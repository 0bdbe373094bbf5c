package dev.oms.orders;

import static dev.oms.app.security.Permission.ORDERS_SEARCH;
import static dev.oms.platform.http.Route.post;

import dev.oms.app.lookup.OrderLookup;
import dev.oms.app.lookup.OrderReference;
import dev.oms.platform.wiring.CoreServices;
import dev.oms.platform.dynamo.DynamoOrderReferences;
import dev.oms.platform.http.ApiHandler;
import dev.oms.platform.http.ApiRequest;
import dev.oms.platform.http.ApiResponse;
import dev.oms.platform.http.Body;
import dev.oms.platform.http.Pages;
import dev.oms.platform.http.Routes;
import dev.oms.platform.views.OrderViews;
import java.util.ArrayList;
import java.util.List;

/**
 * Seed 000 section 9: {@code POST /v1/orders/lookup}, orders by {@code external_reference}, {@code merchant_reference}
 * or {@code customer_reference}, each one keyed DynamoDB read (no search engine). A read: no idempotency record.
 */
public final class OrderLookupHandler extends ApiHandler {
    private final OrdersApi p;
    private final OrderLookup lookup;
    private final Routes routes;

    public OrderLookupHandler() { this(OrdersApi.get()); }

    OrderLookupHandler(OrdersApi p) {
        super(p.idempotency, p.clock);
        this.p = p;
        this.lookup = new OrderLookup(new DynamoOrderReferences(p.table, CoreServices.get().repository));
        this.routes = Routes.of(post("/v1/orders/lookup", this::lookup).requires(ORDERS_SEARCH));
    }

    @Override
    public Routes routes() { return routes; }

    private ApiResponse lookup(ApiRequest r) {
        Body b = Body.parse(r.body());
        List<OrderReference> refs = new ArrayList<>();
        for (OrderReference.Kind kind : OrderReference.Kind.values()) {
            String value = b.string(kind.wire(), false, OrderReference.MAX_LENGTH);
            if (value != null) refs.add(new OrderReference(kind, value));
        }
        b.allow("external_reference", "merchant_reference", "customer_reference");
        if (refs.size() != 1 && b.errors().isEmpty()) {
            b.error("external_reference", "lookup.one_reference", "Send exactly one of external_reference, merchant_reference, customer_reference");
        }
        b.check();
        OrderReference ref = refs.getFirst();
        String fingerprint = "lookup|" + ref.kind() + "|" + ref.value() + "|" + r.caller().subject();
        var page = lookup.lookup(r.command(), ref, r.page(p.cursors, fingerprint));
        return Pages.render(page, o -> OrderViews.order(o, false), p.cursors, fingerprint);
    }
}
