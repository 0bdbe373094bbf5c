package dev.oms.orders;

import dev.oms.platform.http.ApiFunction;

/**
 * Seed 003 shipping and receiving as one Lambda function: shipments, manifests, ASNs, returns intake, vendor shipments
 * QC and the carrier webhook under {@code /v1/fulfillment/}.
 */
public final class WarehouseShippingFunction extends ApiFunction {
    public WarehouseShippingFunction() { this(WarehouseShippingApi.get()); }

    WarehouseShippingFunction(WarehouseShippingApi p) {
        super(p.idempotency, p.clock, new WarehouseShipmentsHandler(p), new WarehouseReturnsHandler(p), new WarehouseManifestsHandler(p),
                new WarehouseQcHandler(p), new WarehouseVendorShipmentsHandler(p), new CarrierWebhookHandler(p));
    }
}
