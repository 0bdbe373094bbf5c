package dev.oms.domain.order;

import java.util.Set;

/**
 * Every order event type the system emits, one JSON Schema each in {@code events/schemas} (EventSchemasIT keeps the
 * two equal). Webhook subscriptions may only filter on these.
 */
public final class OrderEventTypes {
    public static final Set<String> ALL;

    private static final Set<String> CORE = Set.of(
            "order.created", "order.updated", "order.deleted", "order.line_added",
            "order.line_updated", "order.line_removed", "order.line_split", "order.lines_bulk_updated",
            "order.confirmed", "order.payment_pending", "order.held", "order.hold_released", "order.closed", "order.reopened",
            "order.lock_acquired", "order.lock_released", "order.confirmation_requested",
            "order.cancellation_requested", "order.cancellation_progressed", "order.cancellation_failed",
            "order.cancellation_forced", "order.cancelled", "order.lines_cancelled", "order.repair_skipped",
            "order.payment_updated", "order.external_update", "order.legal_hold_placed", "order.legal_hold_released",
            "order.events_replayed", "order.customer_impersonated", "order.connector_run");

    static {
        Set<String> all = new java.util.HashSet<>(CORE);
        for (Set<String> area : java.util.List.of(FulfillmentEventTypes.ALL, ReturnEventTypes.ALL, MoneyEventTypes.ALL,
                EditEventTypes.ALL, CaseEventTypes.ALL, CustomerEventTypes.ALL, ShippingEventTypes.ALL, AccessEventTypes.ALL,
                dev.oms.domain.warehouse.ops.WarehouseOpsEventTypes.ALL, dev.oms.domain.warehouse.WarehouseEventTypes.ALL,
                dev.oms.domain.privacy.PrivacyEventTypes.ALL)) {
            for (String type : area) if (!all.add(type)) throw new IllegalStateException("event type listed twice: " + type);
        }
        ALL = Set.copyOf(all);
    }

    private OrderEventTypes() { }

    public static boolean isKnown(String type) { return ALL.contains(type); }
}
