package dev.oms.domain.order;

import java.util.List;

/** What a new fulfilment should hold: the warehouse, the units of each line, and hints for the carrier. */
public record FulfillmentRequest(String warehouseId, List<FulfillmentLine> lines, String carrierHint, String serviceCode,
                                 String shipmentReference, String externalReference) {
    public FulfillmentRequest {
        lines = List.copyOf(lines);
    }

    /** The same request sent to {@code warehouse} (the tenant's default warehouse, for a request that names none). */
    public FulfillmentRequest withWarehouse(String warehouse) {
        return new FulfillmentRequest(warehouse, lines, carrierHint, serviceCode, shipmentReference, externalReference);
    }
}
