package dev.oms.domain.order;

import java.util.Locale;

/**
 * Where a return stands: {@code requested} → {@code label_issued} (optional) → {@code partially_received} /
 * {@code received} → {@code inspected} → {@code refunded} | {@code credited} | {@code exchanged} → {@code closed};
 * {@code cancelled} before anything arrived. A rejected inspection goes straight to {@code closed}.
 */
public enum ReturnState {
    REQUESTED, LABEL_ISSUED, PARTIALLY_RECEIVED, RECEIVED, INSPECTED, REFUNDED, CREDITED, EXCHANGED, CLOSED, CANCELLED;

    public String wire() { return name().toLowerCase(Locale.ROOT); }

    public static ReturnState fromWire(String value) { return valueOf(value.toUpperCase(Locale.ROOT)); }

    /** Nothing has arrived yet: the return can still be cancelled and a label issued. */
    public boolean awaitingGoods() { return this == REQUESTED || this == LABEL_ISSUED; }

    public boolean canReceive() { return awaitingGoods() || this == PARTIALLY_RECEIVED || this == RECEIVED; }

    public boolean isSettled() { return this == REFUNDED || this == CREDITED || this == EXCHANGED; }

    /** Still moving: neither closed nor cancelled. */
    public boolean isOpen() { return this != CLOSED && this != CANCELLED; }
}
