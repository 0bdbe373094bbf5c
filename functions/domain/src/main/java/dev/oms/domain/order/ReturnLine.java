package dev.oms.domain.order;

import java.util.List;

/**
 * One order line in a return: the units asked back and why, what arrived (cumulative over receipts, with the last
 * condition seen and every serial), and what inspection decided: units {@code approved} (null until inspected),
 * how many of them go back to sellable stock, the restocking fee in minor units, and why the rest was rejected.
 */
public record ReturnLine(String lineId, String sku, long quantity, String reasonCode, long received, String condition,
                         List<String> serials, Long approved, long restockable, long restockingFee, String rejectReason) {
    public static final List<String> CONDITIONS = List.of("new", "opened", "used", "damaged", "defective", "missing_parts");

    public ReturnLine {
        serials = serials == null ? List.of() : List.copyOf(serials);
    }

    static ReturnLine requested(String lineId, String sku, long quantity, String reasonCode) {
        return new ReturnLine(lineId, sku, quantity, reasonCode, 0, null, List.of(), null, 0, 0, null);
    }

    /** The units this line still claims: what was asked until inspection, then what actually came back. */
    public long claimed() { return approved == null ? quantity : received; }

    public long rejected() { return approved == null ? 0 : received - approved; }

    ReturnLine receive(long units, String newCondition, List<String> newSerials) {
        List<String> all = new java.util.ArrayList<>(serials);
        all.addAll(newSerials);
        return new ReturnLine(lineId, sku, quantity, reasonCode, received + units, newCondition, all, null, 0, 0, null);
    }

    ReturnLine inspect(long approvedUnits, long restockableUnits, long fee, String reason) {
        return new ReturnLine(lineId, sku, quantity, reasonCode, received, condition, serials, approvedUnits, restockableUnits, fee, reason);
    }
}
