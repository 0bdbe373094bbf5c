package dev.oms.domain.order;

import dev.oms.domain.money.Money;
import java.util.List;
import java.util.Map;

/** Everything needed to create an order. */
public record OrderDraft(String externalReference, String customerId, String channel, String source,
                         String currency, List<LineSpec> items, Address shippingAddress, Address billingAddress,
                         String shippingMethod, Money shippingAmount, Money discount,
                         List<PaymentReference> payments, Map<String, String> metadata, PaymentTerms paymentTerms) {

    /** A draft without payment terms (the order is paid by its payments). */
    public OrderDraft(String externalReference, String customerId, String channel, String source, String currency, List<LineSpec> items,
                      Address shippingAddress, Address billingAddress, String shippingMethod, Money shippingAmount, Money discount,
                      List<PaymentReference> payments, Map<String, String> metadata) {
        this(externalReference, customerId, channel, source, currency, items, shippingAddress, billingAddress, shippingMethod,
                shippingAmount, discount, payments, metadata, null);
    }
}
