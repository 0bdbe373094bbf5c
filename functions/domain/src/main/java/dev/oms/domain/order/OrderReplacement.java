package dev.oms.domain.order;

import dev.oms.domain.DomainException;
import dev.oms.domain.money.Money;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Replacing an order by a new one (seed 000 section 6, a rare admin operation): the new order takes the original's
 * customer, channel, currency, addresses, shipping, order discount, metadata and lines (their open quantities), and the
 * two are linked both ways ({@code replaces}, {@code replaced_by}). The original is then cancelled by the cancel-order
 * saga. Its payments either go back ({@code refund}: the saga voids or refunds them) or move to the new order
 * ({@code move}: only authorizations with nothing captured can move; they are unlinked from the original and linked to
 * the replacement in the same requests).
 */
public final class OrderReplacement {
    public static final String REFUND = "refund", MOVE = "move";

    private OrderReplacement() { }

    /** Refuses an order that was replaced already ({@code order.already_replaced}) or a move of captured money. */
    public static List<PaymentReference> check(Order original, String payments) {
        OrderState s = original.state();
        if (s.replacedBy != null) {
            throw DomainException.conflict("order.already_replaced", "Order " + s.id + " was already replaced by " + s.replacedBy,
                    "Work on the replacement.").with("replaced_by", s.replacedBy);
        }
        List<PaymentReference> moving = new ArrayList<>();
        if (!MOVE.equals(payments)) return moving;
        for (PaymentReference p : s.payments) {
            if (p.isVoidedOrDeclined()) continue;
            if (p.captured() > 0) {
                throw DomainException.conflict("replace.captured_payment", "Payment " + p.paymentId() + " has captured money; it cannot move",
                        "Replace with payments: refund (the cancellation refunds it), then pay the replacement.").with("payment_id", p.paymentId());
            }
            moving.add(p);
        }
        return moving;
    }

    /**
     * Marks the original replaced and unlinks the payments that move (in the transaction that also requests its
     * cancellation).
     */
    public static void markReplaced(Order original, String replacementId, List<PaymentReference> moving, String reason, Instant now) {
        OrderState s = original.state();
        for (PaymentReference p : moving) original.money().unlink(p.paymentId(), "moved to replacement " + replacementId, now);
        s.replacedBy = replacementId;
        original.touch(now);
        original.record("order.replaced", Order.data("replaced_by", replacementId, "payments_moved",
                moving.stream().map(PaymentReference::paymentId).toList()), reason);
    }

    /**
     * The replacement: a new created order ({@code source: replacement}, {@code replaces} the original) with the
     * original's lines and addresses and the moved payments.
     */
    public static Order create(Order original, String newId, long number, List<PaymentReference> moving, Instant now, Supplier<String> lineIds) {
        OrderState s = original.state();
        List<LineSpec> items = new ArrayList<>();
        for (OrderLine l : s.lines) {
            if (l.quantity() == 0) continue;
            items.add(new LineSpec(null, l.sku(), l.variantId(), l.description(), l.quantity(), l.unitPrice(), l.discount(), l.taxRateBps(),
                    l.taxAmount(), l.metadata(), l.digital()));
        }
        long discount = 0;
        for (OrderLine l : s.lines) discount += l.allocatedDiscount();
        List<PaymentReference> pays = moving.stream().map(p -> new PaymentReference(p.paymentId(), Money.of(p.amount().minor() - p.refunded(),
                s.currency), p.status(), 0, 0, java.util.Map.of())).toList();
        OrderDraft draft = new OrderDraft(null, s.customerId, s.channel, "replacement", s.currency, items, s.shippingAddress,
                s.billingAddress, s.shippingMethod, s.shippingAmount, Money.of(discount, s.currency), pays, s.metadata, PaymentTerms.relative(s.paymentTerms));
        Order copy = Order.create(s.tenantId, newId, number, draft, now, lineIds);
        copy.state().replaces = s.id;
        return copy;
    }
}
