package dev.oms.platform.views;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.domain.order.Address;
import dev.oms.domain.order.Order;
import dev.oms.domain.order.ReturnRefunds;
import dev.oms.domain.order.ReturnRequest;
import dev.oms.platform.dynamo.ReturnShapes;
import dev.oms.platform.json.Json;
import dev.oms.platform.json.Shapes;

/** Returns as the API shows them: the stored shape without the saga's token, with the order and what to do next. */
public final class ReturnViews {
    private ReturnViews() { }

    public static ObjectNode ret(Order order, ReturnRequest r) {
        ObjectNode x = ReturnShapes.toJson(r, false);
        x.put("return_id", r.id());
        x.put("order_id", order.id());
        if (r.outcome() != null && !ReturnRequest.REJECTED.equals(r.outcome())) {
            x.put("refund_amount", ReturnRefunds.total(r.settlement() != null ? r.settlement().byLine() : ReturnRefunds.byLine(order, r)));
            x.put("currency", order.state().currency);
        }
        return x;
    }

    /** A new return with the customer's instructions: the RMA to write on the parcel, where to send it, the label. */
    public static ObjectNode created(Order order, ReturnRequest r, Address returnAddress) {
        ObjectNode x = ret(order, r);
        ObjectNode how = x.putObject("return_instructions");
        how.put("rma", r.rma());
        how.put("return_method", r.method());
        how.put("text", switch (r.method()) {
            case "ship" -> "Pack the items with " + r.rma() + " written on the parcel and send it with the return label "
                    + "(POST /v1/orders/returns/" + r.id() + "/ship-return-label).";
            case "pickup" -> "Pack the items with " + r.rma() + " written on the parcel; a courier will collect it.";
            default -> "Bring the items with " + r.rma() + " to the return address.";
        });
        how.set("return_address", returnAddress == null ? null : Shapes.address(returnAddress));
        how.put("label_url", "ship".equals(r.method()) ? "/v1/orders/returns/" + r.id() + "/ship-return-label" : null);
        return x;
    }

    public static ArrayNode list(Order order) {
        ArrayNode a = Json.array();
        for (ReturnRequest r : order.children(ReturnRequest.class)) a.add(ret(order, r));
        return a;
    }

    /** A settled return: the return with what settled it ({@code refund_id}, {@code credit_reference} or the exchange order). */
    public static ObjectNode settled(Order order, ReturnRequest ret) {
        ObjectNode o = ret(order, ret);
        ReturnRequest.Settlement s = ret.settlement();
        switch (s.kind()) {
            case "refund" -> o.put("refund_id", s.reference());
            case "store_credit" -> {
                o.put("credit_reference", s.reference());
                order.children(dev.oms.domain.order.Refund.class).stream().filter(f -> ret.id().equals(f.sourceId()) && f.holdsBalance())
                        .findFirst().ifPresent(f -> o.put("refund_id", f.id()));
            }
            default -> {
                o.put("exchange_order_id", s.reference());
                o.putObject("links").put("exchange_order", "/v1/orders/" + s.reference());
            }
        }
        return o;
    }
}
