package dev.oms.domain.order;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the approved units of a return are worth, in minor units of the order currency. A line's amount due (total
 * after discounts, plus tax) is spread over its units so that all the returns of a line together give back exactly
 * the amount due when every unit comes back: the value of n more units is {@code f(before + n) - f(before)} with
 * {@code f(k) = floor(amountDue * k / quantity)} and {@code before} the units of the line already settled by other
 * returns. Shipping is not given back by returns. The restocking fee of each line comes off its value.
 */
public final class ReturnRefunds {
    private ReturnRefunds() { }

    /** The amount each line of the return gives back (approved units' value minus the fee); lines with nothing are left out. */
    public static Map<String, Long> byLine(Order o, ReturnRequest r) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (ReturnLine l : r.lines()) {
            if (l.approved() == null || l.approved() == 0) continue;
            long net = Math.max(0, valueOf(o, r, l.lineId(), l.approved()) - l.restockingFee());
            if (net > 0) out.put(l.lineId(), net);
        }
        return out;
    }

    public static long total(Map<String, Long> byLine) {
        long sum = 0;
        for (long v : byLine.values()) sum = Math.addExact(sum, v);
        return sum;
    }

    /** The value of {@code units} more units of a line, after what other settled returns took. */
    public static long valueOf(Order o, ReturnRequest r, String lineId, long units) { return valueOf(o, r.id(), lineId, units); }

    /** The value of {@code units} more units of a line for a return not opened yet (a preview): what the refund would be. */
    public static long preview(Order o, String lineId, long units) { return valueOf(o, (String) null, lineId, units); }

    private static long valueOf(Order o, String returnId, String lineId, long units) {
        OrderLine line = o.line(lineId);
        long before = 0;
        for (ReturnRequest other : o.children(ReturnRequest.class)) {
            if (other.id().equals(returnId) || other.settlement() == null) continue;
            ReturnLine ol = other.line(lineId);
            if (ol != null && ol.approved() != null) before += ol.approved();
        }
        long quantity = line.quantity();
        if (quantity == 0) return 0;
        long upTo = Math.min(quantity, before + units);
        return share(line.amountDue(), upTo, quantity) - share(line.amountDue(), Math.min(before, quantity), quantity);
    }

    private static long share(long amount, long units, long quantity) {
        return java.math.BigInteger.valueOf(amount).multiply(java.math.BigInteger.valueOf(units))
                .divide(java.math.BigInteger.valueOf(quantity)).longValueExact();
    }
}
