package dev.oms.streams;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.oms.app.settings.PolicyEngine;
import dev.oms.platform.Platform;
import dev.oms.platform.events.OrderEventDetail;
import java.util.Map;

/**
 * Runs the tenant's automation policies on every new order ({@code order.created}): fraud triggers hold it, else
 * auto-confirm confirms it, and {@code auto_cancel_unpaid} gives an unpaid order its deadline ({@link PolicyEngine});
 * on payment events, confirmations and cancellations it removes the deadline of an order that is paid; on a
 * confirmation, {@code auto_fulfill_digital} fulfils the digital lines ({@link dev.oms.app.settings.AutoFulfillDigital}); on
 * shipment events it moves the shipment's tracking silence deadline ({@link dev.oms.app.TrackingSilenceWatch}). EventBridge
 * delivers at least once; a repeat finds the order no longer {@code created} (or the deadline set) and does nothing.
 */
public final class PolicySubscriber implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private final Platform p;

    public PolicySubscriber() { this(Platform.get()); }

    PolicySubscriber(Platform p) { this.p = p; }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        OrderEventDetail e = OrderEventDetail.of(event);
        if (e == null) return Map.of("action", "none");
        if (e.type().startsWith("shipment.")) {
            // a shipment on its way: its tracking silence deadline moves (or goes, once delivered, returned or cancelled)
            return Map.of("action", p.cases().policyEngine.tracking().onShipmentEvent(e.tenantId(), e.orderId(), e.data()));
        }
        if (!"order.created".equals(e.type())) {
            // a payment, a confirmation or a cancellation: an order that is now paid loses its unpaid deadline
            String deadline = p.cases().policyEngine.onOrderChanged(e.tenantId(), e.orderId()) ? "deadline_cleared" : "none";
            if (!"order.confirmed".equals(e.type()) && !"order.hold_released".equals(e.type())) return Map.of("action", deadline);
            // a confirmed order's digital lines are fulfilled at once (auto_fulfill_digital)
            PolicyEngine.Applied digital = p.cases().autoFulfillDigital.onOrderConfirmed(e.tenantId(), e.orderId(), e.correlationId());
            return Map.of("action", digital.action().equals("fulfilled") ? "fulfilled" : deadline,
                    "policy_id", String.valueOf(digital.policyId()), "detail", String.valueOf(digital.detail()));
        }
        PolicyEngine.Applied applied = p.cases().policyEngine.onOrderCreated(e.tenantId(), e.orderId(), e.correlationId());
        return Map.of("action", applied.action(), "policy_id", String.valueOf(applied.policyId()), "detail", String.valueOf(applied.detail()));
    }
}
