package dev.oms.orders;

import static dev.oms.app.security.Permission.ORDERS_READ;
import static dev.oms.platform.http.Route.post;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.customer.ShipmentUpdatePreferences;
import dev.oms.domain.order.ShipmentUpdates;
import dev.oms.platform.http.ApiHandler;
import dev.oms.platform.http.ApiRequest;
import dev.oms.platform.http.ApiResponse;
import dev.oms.platform.http.Body;
import dev.oms.platform.http.Routes;
import dev.oms.platform.json.Json;
import java.util.Set;

/**
 * Seed 001 section 1, {@code notify}: the customer subscribes to or unsubscribes from one order's shipment updates per
 * channel (docs/customer-api.md#shipment-updates); the notifications subscriber and the fulfill-order saga honour it.
 */
public final class CustomerNotifyHandler extends ApiHandler {
    private final CustomerCareApi p;
    private final Routes routes;

    public CustomerNotifyHandler() { this(CustomerCareApi.get()); }

    CustomerNotifyHandler(CustomerCareApi p) {
        super(p.idempotency, p.clock);
        this.p = p;
        this.routes = Routes.of(CustomerMessagesHandler.customer(post("/v1/customer/orders/{orderId}/notify", this::change)));
    }

    @Override
    public Routes routes() { return routes; }

    /** {@code {"channel": "email"|"sms", "action": "subscribe"|"unsubscribe"}}. */
    private ApiResponse change(ApiRequest r) {
        Body b = Body.parse(r.body());
        b.allow("channel", "action");
        String channel = b.oneOf("channel", true, Set.copyOf(ShipmentUpdates.CHANNELS));
        String action = b.oneOf("action", true, Set.of("subscribe", "unsubscribe"));
        b.check();
        String orderId = r.pathParam("orderId");
        return r.execute((ShipmentUpdatePreferences.Channels c) -> {
            ObjectNode o = Json.object();
            o.put("order_id", c.order().id());
            ObjectNode channels = o.putObject("shipment_updates");
            c.channels().forEach(channels::put);
            return ApiResponse.ok(o);
        }, ctx -> p.shipmentUpdates.change(ctx, orderId, channel, action.equals("subscribe")));
    }
}
