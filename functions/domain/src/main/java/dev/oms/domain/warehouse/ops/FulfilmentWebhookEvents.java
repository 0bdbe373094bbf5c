package dev.oms.domain.warehouse.ops;

import dev.oms.domain.order.FulfillmentEventTypes;
import dev.oms.domain.order.ReturnEventTypes;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The event types a fulfilment webhook subscription ({@code /v1/fulfillment/webhooks}) may name: fulfilments,
 * shipments and tracking, returns, and the warehouse operations' own. A subscription belongs to the fulfilment surface
 * when every type it names is one of these (never {@code *}, which would also carry every order event).
 */
public final class FulfilmentWebhookEvents {
    public static final Set<String> ALL = all();

    private FulfilmentWebhookEvents() { }

    private static Set<String> all() {
        Set<String> s = new HashSet<>(FulfillmentEventTypes.ALL);
        s.addAll(ReturnEventTypes.ALL);
        s.addAll(WarehouseOpsEventTypes.ALL);
        return Set.copyOf(s);
    }

    public static boolean covers(List<String> events) { return !events.isEmpty() && ALL.containsAll(events); }
}
