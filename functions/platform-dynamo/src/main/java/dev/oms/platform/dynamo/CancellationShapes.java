package dev.oms.platform.dynamo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.domain.order.Cancellation;
import dev.oms.domain.order.OrderStatus;
import dev.oms.platform.json.Json;
import dev.oms.platform.json.Times;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Cancellations as JSON: the same shape is stored on the order item and shown by the API. */
public final class CancellationShapes {
    private CancellationShapes() { }

    public static ArrayNode toJson(List<Cancellation> cancellations) {
        ArrayNode a = Json.array();
        for (Cancellation c : cancellations) a.add(toJson(c));
        return a;
    }

    public static ObjectNode toJson(Cancellation c) {
        ObjectNode x = Json.object();
        x.put("id", c.id());
        x.put("scope", c.scope());
        x.put("status", c.state().name().toLowerCase(Locale.ROOT));
        x.put("reason", c.reason());
        x.put("refund", c.refund());
        x.put("restock", c.restock());
        x.put("previous_status", c.previousStatus().wire());
        ArrayNode lines = x.putArray("lines");
        c.lines().forEach(l -> lines.addObject().put("line_id", l.lineId()).put("quantity", l.quantity()));
        x.set("refund_by_line", Json.valueToTree(c.refundByLine()));
        x.put("refund_amount", c.refundAmount());
        x.put("requested_by", c.requestedBy());
        x.put("requested_at", Times.format(c.requestedAt()));
        ArrayNode actions = x.putArray("actions");
        for (Cancellation.Action act : c.actions()) {
            ObjectNode y = actions.addObject();
            y.put("step", act.step());
            y.set("detail", Json.valueToTree(act.detail()));
            y.put("at", Times.format(act.at()));
        }
        x.put("failure", c.failure());
        return x;
    }

    public static List<Cancellation> fromJson(JsonNode a) {
        List<Cancellation> out = new ArrayList<>();
        for (JsonNode x : a) {
            List<Cancellation.LineQuantity> lines = new ArrayList<>();
            x.path("lines").forEach(l -> lines.add(new Cancellation.LineQuantity(l.path("line_id").asText(), l.path("quantity").asLong())));
            Map<String, Long> byLine = new LinkedHashMap<>();
            x.path("refund_by_line").properties().forEach(e -> byLine.put(e.getKey(), e.getValue().asLong()));
            List<Cancellation.Action> actions = new ArrayList<>();
            x.path("actions").forEach(y -> actions.add(new Cancellation.Action(y.path("step").asText(),
                    Json.toMap(y.path("detail").isObject() ? y.path("detail") : Json.object()), Times.parse(y.path("at").asText(null)))));
            out.add(new Cancellation(x.path("id").asText(), x.path("scope").asText(), x.path("reason").asText(null),
                    x.path("refund").asBoolean(), x.path("restock").asBoolean(), OrderStatus.fromWire(x.path("previous_status").asText()),
                    lines, byLine, x.path("refund_amount").asLong(),
                    Cancellation.State.valueOf(x.path("status").asText().toUpperCase(Locale.ROOT)), x.path("requested_by").asText(null),
                    Times.parse(x.path("requested_at").asText(null)), actions, x.path("failure").asText(null)));
        }
        return out;
    }
}
