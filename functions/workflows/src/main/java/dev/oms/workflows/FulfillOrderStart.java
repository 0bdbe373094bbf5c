package dev.oms.workflows;

import dev.oms.platform.events.OrderEventDetail;
import dev.oms.platform.observability.Observability;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * Starts the fulfill-order saga for {@code fulfillment.requested}, named {@code fulfil-<order>-<fulfilment>}: the
 * fulfilment id was chosen with the request, so a duplicate event starts nothing twice.
 */
final class FulfillOrderStart {
    private FulfillOrderStart() { }

    static Map<String, Object> start(SfnClient sfn, String stateMachineArn, OrderEventDetail e) {
        Map<String, Object> data = e.data();
        String orderId = e.orderId();
        String fulfillmentId = e.dataText("fulfillment_id");
        Map<String, Object> request = new LinkedHashMap<>();
        for (String k : new String[] {"warehouse_id", "lines", "carrier_hint", "service_code", "shipment_reference", "external_reference"}) {
            if (data.get(k) != null) request.put(k, data.get(k));
        }
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("tenant_id", e.tenantId());
        input.put("order_id", orderId);
        input.put("fulfillment_id", fulfillmentId);
        input.put("request", request);
        input.put("ship_within_seconds", data.get("ship_within_seconds"));
        input.put("correlation_id", e.correlationId());
        String name = executionName(orderId, fulfillmentId);
        String arn = SagaStarter.startOnce(sfn, stateMachineArn, name, input);
        Observability.log().info("fulfill-order saga {} for {}", arn, orderId);
        return Map.of("execution_arn", arn, "name", name);
    }

    static String executionName(String orderId, String fulfillmentId) {
        String name = "fulfil-" + orderId + "-" + fulfillmentId;
        return name.length() <= 80 ? name : name.substring(0, 80);
    }
}
