package dev.oms.streams;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.oms.app.settings.PolicyEngine;
import dev.oms.platform.Platform;
import dev.oms.platform.events.OrderEventDetail;
import dev.oms.platform.observability.Observability;
import java.util.Map;

/**
 * Runs the tenant's automation policies on every new order ({@code order.created}): fraud triggers hold it, else
 * auto-confirm confirms it ({@link PolicyEngine}). EventBridge delivers at least once; a repeat finds the order no
 * longer {@code created} and does nothing.
 */
public final class PolicySubscriber implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private final Platform p;

    public PolicySubscriber() { this(Platform.get()); }

    PolicySubscriber(Platform p) { this.p = p; }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        Observability.start(context);
        OrderEventDetail e = OrderEventDetail.of(event);
        if (e == null || !"order.created".equals(e.type())) return Map.of("action", "none");
        PolicyEngine.Applied applied = p.cases().policyEngine.onOrderCreated(e.tenantId(), e.orderId(), e.correlationId());
        return Map.of("action", applied.action(), "policy_id", String.valueOf(applied.policyId()), "detail", String.valueOf(applied.detail()));
    }
}
