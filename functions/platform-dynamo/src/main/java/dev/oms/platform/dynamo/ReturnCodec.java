package dev.oms.platform.dynamo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.domain.order.ReturnRequest;

/** Stores an order's returns; addressable, so {@code /v1/orders/returns/{returnId}/...} finds the order. */
final class ReturnCodec implements ChildCodec<ReturnRequest> {
    @Override public String kind() { return "return"; }
    @Override public Class<ReturnRequest> type() { return ReturnRequest.class; }
    @Override public boolean addressable() { return true; }

    @Override public ObjectNode toItem(ReturnRequest r) { return ReturnShapes.toJson(r, true); }

    @Override public ReturnRequest fromItem(JsonNode item) { return ReturnShapes.fromJson(item); }
}
