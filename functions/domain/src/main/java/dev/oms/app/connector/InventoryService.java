package dev.oms.app.connector;

import java.util.List;

/** The inventory service: can these quantities be sold? */
public interface InventoryService {

    /** The SKUs of the request that cannot be supplied in the asked quantity (empty when all can). */
    List<String> unavailable(String tenantId, List<SkuQuantity> request);

    record SkuQuantity(String sku, long quantity) { }
}
