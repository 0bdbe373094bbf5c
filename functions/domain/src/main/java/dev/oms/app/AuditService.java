package dev.oms.app;

import dev.oms.app.port.AuditFilter;
import dev.oms.app.port.AuditLog;
import dev.oms.app.port.Page;
import dev.oms.app.port.PageRequest;
import dev.oms.app.port.StoredEvent;
import dev.oms.domain.DomainException;

/** The per-order timeline and the tenant-wide audit search. */
public final class AuditService {
    private final OrderService orders;
    private final AuditLog log;

    public AuditService(OrderService orders, AuditLog log) {
        this.orders = orders;
        this.log = log;
    }

    public Page<StoredEvent> timeline(CommandContext ctx, String orderId, PageRequest page) {
        orders.get(ctx, orderId);
        return log.timeline(ctx.tenantId(), orderId, page);
    }

    public Page<StoredEvent> search(CommandContext ctx, AuditFilter filter, PageRequest page) {
        return log.search(ctx.tenantId(), filter, page);
    }

    public StoredEvent entry(CommandContext ctx, String orderId, String auditId) {
        orders.get(ctx, orderId);
        return log.find(ctx.tenantId(), orderId, auditId)
                .orElseThrow(() -> DomainException.notFound("audit.not_found", "No audit entry " + auditId + " on order " + orderId));
    }
}
