package dev.oms.domain.order;

import java.util.Locale;

/**
 * The order lifecycle. {@code created}: draft, fully editable. {@code pending}: submitted for confirmation but a
 * payment authorization is still pending. {@code confirmed}: checks passed, ready to fulfil. {@code on_hold}:
 * one or more holds block progress (the status before the hold is kept). {@code cancelling}: a cancellation was accepted and
 * the cancellation saga is releasing, refunding and restocking (a semantic lock: nothing else may change the order).
 * {@code completed}: closed, final unless an admin reopens it. {@code cancelled}: final.
 */
public enum OrderStatus {
    CREATED, PENDING, CONFIRMED, ON_HOLD, CANCELLING, COMPLETED, CANCELLED;

    public String wire() { return name().toLowerCase(Locale.ROOT); }

    public static OrderStatus fromWire(String value) {
        for (OrderStatus s : values()) if (s.wire().equals(value)) return s;
        throw new IllegalArgumentException("unknown order status: " + value);
    }

    public static boolean isWire(String value) {
        for (OrderStatus s : values()) if (s.wire().equals(value)) return true;
        return false;
    }
}
