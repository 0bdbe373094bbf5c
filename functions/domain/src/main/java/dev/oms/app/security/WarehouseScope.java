package dev.oms.app.security;

import dev.oms.domain.DomainException;

/**
 * The one check of a warehouse key's scope in the use cases (seed 003 {@code /v1/fulfillment/keys}): acting in another
 * warehouse than the key's is 403 {@code auth.warehouse_scope}. (Records of another warehouse that are addressed by id
 * answer 404 instead, as another tenant's would; the HTTP layer refuses a named {@code warehouse_id} before this.)
 */
public final class WarehouseScope {
    private WarehouseScope() { }

    public static void require(Caller caller, String warehouseId) {
        if (!caller.mayUseWarehouse(warehouseId)) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, "auth.warehouse_scope",
                    "Your key is scoped to warehouse " + caller.warehouseScope() + ", not " + warehouseId,
                    "Act in your own warehouse, or use a key of the other one.");
        }
    }
}
