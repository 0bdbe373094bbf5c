package dev.oms.app.admin;

import dev.oms.app.CommandContext;
import dev.oms.app.cases.OrderTasksService;
import dev.oms.app.connector.registry.ConnectorAdministration;
import dev.oms.app.connector.registry.ConnectorHealth;
import dev.oms.app.port.Page;
import dev.oms.app.port.PageRequest;
import dev.oms.app.port.RepairItem;
import dev.oms.app.port.RepairQueue;
import dev.oms.app.port.TaskIndex.TaskFilter;
import dev.oms.domain.order.OrderTask;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The operational alerts of a tenant (issue 13, {@code GET /v1/admin/alerts}), each from an indexed read, never a
 * scan: open repair items (parked saga steps waiting for an operator), connectors whose circuit is not closed,
 * tasks past their due time (SLA breaches), shipments whose tracking went silent in the last day, and webhook
 * deliveries that failed for good in the last day (per active subscription, from its newest deliveries). Counts stop at {@value #MAX_COUNT} ({@code more} then says so).
 */
public final class OperationalAlerts {
    public static final int MAX_COUNT = 200;

    /** How far back {@code tracking_stale} and {@code webhook_deliveries_failed} look. */
    public static final java.time.Duration WINDOW = java.time.Duration.ofHours(24);

    private final RepairQueue repairs;
    private final OrderTasksService tasks;
    private final ConnectorAdministration connectors;
    private final dev.oms.app.AuditService audit;
    private final dev.oms.app.port.WebhookStore webhooks;
    private final Clock clock;

    public OperationalAlerts(RepairQueue repairs, OrderTasksService tasks, ConnectorAdministration connectors, dev.oms.app.AuditService audit,
                             dev.oms.app.port.WebhookStore webhooks, Clock clock) {
        this.repairs = repairs;
        this.tasks = tasks;
        this.connectors = connectors;
        this.audit = audit;
        this.webhooks = webhooks;
        this.clock = clock;
    }

    /** One alert: its kind, severity ({@code critical}, {@code warning}), how many, whether more, and what it names. */
    public record Alert(String kind, String severity, int count, boolean more, String subject, String detail) { }

    public List<Alert> current(CommandContext ctx) {
        List<Alert> out = new ArrayList<>();
        Page<RepairItem> open = repairs.list(ctx.tenantId(), "open", new PageRequest(null, MAX_COUNT));
        if (!open.items().isEmpty()) {
            out.add(new Alert("repair_items_open", "critical", open.items().size(), open.hasMore(), null,
                    "Saga steps parked for an operator: see GET /v1/orders/repairs?state=open"));
        }
        connectors.list(ctx).stream().filter(v -> !ConnectorHealth.CLOSED.equals(v.health().circuitState())).forEach(v ->
                out.add(new Alert("connector_circuit_open", "critical", 1, false, v.config().port().wireName(),
                        "Adapter " + v.health().adapter() + " circuit " + v.health().circuitState()
                                + (v.health().lastError() == null ? "" : ": " + v.health().lastError()))));
        for (String status : List.of(OrderTask.OPEN, OrderTask.IN_PROGRESS)) {
            Page<OrderTask> late = tasks.list(ctx, new TaskFilter(status, null, null, clock.instant()), new PageRequest(null, MAX_COUNT));
            if (!late.items().isEmpty()) {
                out.add(new Alert("tasks_overdue", "warning", late.items().size(), late.hasMore(), status,
                        "Tasks " + status + " past their due time: see GET /v1/admin/tasks?status=" + status + "&due_before=now"));
            }
        }
        // shipments whose tracking went silent for 12 hours (the tracking watch's events, by the audit index of actions)
        Page<dev.oms.app.port.StoredEvent> silent = audit.search(ctx, new dev.oms.app.port.AuditFilter(null, dev.oms.domain.order.TrackingSilence.EVENT,
                clock.instant().minus(WINDOW), null), new PageRequest(null, MAX_COUNT));
        if (!silent.items().isEmpty()) {
            out.add(new Alert("tracking_stale", "warning", silent.items().size(), silent.hasMore(), null,
                    "Shipments without a tracking event for 12 hours (in the last 24 hours): see GET /v1/orders/audit?action=shipment.tracking_stale"));
        }
        // webhook deliveries that gave up in the last day: per subscription, its newest deliveries (the log's own order)
        java.time.Instant since = clock.instant().minus(WINDOW);
        for (var subscription : webhooks.activeSubscriptions(ctx.tenantId())) {
            var failed = webhooks.listDeliveries(ctx.tenantId(), subscription.id(), dev.oms.domain.webhook.WebhookDelivery.FAILED,
                    new PageRequest(null, MAX_COUNT)).items().stream().filter(d -> d.updatedAt() != null && d.updatedAt().isAfter(since)).count();
            if (failed > 0) {
                out.add(new Alert("webhook_deliveries_failed", "warning", (int) failed, false, subscription.id(),
                        "Deliveries that failed for good in the last 24 hours: see GET /v1/orders/webhooks/" + subscription.id()
                                + "/deliveries?state=failed, and replay them"));
            }
        }
        return out;
    }
}
