package dev.oms.app.connector;

import dev.oms.domain.order.Address;
import java.util.List;
import java.util.Map;

/**
 * A fulfilment provider (a 3PL or a warehouse management system) that ships what the OMS hands it. The fulfill-order
 * saga hands each fulfilment over once and waits for the provider's shipment (its signed {@code fulfillment.shipped}
 * webhook, or a ship call through the API); the saga's compensation asks the provider to stop. Calls carry idempotency
 * keys: the same key hands nothing over twice. Failures and time-outs are {@link ConnectorException}s.
 */
public interface FulfillmentProvider {

    /** Hands a fulfilment to the provider; answers the provider's reference for it. */
    Dispatched dispatch(String tenantId, Dispatch request, String idempotencyKey);

    /**
     * Asks the provider to stop a fulfilment it was handed: {@code true} when it stopped, {@code false} when it is too
     * late (the provider has shipped it, or packed it beyond recall).
     */
    boolean cancel(String tenantId, String orderId, String fulfillmentId, String reason, String idempotencyKey);

    /**
     * What the provider reports it holds of these SKUs (every SKU it reports, when {@code skus} is empty): SKU to
     * available units. Read only: nothing changes at the provider or in the OMS.
     */
    Map<String, Long> availability(String tenantId, List<String> skus);

    /**
     * A round trip that creates nothing at the provider: hands it a sample pick list to check (or drops the file and
     * takes it back) and answers what the provider said. Used by a connector's {@code test}.
     */
    String probe(String tenantId, Dispatch sample);

    /** What to ship: the order, the fulfilment and its warehouse, each line's SKU and units, the address and hints. */
    record Dispatch(String orderId, long orderNumber, String fulfillmentId, String warehouseId, List<Item> items, Address shipTo,
                    String carrierHint, String serviceCode, String shipmentReference) {
        public Dispatch {
            items = List.copyOf(items);
        }
    }

    record Item(String lineId, String sku, long quantity) { }

    record Dispatched(String providerReference) { }
}
