package dev.oms.app;

import dev.oms.app.port.Deadlines;
import dev.oms.app.security.Caller;
import dev.oms.domain.DomainException;
import dev.oms.domain.order.Order;
import java.time.Instant;
import java.util.Set;

/**
 * The due dates of orders confirmed on payment terms, kept in the same deadline index as the {@code auto_cancel_unpaid}
 * policy (kind {@code payment_due}) and swept by the same scheduled sweeper. An order event (confirmation, payment,
 * cancellation) sets the deadline of an order that owes money on terms, or removes it once the order is settled or
 * cancelled; a due deadline records {@code order.payment_overdue} (actor {@code payment-terms}, type {@code system})
 * when a balance is still due, once.
 */
public final class PaymentTermsDeadlines {
    public static final String KIND = "payment_due";
    /** The actor of {@code order.payment_overdue}. */
    public static final String ACTOR = "payment-terms";

    private final OrderService orders;
    private final Deadlines deadlines;

    public PaymentTermsDeadlines(OrderService orders, Deadlines deadlines) {
        this.orders = orders;
        this.deadlines = deadlines;
    }

    /** Sets or clears the order's due-date deadline after any change; true when it was set. */
    public boolean onOrderChanged(String tenantId, String orderId) {
        try {
            Order order = orders.get(system(tenantId), orderId);
            if (order.state().dueDate == null) return false; // not confirmed on terms: it never had a deadline
            var terms = order.paymentTerms();
            if (terms.isOpen() && order.state().paymentOverdueAt == null) {
                deadlines.set(new Deadlines.Deadline(tenantId, orderId, KIND, terms.overdueAt(), null));
                return true;
            }
        } catch (DomainException gone) {
            // deleted: nothing is owed any more
        }
        deadlines.clear(tenantId, orderId, KIND);
        return false;
    }

    /**
     * A due deadline: {@code overdue} when the event was recorded, else why not ({@code settled}: paid or cancelled
     * meanwhile; {@code already_overdue}; {@code not_due}; or the refusal's code). The caller removes the deadline.
     */
    public String sweep(Deadlines.Deadline d, Instant now) {
        try {
            return orders.transactions().mutate(system(d.tenantId()), d.orderId(), false, o -> {
                var terms = o.paymentTerms();
                if (!terms.isOpen()) return "settled";
                if (o.state().paymentOverdueAt != null) return "already_overdue";
                return terms.markOverdue(now) ? "overdue" : "not_due";
            });
        } catch (DomainException refused) {
            return refused.code();
        }
    }

    private static CommandContext system(String tenantId) {
        return new CommandContext(new Caller(tenantId, ACTOR, "system", Set.of("service"), null, null), null, null, null, null);
    }
}
