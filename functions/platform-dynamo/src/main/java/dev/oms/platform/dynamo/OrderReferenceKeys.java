package dev.oms.platform.dynamo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * The sparse index keys of an order header for {@code POST /v1/orders/lookup}: GSI4 by the metadata entry
 * {@code merchant_reference}, GSI5 by {@code customer_reference}. An order without the entry is not in the index; a
 * metadata edit that changes or removes it moves the header with the same Put.
 */
public final class OrderReferenceKeys {
    public static final String MERCHANT_REFERENCE = "merchant_reference";
    public static final String CUSTOMER_REFERENCE = "customer_reference";

    private OrderReferenceKeys() { }

    static void put(ObjectNode header, String tenant, Map<String, String> metadata, String createdSk) {
        if (metadata == null) return;
        String merchant = metadata.get(MERCHANT_REFERENCE);
        if (merchant != null && !merchant.isEmpty()) {
            header.put(Keys.GSI4PK, Keys.ordersByMerchantReference(tenant, merchant));
            header.put(Keys.GSI4SK, createdSk);
        }
        String customer = metadata.get(CUSTOMER_REFERENCE);
        if (customer != null && !customer.isEmpty()) {
            header.put(Keys.GSI5PK, Keys.ordersByCustomerReference(tenant, customer));
            header.put(Keys.GSI5SK, createdSk);
        }
    }
}
