package dev.oms.workflows;

import dev.oms.platform.config.Env;
import dev.oms.platform.events.OrderEventDetail;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a saga is started from the event that requests it: the state machine, the execution name and the input. The
 * starters (on the event) and the saga sweeper (on a start that was lost) both use it, so a start and its re-drive
 * are the same request and Step Functions sees a duplicate, never a second saga.
 *
 * <ul>
 *   <li>{@code order.cancellation_requested}: cancel-order, {@code cancel-<order>-<cancellation>};</li>
 *   <li>{@code fulfillment.requested}: fulfill-order, {@code fulfil-<order>-<fulfilment>};</li>
 *   <li>{@code return.created}: return-order, {@code return-<order>-<return>}, with the waits' time-outs from
 *   {@code RETURN_RECEIPT_TIMEOUT_SECONDS} (30 days), {@code RETURN_INSPECTION_TIMEOUT_SECONDS} (14 days) and
 *   {@code RETURN_SETTLEMENT_TIMEOUT_SECONDS} (30 days);</li>
 *   <li>{@code order.edit_settlement_requested}: edit-order, {@code edit-<order>-<edit>};</li>
 *   <li>{@code customer.erasure_requested}: gdpr-erasure, {@code erase-<request>}.</li>
 * </ul>
 */
record SagaStarts(String cancelOrderArn, String fulfillOrderArn, String returnOrderArn, String editOrderArn, String erasureArn) {

    SagaStarts(String cancelOrderArn, String fulfillOrderArn, String returnOrderArn) { this(cancelOrderArn, fulfillOrderArn, returnOrderArn, null, null); }

    SagaStarts(String cancelOrderArn, String fulfillOrderArn, String returnOrderArn, String editOrderArn) {
        this(cancelOrderArn, fulfillOrderArn, returnOrderArn, editOrderArn, null);
    }

    /** One start: which machine, under which name, with what input; {@code subjectId} names its guard. */
    record Start(String stateMachineArn, String name, Map<String, Object> input, String subjectId) { }

    static SagaStarts fromEnvironment() {
        return new SagaStarts(Env.get("CANCEL_ORDER_STATE_MACHINE_ARN", null), Env.get("FULFILL_ORDER_STATE_MACHINE_ARN", null),
                Env.get("RETURN_ORDER_STATE_MACHINE_ARN", null), Env.get("EDIT_ORDER_STATE_MACHINE_ARN", null),
                Env.get("GDPR_ERASURE_STATE_MACHINE_ARN", null));
    }

    /** The start the event asks for, or null when it asks for none this configuration can start. */
    Start plan(OrderEventDetail e) {
        if (e == null) return null;
        return switch (e.type()) {
            case "order.cancellation_requested" -> cancelOrderArn == null ? null : cancelOrder(e);
            case "fulfillment.requested" -> fulfillOrderArn == null ? null : fulfillOrder(e);
            case "return.created" -> returnOrderArn == null ? null : returnOrder(e);
            case "order.edit_settlement_requested" -> editOrderArn == null ? null : editOrder(e);
            case "customer.erasure_requested" -> erasureArn == null ? null : erasure(e);
            default -> null;
        };
    }

    private Start cancelOrder(OrderEventDetail e) {
        Map<String, Object> data = e.data();
        String cancellationId = e.dataText("cancellation_id");
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("tenant_id", e.tenantId());
        input.put("order_id", e.orderId());
        input.put("cancellation_id", cancellationId);
        input.put("scope", data.get("scope"));
        input.put("refund", data.get("refund"));
        input.put("restock", data.get("restock"));
        input.put("correlation_id", e.correlationId());
        return new Start(cancelOrderArn, name("cancel-", e.orderId(), cancellationId), input, cancellationId);
    }

    private Start fulfillOrder(OrderEventDetail e) {
        Map<String, Object> data = e.data();
        String fulfillmentId = e.dataText("fulfillment_id");
        Map<String, Object> request = new LinkedHashMap<>();
        for (String k : new String[] {"warehouse_id", "lines", "carrier_hint", "service_code", "shipment_reference", "external_reference"}) {
            if (data.get(k) != null) request.put(k, data.get(k));
        }
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("tenant_id", e.tenantId());
        input.put("order_id", e.orderId());
        input.put("fulfillment_id", fulfillmentId);
        input.put("request", request);
        input.put("ship_within_seconds", data.get("ship_within_seconds"));
        input.put("correlation_id", e.correlationId());
        return new Start(fulfillOrderArn, name("fulfil-", e.orderId(), fulfillmentId), input, fulfillmentId);
    }

    private Start returnOrder(OrderEventDetail e) {
        String returnId = e.dataText("return_id");
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("tenant_id", e.tenantId());
        input.put("order_id", e.orderId());
        input.put("return_id", returnId);
        input.put("correlation_id", e.correlationId());
        input.put("receipt_timeout_seconds", seconds("RETURN_RECEIPT_TIMEOUT_SECONDS", 30 * 86_400));
        input.put("inspection_timeout_seconds", seconds("RETURN_INSPECTION_TIMEOUT_SECONDS", 14 * 86_400));
        input.put("settlement_timeout_seconds", seconds("RETURN_SETTLEMENT_TIMEOUT_SECONDS", 30 * 86_400));
        return new Start(returnOrderArn, name("return-", e.orderId(), returnId), input, returnId);
    }

    /** issue 11: the edit-order saga, {@code edit-<order>-<edit>}. */
    private Start editOrder(OrderEventDetail e) {
        String editId = e.dataText("edit_id");
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("tenant_id", e.tenantId());
        input.put("order_id", e.orderId());
        input.put("edit_id", editId);
        input.put("correlation_id", e.correlationId());
        return new Start(editOrderArn, name("edit-", e.orderId(), editId), input, editId);
    }

    /** issue 12: the gdpr-erasure workflow, {@code erase-<request>}; its input names no customer. */
    private Start erasure(OrderEventDetail e) {
        String requestId = e.dataText("request_id");
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("tenant_id", e.tenantId());
        input.put("request_id", requestId);
        return new Start(erasureArn, "erase-" + requestId, input, requestId);
    }

    private static long seconds(String name, long fallback) {
        String v = Env.get(name, null);
        return v == null ? fallback : Long.parseLong(v);
    }

    /** At most 80 characters of letters, digits, - and _: the ids are ULIDs with short prefixes, so they fit. */
    static String name(String prefix, String orderId, String subjectId) {
        String name = prefix + orderId + "-" + subjectId;
        return name.length() <= 80 ? name : name.substring(0, 80);
    }
}
