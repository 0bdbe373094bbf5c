package dev.oms.app.lookup;

import java.util.Locale;

/**
 * A reference an order is looked up by. {@code external_reference} is the order's own unique field;
 * {@code merchant_reference} and {@code customer_reference} (a merchant's internal id, a buyer's PO number) are the
 * order metadata entries of those names, which may repeat across orders.
 */
public record OrderReference(Kind kind, String value) {
    public static final int MAX_LENGTH = dev.oms.domain.order.Metadata.MAX_VALUE_LENGTH;

    public enum Kind {
        EXTERNAL_REFERENCE, MERCHANT_REFERENCE, CUSTOMER_REFERENCE;

        public String wire() { return name().toLowerCase(Locale.ROOT); }
    }
}
