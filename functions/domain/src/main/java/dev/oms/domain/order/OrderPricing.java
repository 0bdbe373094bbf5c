package dev.oms.domain.order;

import dev.oms.domain.DomainException;
import dev.oms.domain.money.Allocation;
import dev.oms.domain.money.Money;
import java.util.ArrayList;
import java.util.List;

/**
 * Computes line and order totals. Tax is exclusive (added on top of prices).
 * <ul>
 *   <li>line gross = quantity x unit price; line discount must not exceed it</li>
 *   <li>the order-level discount is allocated to lines by largest remainder, weighted by each line's amount after its
 *       own discount, so the allocations always sum to the order discount</li>
 *   <li>line tax = explicit tax amount, or line total x rate / 10000 rounded half to even</li>
 *   <li>total = sub_total - discount_total + tax_total + shipping_total</li>
 * </ul>
 */
public final class OrderPricing {
    private OrderPricing() { }

    public static List<OrderLine> price(List<OrderLine> lines, Money orderDiscount) {
        long[] weights = new long[lines.size()];
        long weightSum = 0;
        for (int i = 0; i < lines.size(); i++) {
            OrderLine line = lines.get(i);
            long gross = line.gross();
            if (line.discount().minor() > gross) {
                throw DomainException.invalidField("lines[" + i + "].discount", "discount.exceeds_amount",
                        "Line discount exceeds the line amount");
            }
            weights[i] = gross - line.discount().minor();
            weightSum = Math.addExact(weightSum, weights[i]);
        }
        long discount = orderDiscount == null ? 0 : orderDiscount.minor();
        if (discount > weightSum) {
            throw DomainException.invalidField("discount", "discount.exceeds_amount",
                    "Order discount exceeds the sum of the lines after their discounts");
        }
        long[] allocated = lines.isEmpty() ? new long[0] : Allocation.largestRemainder(discount, weights);
        List<OrderLine> priced = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            OrderLine line = lines.get(i);
            priced.add(withAllocation(line, allocated[i]));
        }
        return priced;
    }

    /** The line with this share of the order discount and the tax that follows from it. */
    public static OrderLine withAllocation(OrderLine line, long allocated) {
        long net = line.gross() - line.discount().minor() - allocated;
        long tax;
        if (line.taxAmount() != null) {
            tax = line.taxAmount().minor();
        } else if (line.taxRateBps() != null) {
            tax = Allocation.divideHalfEven(Math.multiplyExact(net, (long) line.taxRateBps()), 10_000);
        } else {
            tax = 0;
        }
        return line.priced(allocated, tax);
    }

    public static OrderTotals totals(List<OrderLine> lines, long shipping) {
        long sub = 0, disc = 0, tax = 0;
        for (OrderLine l : lines) {
            sub = Math.addExact(sub, l.gross());
            disc = Math.addExact(disc, l.discountTotal());
            tax = Math.addExact(tax, l.tax());
        }
        long total = Math.addExact(Math.addExact(sub - disc, tax), shipping);
        return new OrderTotals(sub, disc, tax, shipping, total);
    }
}
