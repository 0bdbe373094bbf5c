package dev.oms.domain.order;

import static dev.oms.domain.order.Order.data;

import java.time.Instant;

/**
 * The payment terms of one order once confirmed on them: what is still owed by the due date, and the
 * {@code order.payment_overdue} event, recorded once, when the due date passed with a balance left.
 */
public final class OrderPaymentTerms {
    private final Order order;
    private final OrderState s;

    OrderPaymentTerms(Order order) {
        this.order = order;
        this.s = order.state();
    }

    /** The order was confirmed on terms (it has a due date) and is neither cancelled nor settled. */
    public boolean isOpen() {
        return s.dueDate != null && s.status != OrderStatus.CANCELLED && s.status != OrderStatus.CANCELLING && order.balanceDue() > 0;
    }

    /** When the order becomes overdue, or null when it was not confirmed on terms. */
    public Instant overdueAt() { return s.dueDate == null ? null : PaymentTerms.overdueAt(s.dueDate); }

    /**
     * Records {@code order.payment_overdue} when the due date has passed and a balance is still due; false (nothing
     * recorded) when the order is settled, cancelled, not yet due, or was already marked overdue.
     */
    public boolean markOverdue(Instant now) {
        if (!isOpen() || s.paymentOverdueAt != null || now.isBefore(overdueAt())) return false;
        s.paymentOverdueAt = now;
        order.touch(now);
        long days = java.time.temporal.ChronoUnit.DAYS.between(s.dueDate, PaymentTerms.day(now));
        order.record("order.payment_overdue", data("payment_terms", s.paymentTerms.kind(), "due_date", s.dueDate.toString(),
                "balance_due", order.balanceDue(), "currency", s.currency, "days_overdue", days),
                "Payment due on " + s.dueDate + " (" + s.paymentTerms.kind() + ") not received");
        return true;
    }
}
