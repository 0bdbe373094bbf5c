package dev.oms.orders;

import static dev.oms.platform.http.Route.get;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.customer.CustomerFaq.Faq;
import dev.oms.domain.order.OrderFaq;
import dev.oms.platform.http.ApiHandler;
import dev.oms.platform.http.ApiRequest;
import dev.oms.platform.http.ApiResponse;
import dev.oms.platform.http.Routes;
import dev.oms.platform.json.Json;

/**
 * Seed 001 section 1, {@code faq}: the questions about my order answered from its state, then the shop's own
 * (docs/customer-api.md#faq). Built field by field, like the other customer views: nothing internal is said.
 */
public final class CustomerFaqHandler extends ApiHandler {
    private final CustomerCareApi p;
    private final Routes routes;

    public CustomerFaqHandler() { this(CustomerCareApi.get()); }

    CustomerFaqHandler(CustomerCareApi p) {
        super(p.idempotency, p.clock);
        this.p = p;
        this.routes = Routes.of(CustomerMessagesHandler.customer(get("/v1/customer/orders/{orderId}/faq", this::read)));
    }

    @Override
    public Routes routes() { return routes; }

    private ApiResponse read(ApiRequest r) {
        Faq faq = p.faq.read(r.command(), r.pathParam("orderId"));
        return ApiResponse.ok(view(faq));
    }

    static ObjectNode view(Faq faq) {
        ObjectNode o = Json.object();
        o.put("order_id", faq.order().id());
        var entries = o.putArray("entries");
        for (OrderFaq.Entry e : faq.entries()) {
            entries.addObject().put("id", e.id()).put("question", e.question()).put("answer", e.answer()).put("source", e.source());
        }
        return o;
    }
}
