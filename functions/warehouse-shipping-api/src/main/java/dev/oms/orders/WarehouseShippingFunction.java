package dev.oms.orders;

import dev.oms.platform.http.ApiFunction;

/** Seed 003 shipping and receiving ({@code /v1/fulfillment/shipments}, {@code /v1/fulfillment/returns}) as one Lambda function. */
public final class WarehouseShippingFunction extends ApiFunction {
    public WarehouseShippingFunction() { this(WarehouseShippingApi.get()); }

    WarehouseShippingFunction(WarehouseShippingApi p) {
        super(p.idempotency, p.clock, new WarehouseShipmentsHandler(p), new WarehouseReturnsHandler(p));
    }
}
