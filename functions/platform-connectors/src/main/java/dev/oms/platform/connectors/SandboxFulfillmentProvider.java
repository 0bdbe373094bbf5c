package dev.oms.platform.connectors;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.connector.ConnectorException;
import dev.oms.app.connector.FulfillmentProvider;
import dev.oms.platform.dynamo.SingleTable;
import dev.oms.platform.json.Json;

/**
 * A fulfilment provider kept in the table: a hand-over is recorded once per key and answers {@code sbx-<fulfilment>};
 * a cancellation always stops (the sandbox ships nothing by itself: the warehouse or the local runtime ships through
 * the API); it holds what the sandbox inventory holds. Faults: connector {@code fulfillment_provider}, operations
 * {@code dispatch}, {@code cancel}, {@code availability} and {@code probe}.
 */
public final class SandboxFulfillmentProvider implements FulfillmentProvider {
    private final SandboxOperations operations;
    private final SandboxInventory inventory;

    public SandboxFulfillmentProvider(SingleTable table, SandboxInventory inventory) {
        this.operations = new SandboxOperations(table);
        this.inventory = inventory;
    }

    @Override
    public Dispatched dispatch(String tenantId, Dispatch request, String idempotencyKey) {
        ObjectNode r = operations.once(tenantId, "fulfillment_provider", "dispatch#" + idempotencyKey, () -> {
            fault("dispatch");
            return Json.object().put("reference", "sbx-" + request.fulfillmentId());
        });
        return new Dispatched(r.path("reference").asText());
    }

    @Override
    public boolean cancel(String tenantId, String orderId, String fulfillmentId, String reason, String idempotencyKey) {
        ObjectNode r = operations.once(tenantId, "fulfillment_provider", "cancel#" + idempotencyKey, () -> {
            fault("cancel");
            return Json.object().put("cancelled", true);
        });
        return r.path("cancelled").asBoolean();
    }

    /** The sandbox holds what the sandbox inventory holds of each SKU asked (it reports nothing unasked). */
    @Override
    public java.util.Map<String, Long> availability(String tenantId, java.util.List<String> skus) {
        fault("availability");
        java.util.Map<String, Long> out = new java.util.TreeMap<>();
        for (String sku : skus) out.put(sku, inventory.stock(tenantId, sku));
        return out;
    }

    @Override
    public String probe(String tenantId, Dispatch sample) {
        fault("probe");
        return "sandbox accepted a sample pick list of " + sample.items().size() + " lines";
    }

    private static void fault(String operation) {
        SandboxFaults.Mode fault = SandboxFaults.next("fulfillment_provider", operation);
        if (fault == SandboxFaults.Mode.FAIL) throw new ConnectorException("fulfillment_provider", operation, "sandbox fault injected");
        if (fault == SandboxFaults.Mode.TIMEOUT) throw new ConnectorException("fulfillment_provider", operation, "timed out");
        if (fault == SandboxFaults.Mode.DECLINE) throw new ConnectorException("fulfillment_provider", operation, "the provider refused the fulfilment");
    }
}
