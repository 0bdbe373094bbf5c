package dev.oms.orders;

import dev.oms.platform.http.ApiFunction;

/** The fulfilment connectors of the fulfilment service (seed 003 section 7) as one Lambda function. */
public final class FulfillmentConnectorsFunction extends ApiFunction {
    public FulfillmentConnectorsFunction() { this(WarehouseConnectorsApi.get()); }

    FulfillmentConnectorsFunction(WarehouseConnectorsApi p) {
        super(p.idempotency, p.clock, new FulfillmentConnectorsHandler(p));
    }
}
