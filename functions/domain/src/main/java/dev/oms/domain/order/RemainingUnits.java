package dev.oms.domain.order;

import java.util.ArrayList;
import java.util.List;

/** What is left to fulfil of an order's physical (not digital) lines: every unit not yet in a live fulfilment. */
public final class RemainingUnits {
    private RemainingUnits() { }

    public static List<FulfillmentLine> physical(Order o) {
        List<FulfillmentLine> lines = new ArrayList<>();
        for (OrderLine l : o.lines()) {
            if (l.digital()) continue;
            long left = OrderFulfillment.remaining(o, l.id());
            if (left > 0) lines.add(new FulfillmentLine(l.id(), left, null, List.of()));
        }
        return lines;
    }
}
