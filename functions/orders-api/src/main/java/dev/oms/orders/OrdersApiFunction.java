package dev.oms.orders;

import dev.oms.platform.http.ApiFunction;

/**
 * The orders API (seed 000's order core) as one Lambda function: orders, lines, lifecycle, audit, locks, lookup,
 * metrics, health, connectors, payment links, tasks, policies and settings; each request goes to the handler that
 * declares its route.
 */
public final class OrdersApiFunction extends ApiFunction {
    public OrdersApiFunction() {
        super(OrdersApi.get().idempotency, OrdersApi.get().clock,
                new OrderCrudHandler(),
                new OrderLinesHandler(),
                new OrderLifecycleHandler(),
                new OrderAuditHandler(),
                new OrderLocksHandler(),
                new OrderLookupHandler(),
                new OrderMetricsHandler(),
                new HealthHandler(),
                new ConnectorsHandler(),
                new OrderPaymentsHandler(),
                new OrderTasksHandler(),
                new OrderPoliciesHandler(),
                new OrderSettingsHandler());
    }
}
