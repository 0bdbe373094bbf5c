package dev.oms.app;

import dev.oms.app.port.IdGenerator;
import dev.oms.app.port.TenantSettingsStore;
import dev.oms.app.security.Caller;
import dev.oms.domain.order.Order;
import dev.oms.domain.order.ReturnDraft;
import dev.oms.domain.order.ReturnRequest;
import dev.oms.domain.order.Returns;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * The return use cases behind the API: open a return (RMA), read them, book receipts and inspections, cancel one.
 * Every command goes through the order's command loop, so the return, its event and the idempotent response are one
 * transaction guarded by the order's version. Routes that name only the return find its order through the child
 * pointer; the order is then read as the caller may see it, so another tenant's or customer's return is a 404.
 */
public final class ReturnService {
    private final OrderTransactions tx;
    private final TenantSettingsStore settings;
    private final IdGenerator ids;
    private final Clock clock;

    public ReturnService(OrderTransactions tx, TenantSettingsStore settings, IdGenerator ids, Clock clock) {
        this.tx = tx;
        this.settings = settings;
        this.ids = ids;
        this.clock = clock;
    }

    /** A return with the order it belongs to (as committed). */
    public record Result(Order order, ReturnRequest ret) { }

    /** The caller the return-order saga and the bulk job act as. */
    public static Caller sagaCaller(String tenantId) {
        return new Caller(tenantId, "return-order-saga", "system", Set.of("service"), null, null);
    }

    public Result create(CommandContext ctx, String orderId, ReturnDraft draft) {
        int window = settings.get(ctx.tenantId()).returnWindowDays();
        return tx.mutate(ctx, orderId, true, o -> new Result(o, Returns.request(o, ids.next("ret"), draft, window, ctx.caller().actor(), clock.instant())));
    }

    public Order order(CommandContext ctx, String orderId) { return tx.get(ctx, orderId); }

    public Result get(CommandContext ctx, String orderId, String returnId) {
        Order o = tx.get(ctx, orderId);
        return new Result(o, Returns.get(o, returnId));
    }

    /**
     * A return named on its own. A return on an order the caller may not see (another customer's) is
     * {@code return.not_found}, the same answer as a missing one: {@code order.not_found} would tell that the id exists.
     */
    public Result find(CommandContext ctx, String returnId) {
        String orderId = tx.orderIdOfChild(ctx, returnId, "return.not_found");
        return asReturnNotFound(returnId, () -> get(ctx, orderId, returnId));
    }

    public Result receive(CommandContext ctx, String returnId, List<ReturnDraft.Receipt> receipts) {
        return change(ctx, returnId, o -> Returns.receive(o, returnId, receipts, clock.instant()));
    }

    public Result inspect(CommandContext ctx, String returnId, List<ReturnDraft.Decision> decisions, String resolution) {
        return change(ctx, returnId, o -> Returns.inspect(o, returnId, decisions, resolution, clock.instant()));
    }

    public Result cancel(CommandContext ctx, String returnId, String reason) {
        return cancel(ctx, returnId, reason, null);
    }

    /** Withdraws the return, recording what the carrier answered about its unused label's refund (null: no label). */
    public Result cancel(CommandContext ctx, String returnId, String reason, String labelRefund) {
        return change(ctx, returnId, o -> Returns.cancel(o, returnId, reason, labelRefund, clock.instant()));
    }

    /** Records the return label (carrier, tracking number) and files its document on the order, in one transaction. */
    public Result attachLabel(CommandContext ctx, String returnId, ReturnRequest.Label label, dev.oms.domain.order.OrderDocument document) {
        return change(ctx, returnId, o -> {
            ReturnRequest r = Returns.issueLabel(o, returnId, label, clock.instant());
            if (o.child(dev.oms.domain.order.OrderDocument.class, document.id()).isEmpty()) o.attachDocument(document, clock.instant());
            return r;
        });
    }

    /**
     * Applies a change to the return named on its own, in its order's command loop. People are held off by another
     * person's edit lock; the saga and jobs ({@code system} callers) are not.
     */
    Result change(CommandContext ctx, String returnId, java.util.function.Function<Order, ReturnRequest> change) {
        String orderId = tx.orderIdOfChild(ctx, returnId, "return.not_found");
        boolean respectLock = !"system".equals(ctx.caller().kind());
        return asReturnNotFound(returnId, () -> tx.mutate(ctx, orderId, respectLock, o -> new Result(o, change.apply(o))));
    }

    /** Runs {@code work} on a return named on its own, answering {@code return.not_found} where its order is not the caller's. */
    private static <R> R asReturnNotFound(String returnId, java.util.function.Supplier<R> work) {
        try {
            return work.get();
        } catch (dev.oms.domain.DomainException e) {
            if (!"order.not_found".equals(e.code())) throw e;
            throw dev.oms.domain.DomainException.notFound("return.not_found", "No return " + returnId);
        }
    }
}
