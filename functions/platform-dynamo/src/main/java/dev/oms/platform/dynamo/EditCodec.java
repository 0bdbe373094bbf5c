package dev.oms.platform.dynamo;

import static dev.oms.platform.json.Shapes.address;
import static dev.oms.platform.json.Shapes.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.domain.order.Cancellation;
import dev.oms.domain.order.OrderEdit;
import dev.oms.platform.json.Json;
import dev.oms.platform.json.Times;
import java.util.ArrayList;
import java.util.List;

/** Stores an order's applied edits: the changes, the quote's preview, the order before, and the edit saga's journal. */
final class EditCodec implements ChildCodec<OrderEdit> {
    @Override public String kind() { return "edit"; }
    @Override public Class<OrderEdit> type() { return OrderEdit.class; }
    @Override public boolean addressable() { return false; }

    @Override
    public ObjectNode toItem(OrderEdit e) {
        ObjectNode o = Json.object();
        o.put("id", e.id());
        o.put("quote_id", e.quoteId());
        o.put("state", e.state());
        o.put("reason", e.reason());
        o.put("requested_by", e.requestedBy());
        o.put("requested_at", Times.format(e.requestedAt()));
        o.put("finished_at", Times.format(e.finishedAt()));
        o.put("based_on_version", e.basedOnVersion());
        o.set("changes", EditShapes.changes(e.changes()));
        o.set("preview", EditShapes.preview(e.preview()));
        ObjectNode b = o.putObject("before");
        b.set("lines", EditShapes.lines(e.before().lines()));
        b.put("order_discount", e.before().orderDiscount());
        b.put("shipping_method", e.before().shippingMethod());
        b.put("shipping_amount", e.before().shippingAmount());
        b.set("shipping_address", address(e.before().shippingAddress()));
        o.set("new_payments", EditShapes.payments(e.newPayments()));
        ArrayNode actions = o.putArray("actions");
        for (Cancellation.Action a : e.actions()) {
            actions.addObject().put("step", a.step()).put("at", Times.format(a.at())).set("detail", Json.valueToTree(a.detail()));
        }
        o.put("failure", e.failure());
        return o;
    }

    @Override
    public OrderEdit fromItem(JsonNode o) {
        JsonNode b = o.path("before");
        OrderEdit.Before before = new OrderEdit.Before(EditShapes.lines(b.path("lines")), b.path("order_discount").asLong(),
                text(b, "shipping_method"), b.path("shipping_amount").asLong(), address(b.path("shipping_address")));
        List<Cancellation.Action> actions = new ArrayList<>();
        o.path("actions").forEach(a -> actions.add(new Cancellation.Action(a.path("step").asText(),
                Json.toMap(a.path("detail").isObject() ? a.path("detail") : Json.object()), Times.parse(text(a, "at")))));
        return new OrderEdit(text(o, "id"), text(o, "quote_id"), text(o, "state"), text(o, "reason"), text(o, "requested_by"),
                Times.parse(text(o, "requested_at")), Times.parse(text(o, "finished_at")), o.path("based_on_version").asLong(),
                EditShapes.changes(o.path("changes")), EditShapes.preview(o.path("preview")), before, EditShapes.payments(o.path("new_payments")),
                actions, text(o, "failure"));
    }
}
