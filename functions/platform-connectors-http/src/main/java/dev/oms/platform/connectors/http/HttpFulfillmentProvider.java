package dev.oms.platform.connectors.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.connector.FulfillmentProvider;
import dev.oms.domain.DomainException;
import dev.oms.platform.json.Json;
import dev.oms.platform.json.Shapes;

/**
 * A 3PL or WMS over the signed-HTTP contract: {@code POST /fulfillments} hands a fulfilment over (answering the
 * partner's {@code reference}), {@code POST /fulfillments/{fulfillment_id}/cancellations} asks it to stop (the partner
 * answers {@code {"cancelled": true}}, or 409 {@code fulfillment.already_shipped} when it is too late),
 * {@code POST /fulfillments/validate} checks a sample without creating anything, {@code POST /inventory/availability}
 * answers what it holds. The partner
 * reports shipments through the OMS's signed inbound fulfilment webhook.
 */
public final class HttpFulfillmentProvider implements FulfillmentProvider {
    static final String TOO_LATE = "fulfillment.already_shipped";
    private final SignedHttpClient client;

    public HttpFulfillmentProvider(SignedHttpClient client) { this.client = client; }

    @Override
    public Dispatched dispatch(String tenantId, Dispatch request, String idempotencyKey) {
        return new Dispatched(client.post("dispatch", "/fulfillments", body(request), idempotencyKey).path("reference").asText(null));
    }

    /** {@code POST /inventory/availability {"skus": [...]}} answers {@code {"items": [{"sku", "available"}]}}. */
    @Override
    public java.util.Map<String, Long> availability(String tenantId, java.util.List<String> skus) {
        ObjectNode body = Json.object();
        ArrayNode list = body.putArray("skus");
        skus.forEach(list::add);
        java.util.Map<String, Long> out = new java.util.TreeMap<>();
        for (var item : client.post("availability", "/inventory/availability", body, null).path("items")) {
            String sku = item.path("sku").asText(null);
            if (sku == null || !item.path("available").canConvertToLong()) {
                throw new dev.oms.app.connector.ConnectorException("fulfillment_provider", "availability", "the partner answered an item without sku or available");
            }
            out.put(sku, item.path("available").asLong());
        }
        return out;
    }

    /** {@code POST /fulfillments/validate} with a sample: the partner checks it and creates nothing ({@code {"valid": true}}). */
    @Override
    public String probe(String tenantId, Dispatch sample) {
        var answer = client.post("probe", "/fulfillments/validate", body(sample), null);
        if (!answer.path("valid").asBoolean(false)) {
            throw DomainException.unprocessable("connector.test_refused", "The partner refused the sample pick list: "
                    + answer.path("message").asText("no reason given"), "Check the partner's field mapping.");
        }
        return answer.path("message").asText("the partner accepted the sample pick list");
    }

    private static ObjectNode body(Dispatch request) {
        ObjectNode body = Json.object().put("order_id", request.orderId()).put("order_number", request.orderNumber())
                .put("fulfillment_id", request.fulfillmentId()).put("warehouse_id", request.warehouseId())
                .put("carrier", request.carrierHint()).put("service_code", request.serviceCode())
                .put("shipment_reference", request.shipmentReference());
        ArrayNode items = body.putArray("items");
        for (Item i : request.items()) items.addObject().put("line_id", i.lineId()).put("sku", i.sku()).put("quantity", i.quantity());
        if (request.shipTo() != null) body.set("ship_to", Shapes.address(request.shipTo()));
        return body;
    }

    @Override
    public boolean cancel(String tenantId, String orderId, String fulfillmentId, String reason, String idempotencyKey) {
        ObjectNode body = Json.object().put("order_id", orderId).put("reason", reason);
        try {
            return client.post("cancel", "/fulfillments/" + fulfillmentId + "/cancellations", body, idempotencyKey).path("cancelled").asBoolean(false);
        } catch (DomainException refused) {
            if (TOO_LATE.equals(refused.details().get("vendor_code"))) return false;
            throw refused;
        }
    }
}
