package dev.oms.domain.warehouse.ops;

import java.time.Instant;

/**
 * A fulfilment handed to a fulfilment connector: recorded once per connector and fulfilment, with the provider's
 * reference, so a repeated push answers this record instead of creating a second order at the provider.
 */
public record ConnectorPush(String connectorId, String fulfillmentId, String orderId, String warehouseId, String providerReference,
                            String jobId, Instant pushedAt, String pushedBy) { }
