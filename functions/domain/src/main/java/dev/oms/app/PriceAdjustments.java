package dev.oms.app;

import dev.oms.app.OrderEditService.NewPayment;
import dev.oms.domain.DomainException;
import dev.oms.domain.money.Money;
import dev.oms.domain.order.EditChange;
import dev.oms.domain.order.Order;
import dev.oms.domain.order.OrderLine;
import dev.oms.domain.order.Refund;
import dev.oms.domain.order.RefundRequest;
import java.util.List;

/**
 * {@code POST /v1/admin/orders/{orderId}/adjust-price}: a manual price adjustment, made of the canonical use cases so
 * no money rule is written twice.
 * <ul>
 * <li>A <b>credit</b> (of a line, or of the order) gives money back as a refund that credits the order
 * ({@link RefundService}: to the payments in the order they were linked, or as store credit); billing documents it with a
 * credit note when the order is invoiced (the refund listener of the invoice use case).</li>
 * <li>A <b>debit</b> raises what a line costs by taking {@code amount} off its discount, as an edit through the quote
 * engine ({@link OrderEditService#quoteAndApply}: the edit's money plan asks for the new payments a confirmed order
 * needs, {@code edit.payment_required}); more than the line's discount is 422 {@code adjustment.exceeds_discount}, and
 * an order-level debit 422 {@code adjustment.line_required}.</li>
 * </ul>
 * A dry run answers the planned refund or the applied edit without writing anything.
 */
public final class PriceAdjustments {
    public static final String CREDIT = "credit", DEBIT = "debit";

    private final OrderEditService edits;
    private final RefundService refunds;

    public PriceAdjustments(OrderEditService edits, RefundService refunds) {
        this.edits = edits;
        this.refunds = refunds;
    }

    /** What to adjust: {@code lineId} null for the whole order; {@code destination} of a credit (null: the payments). */
    public record Adjustment(String lineId, String direction, Money amount, String reason, String destination, List<NewPayment> payments) { }

    /** Either the credit's refund or the debit's edit. */
    public record Adjusted(Order order, RefundService.Result credit, OrderEditService.Applied debit) { }

    public Adjusted adjust(CommandContext ctx, String orderId, Adjustment a, boolean dryRun) {
        Order order = edits.order(ctx, orderId);
        if (!a.amount().currency().equals(order.state().currency)) {
            throw DomainException.invalidField("amount.currency", "currency.mismatch", "The order is in " + order.state().currency + ", not " + a.amount().currency());
        }
        if (a.lineId() != null) order.line(a.lineId()); // 404 order.line_not_found
        CommandContext why = ctx.withReason(a.reason());
        if (CREDIT.equals(a.direction())) {
            List<RefundRequest.Line> lines = a.lineId() == null ? List.of() : List.of(new RefundRequest.Line(a.lineId(), null, a.amount().minor()));
            RefundRequest req = new RefundRequest(a.lineId() == null ? a.amount().minor() : null, "price_adjustment: " + a.reason(), lines, null,
                    a.destination() == null ? Refund.ORIGINAL_METHOD : a.destination(), 0, Refund.MANUAL, null);
            RefundService.Result r = dryRun ? refunds.preview(why, orderId, req) : refunds.refund(why, orderId, req);
            return new Adjusted(r.order(), r, null);
        }
        if (a.lineId() == null) {
            throw DomainException.unprocessable("adjustment.line_required", "A debit raises what a line costs: name the line",
                    "Send line_id; to charge for something new, quote an add_line change.");
        }
        OrderLine line = order.line(a.lineId());
        if (line.discount().minor() < a.amount().minor()) {
            throw DomainException.unprocessable("adjustment.exceeds_discount", "Line " + a.lineId() + " has " + line.discount().minor()
                    + " of discount; a debit takes at most that off it", "Quote a change_unit_price change to raise the price itself.")
                    .with("discount", line.discount().minor());
        }
        EditChange change = new EditChange(EditChange.CHANGE_DISCOUNT, a.lineId(), null, null, null,
                Money.of(line.discount().minor() - a.amount().minor(), line.discount().currency()), null, null, null);
        OrderEditService.Applied applied = edits.quoteAndApply(why, orderId, List.of(change), a.payments(), true, dryRun);
        return new Adjusted(applied.order(), null, applied);
    }
}
