package dev.oms.platform.dynamo;

import static dev.oms.platform.json.Shapes.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.domain.order.Cancellation;
import dev.oms.domain.order.ReturnLine;
import dev.oms.domain.order.ReturnRequest;
import dev.oms.domain.order.ReturnState;
import dev.oms.platform.json.Json;
import dev.oms.platform.json.Shapes;
import dev.oms.platform.json.Times;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Returns as JSON: the stored item and the API shape are the same, except that the saga's task token is stored and
 * never shown.
 */
public final class ReturnShapes {
    private ReturnShapes() { }

    public static ObjectNode toJson(ReturnRequest r, boolean withToken) {
        ObjectNode x = Json.object();
        x.put("id", r.id());
        x.put("rma", r.rma());
        x.put("status", r.state().wire());
        x.put("return_method", r.method());
        x.put("refund", r.refundMethod());
        x.put("instructions", r.instructions());
        x.set("metadata", Json.valueToTree(r.metadata()));
        ArrayNode lines = x.putArray("lines");
        for (ReturnLine l : r.lines()) {
            ObjectNode y = lines.addObject();
            y.put("line_id", l.lineId()).put("sku", l.sku()).put("quantity", l.quantity()).put("reason_code", l.reasonCode())
                    .put("received_quantity", l.received()).put("condition", l.condition());
            y.set("serials", Json.valueToTree(l.serials()));
            if (l.approved() != null) y.put("approved_quantity", l.approved());
            else y.putNull("approved_quantity");
            y.put("restockable_quantity", l.restockable()).put("restocking_fee", l.restockingFee()).put("reject_reason", l.rejectReason());
        }
        x.put("outcome", r.outcome());
        x.put("resolution", r.resolution());
        if (r.label() != null) {
            x.putObject("label").put("carrier", r.label().carrier()).put("tracking_number", r.label().trackingNumber())
                    .put("document_id", r.label().documentId()).put("issued_at", Times.format(r.label().issuedAt()));
        }
        if (r.settlement() != null) {
            ReturnRequest.Settlement s = r.settlement();
            ObjectNode y = x.putObject("settlement").put("kind", s.kind()).put("reference", s.reference()).put("amount", s.amount())
                    .put("currency", s.currency()).put("at", Times.format(s.at()));
            y.set("by_line", Json.valueToTree(s.byLine()));
        }
        if (withToken) x.put("task_token", r.taskToken());
        x.put("awaiting", r.awaiting());
        ArrayNode steps = x.putArray("steps");
        for (Cancellation.Action a : r.steps()) {
            ObjectNode y = steps.addObject().put("step", a.step()).put("at", Times.format(a.at()));
            y.set("detail", Json.valueToTree(a.detail()));
        }
        x.put("requested_by", r.requestedBy());
        x.put("created_at", Times.format(r.createdAt()));
        x.put("updated_at", Times.format(r.updatedAt()));
        x.put("closed_at", Times.format(r.closedAt()));
        x.put("cancel_reason", r.cancelReason());
        return x;
    }

    public static ReturnRequest fromJson(JsonNode x) {
        List<ReturnLine> lines = new ArrayList<>();
        for (JsonNode y : x.path("lines")) {
            List<String> serials = new ArrayList<>();
            y.path("serials").forEach(s -> serials.add(s.asText()));
            lines.add(new ReturnLine(text(y, "line_id"), text(y, "sku"), y.path("quantity").asLong(), text(y, "reason_code"),
                    y.path("received_quantity").asLong(), text(y, "condition"), serials,
                    y.hasNonNull("approved_quantity") ? y.get("approved_quantity").asLong() : null,
                    y.path("restockable_quantity").asLong(), y.path("restocking_fee").asLong(), text(y, "reject_reason")));
        }
        JsonNode l = x.path("label");
        ReturnRequest.Label label = l.isObject() ? new ReturnRequest.Label(text(l, "carrier"), text(l, "tracking_number"),
                text(l, "document_id"), Times.parse(text(l, "issued_at"))) : null;
        JsonNode s = x.path("settlement");
        ReturnRequest.Settlement settlement = null;
        if (s.isObject()) {
            Map<String, Long> byLine = new LinkedHashMap<>();
            s.path("by_line").properties().forEach(e -> byLine.put(e.getKey(), e.getValue().asLong()));
            settlement = new ReturnRequest.Settlement(text(s, "kind"), text(s, "reference"), s.path("amount").asLong(), text(s, "currency"),
                    byLine, Times.parse(text(s, "at")));
        }
        List<Cancellation.Action> steps = new ArrayList<>();
        for (JsonNode y : x.path("steps")) {
            steps.add(new Cancellation.Action(text(y, "step"), Json.toMap(y.path("detail").isObject() ? y.path("detail") : Json.object()),
                    Times.parse(text(y, "at"))));
        }
        return new ReturnRequest(text(x, "id"), text(x, "rma"), ReturnState.fromWire(text(x, "status")), text(x, "return_method"),
                text(x, "refund"), text(x, "instructions"), Shapes.stringMap(x.path("metadata")), lines, text(x, "outcome"),
                text(x, "resolution"), label, settlement, text(x, "task_token"), text(x, "awaiting"), steps, text(x, "requested_by"),
                Times.parse(text(x, "created_at")), Times.parse(text(x, "updated_at")), Times.parse(text(x, "closed_at")), text(x, "cancel_reason"));
    }
}
