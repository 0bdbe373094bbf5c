package dev.oms.domain.order;

import java.util.List;

/**
 * What an edit would do to an order, computed by {@link EditCalculator} and never applied by it: the lines and totals
 * after, the delta of each line and of the order, split by where the units are (unfulfilled, in an open fulfilment,
 * already shipped), the money plan per payment, and the open fulfilments the edit cancels because it takes units they
 * hold (their reservations are released by the edit saga). All amounts are minor units of {@code currency}.
 */
public record EditPreview(String currency, OrderTotals before, OrderTotals after, List<LineDelta> lines, long shippingDelta,
                          Split deltaSplit, MoneyPlan moneyPlan, List<OrderLine> linesAfter, long orderDiscountAfter,
                          String shippingMethodAfter, long shippingAmountAfter, Address shippingAddressAfter,
                          List<ReturnPreview> returns, List<String> fulfillmentsToCancel) {

    public EditPreview {
        lines = List.copyOf(lines);
        linesAfter = List.copyOf(linesAfter);
        returns = List.copyOf(returns);
        fulfillmentsToCancel = List.copyOf(fulfillmentsToCancel);
    }

    /**
     * Shipped units the edit takes back ({@code return_units}): applying opens a return for them; {@code refundEstimate}
     * is what they are worth (the line's amount due by units, after what settled returns took), which the return pays
     * back once received and accepted. It does not change the order's total.
     */
    public record ReturnPreview(String lineId, String sku, long quantity, long refundEstimate) { }

    /** The total delta: after less before (positive: the customer pays more). */
    public long delta() { return after.total() - before.total(); }

    /** An amount split by where the units are; the parts sum to the whole. */
    public record Split(long unfulfilled, long inFulfillment, long fulfilled) {
        public long sum() { return unfulfilled + inFulfillment + fulfilled; }

        Split plus(Split o) { return new Split(unfulfilled + o.unfulfilled, inFulfillment + o.inFulfillment, fulfilled + o.fulfilled); }
    }

    /**
     * One line before and after: {@code change} is {@code added}, {@code removed}, {@code changed} or {@code unchanged};
     * {@code amountBefore}/{@code amountAfter} are what the line costs (net of discounts, with tax); units are the line's
     * units before the edit by where they are.
     */
    public record LineDelta(String lineId, String sku, String change, long quantityBefore, long quantityAfter,
                            long unitPriceBefore, long unitPriceAfter, long amountBefore, long amountAfter,
                            Split unitsBefore, Split deltaSplit) {
        public long delta() { return amountAfter - amountBefore; }
    }

    /**
     * How money follows the edit. {@code additionalAuthorization}: what no linked payment covers after the edit (an
     * increase on a confirmed order needs a new authorized payment for it when applied: {@code paymentRequired});
     * {@code additionalCapture}: what must be captured of it to keep a paid order paid; {@code operations}: the voids of
     * open authorizations and the refunds of captured money a decrease gives back, payment by payment, never more than
     * each payment can give back; {@code refundOnReturn}: what the returns of shipped units the edit opens will pay back
     * once received and accepted (by the return flow, not by the edit saga).
     */
    public record MoneyPlan(long totalBefore, long totalAfter, long delta, long additionalAuthorization, long additionalCapture,
                            boolean paymentRequired, long voidTotal, long refundTotal, List<PaymentOperation> operations,
                            long refundOnReturn) {
        public MoneyPlan { operations = List.copyOf(operations); }
    }

    /** {@code kind}: {@code void} (release part of an open authorization) or {@code refund} (give back captured money). */
    public record PaymentOperation(String paymentId, String kind, long amount, long available) { }
}
