package dev.oms.domain.order;

import dev.oms.domain.DomainException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whether units of an order may be asked back: the order is not cancelled, something was shipped, the tenant's return
 * window (counted from the last delivery, or the first shipment when nothing was delivered yet) is still open, and each
 * line has that many units shipped and not already claimed by another return that is not cancelled. Every refusal is
 * 422 {@code return.not_eligible} with a {@code reason} and, per line, what could be returned.
 */
final class ReturnEligibility {
    private ReturnEligibility() { }

    static void check(Order o, ReturnDraft d, int windowDays, Instant now) {
        checkOrder(o, windowDays, now);
        checkLines(o, d);
    }

    /** The order-level rules: not cancelled, something shipped, the return window still open. */
    static void checkOrder(Order o, int windowDays, Instant now) {
        OrderState s = o.state();
        if (s.status == OrderStatus.CANCELLED || s.status == OrderStatus.CANCELLING) {
            throw notEligible("order_cancelled", "Order " + s.id + " is " + s.status.wire() + "; nothing can be returned",
                    "Cancelled orders are refunded by their cancellation.");
        }
        Instant from = s.lastDeliveredAt != null ? s.lastDeliveredAt : s.firstShippedAt;
        if (from == null) {
            throw notEligible("not_shipped", "Nothing of order " + s.id + " has shipped yet", "Cancel unshipped units instead of returning them.");
        }
        Instant returnBy = from.plus(Duration.ofDays(windowDays));
        if (now.isAfter(returnBy)) {
            throw notEligible("return_window_expired", "The return window of order " + s.id + " closed at " + returnBy,
                    "Returns are accepted for " + windowDays + " days after delivery.")
                    .with("return_window_days", windowDays).with("return_by", returnBy.toString());
        }
    }

    /** When the window closes: the last delivery (or first shipment) plus the window; null while nothing shipped. */
    static Instant returnBy(Order o, int windowDays) {
        OrderState s = o.state();
        Instant from = s.lastDeliveredAt != null ? s.lastDeliveredAt : s.firstShippedAt;
        return from == null ? null : from.plus(Duration.ofDays(windowDays));
    }

    /** Units of the line that may still be asked back: shipped and not claimed by a return that is not cancelled. */
    static long returnable(Order o, String lineId) {
        return Math.max(0, o.units(lineId, UnitMeasure.SHIPPED) - o.units(lineId, UnitMeasure.RETURN_REQUESTED));
    }

    private static void checkLines(Order o, ReturnDraft d) {
        Set<String> seen = new HashSet<>();
        List<Object> refused = new ArrayList<>();
        for (int i = 0; i < d.lines().size(); i++) {
            ReturnDraft.Item item = d.lines().get(i);
            if (!seen.add(item.lineId())) {
                throw DomainException.invalidField("lines[" + i + "].line_id", "line_id.duplicate", "A line may appear once per return");
            }
            o.line(item.lineId());
            long shipped = o.units(item.lineId(), UnitMeasure.SHIPPED);
            long claimed = o.units(item.lineId(), UnitMeasure.RETURN_REQUESTED);
            long returnable = returnable(o, item.lineId());
            if (item.quantity() > returnable) {
                String why = shipped == 0 ? "not_shipped" : returnable == 0 ? "already_returned" : "quantity_exceeds_returnable";
                refused.add(Order.data("line_id", item.lineId(), "reason", why, "requested", item.quantity(),
                        "shipped", shipped, "already_returned", claimed, "returnable", returnable));
            }
        }
        if (!refused.isEmpty()) {
            String reason = refused.size() == 1 ? (String) ((Map<?, ?>) refused.get(0)).get("reason") : "lines_not_returnable";
            throw notEligible(reason, "Some lines cannot be returned in the asked quantity",
                    "Only shipped units not already in another return can be returned; see lines.").with("lines", refused);
        }
    }

    static DomainException notEligible(String reason, String message, String explain) {
        return DomainException.unprocessable("return.not_eligible", message, explain).with("reason", reason);
    }
}
