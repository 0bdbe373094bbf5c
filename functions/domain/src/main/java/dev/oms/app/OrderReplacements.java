package dev.oms.app;

import dev.oms.app.port.IdGenerator;
import dev.oms.app.port.OrderRepository;
import dev.oms.domain.order.Cancellation;
import dev.oms.domain.order.Order;
import dev.oms.domain.order.OrderReplacement;
import dev.oms.domain.order.PaymentReference;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Replaces an order by a new one ({@code POST /v1/orders/{orderId}/replace}). Every rule is checked first on a copy of
 * the original (not replaced yet, cancellable under the tenant's policy, not locked, payments that may move); then the
 * replacement is created, and one transaction marks the original replaced, moves its uncaptured authorizations when
 * asked and requests its cancellation (the cancel-order saga does the rest). With an Idempotency-Key the replacement's
 * id comes from the key, so a retry after a failure between the two writes finds the replacement instead of making a
 * second one.
 */
public final class OrderReplacements {
    public static final String REFUND = OrderReplacement.REFUND, MOVE = OrderReplacement.MOVE;

    private final OrderTransactions tx;
    private final OrderRepository orders;
    private final CancellationService cancellations;
    private final IdGenerator ids;
    private final Clock clock;

    public OrderReplacements(OrderTransactions tx, OrderRepository orders, CancellationService cancellations, IdGenerator ids, Clock clock) {
        this.tx = tx;
        this.orders = orders;
        this.cancellations = cancellations;
        this.ids = ids;
        this.clock = clock;
    }

    public record Replaced(Order original, Order replacement, Cancellation cancellation) { }

    public Replaced replace(CommandContext ctx, String orderId, String payments) {
        String key = ctx.journal().requestKey();
        String newId = key == null ? ids.next("ord") : "ord_" + key.substring(0, 26).toUpperCase(Locale.ROOT);
        Order probe = tx.get(ctx, orderId);
        tx.checkVersion(ctx, probe);
        Instant now = clock.instant();
        probe.assertNotLockedAgainst(ctx.caller().subject(), now);
        List<PaymentReference> moving = OrderReplacement.check(probe, payments);
        OrderReplacement.markReplaced(probe, newId, moving, ctx.reason(), now);
        cancellations.requestWithin(ctx, probe, true, false); // the rules of cancelling, on a copy that is never written
        CommandContext plain = new CommandContext(ctx.caller(), ctx.correlationId(), null, ctx.reason(), null);
        Order replacement = orders.find(ctx.tenantId(), newId).orElse(null);
        if (replacement == null) {
            replacement = OrderReplacement.create(probe, newId, orders.nextOrderNumber(ctx.tenantId()), moving, now, () -> ids.next("line"));
            tx.commitNew(plain, replacement, null);
        }
        Order made = replacement;
        return tx.mutate(ctx, orderId, true, o -> {
            List<PaymentReference> move = OrderReplacement.check(o, payments);
            OrderReplacement.markReplaced(o, newId, move, ctx.reason(), clock.instant());
            Cancellation c = cancellations.requestWithin(ctx, o, true, false);
            return new Replaced(o, made, c);
        });
    }
}
