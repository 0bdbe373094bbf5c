package dev.oms.orders;

import dev.oms.platform.http.ApiFunction;

/** The warehouse flow of seed 003 as one Lambda function: the warehouse's fulfilments, allocations, pick lists,
 * warehouses, pack stations, serials, lots and traceability. */
public final class WarehouseFlowFunction extends ApiFunction {
    public WarehouseFlowFunction() { this(WarehouseApi.get()); }

    WarehouseFlowFunction(WarehouseApi p) {
        super(p.idempotency, p.clock, new WarehouseFulfilmentsHandler(p), new WarehousesHandler(p), new AllocationsHandler(p),
                new PicklistsHandler(p), new PackStationsHandler(p), new TraceabilityHandler(p));
    }
}
