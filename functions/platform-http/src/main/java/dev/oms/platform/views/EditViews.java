package dev.oms.platform.views;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.domain.order.Cancellation;
import dev.oms.domain.order.EditChange;
import dev.oms.domain.order.EditPreview;
import dev.oms.domain.order.EditQuote;
import dev.oms.domain.order.OrderEdit;
import dev.oms.domain.order.OrderLine;
import dev.oms.domain.order.OrderPricing;
import dev.oms.domain.order.PaymentReference;
import dev.oms.platform.dynamo.EditShapes;
import dev.oms.platform.json.Json;
import dev.oms.platform.json.Shapes;
import dev.oms.platform.json.Times;
import java.time.Instant;
import java.util.List;

/** The API shapes of edit quotes and edits (amounts in minor units of {@code currency}, as order totals are). */
public final class EditViews {
    private EditViews() { }

    public static ObjectNode quote(EditQuote q, Instant now) {
        ObjectNode o = Json.object();
        o.put("id", q.id());
        o.put("order_id", q.orderId());
        o.put("status", q.isExpiredAt(now) ? "expired" : "open");
        o.put("based_on_version", q.basedOnVersion());
        o.put("created_by", q.createdBy());
        o.put("created_at", Times.format(q.createdAt()));
        o.put("expires_at", Times.format(q.expiresAt()));
        o.put("reason", q.reason());
        o.set("changes", changes(q.changes()));
        preview(o, q.preview());
        return o;
    }

    /** The priced part of a quote: totals, per-line deltas, the split by fulfilment state and the money plan. */
    static void preview(ObjectNode o, EditPreview p) {
        o.put("currency", p.currency());
        ObjectNode totals = EditShapes.preview(p); // the stored shape: totals, line deltas and split as answered
        o.set("totals_before", totals.get("before"));
        o.set("totals_after", totals.get("after"));
        o.put("delta", p.delta());
        o.put("shipping_delta", p.shippingDelta());
        o.set("delta_split", totals.get("delta_split"));
        o.set("lines", totals.get("lines"));
        o.set("money_plan", EditShapes.plan(p.moneyPlan()));
        o.set("returns", totals.get("returns"));
        o.set("fulfillments_to_cancel", totals.get("fulfillments_to_cancel"));
        ObjectNode after = o.putObject("after");
        after.set("lines", lines(p.linesAfter()));
        after.put("order_discount", p.orderDiscountAfter());
        after.put("shipping_method", p.shippingMethodAfter());
        after.put("shipping_amount", p.shippingAmountAfter());
        after.set("shipping_address", Shapes.address(p.shippingAddressAfter()));
    }

    public static ObjectNode edit(OrderEdit e) {
        ObjectNode o = Json.object();
        o.put("id", e.id());
        o.put("quote_id", e.quoteId());
        o.put("state", e.state());
        o.put("reason", e.reason());
        o.put("requested_by", e.requestedBy());
        o.put("requested_at", Times.format(e.requestedAt()));
        o.put("finished_at", Times.format(e.finishedAt()));
        o.put("based_on_version", e.basedOnVersion());
        o.set("changes", changes(e.changes()));
        ObjectNode before = o.putObject("before");
        before.set("totals", EditShapes.preview(e.preview()).get("before"));
        before.set("lines", lines(e.before().lines()));
        before.put("order_discount", e.before().orderDiscount());
        before.put("shipping_method", e.before().shippingMethod());
        before.put("shipping_amount", e.before().shippingAmount());
        before.set("shipping_address", Shapes.address(e.before().shippingAddress()));
        ObjectNode quote = o.putObject("quote");
        preview(quote, e.preview());
        ArrayNode pays = o.putArray("new_payments");
        for (PaymentReference p : e.newPayments()) pays.addObject().put("payment_id", p.paymentId()).set("amount", Shapes.money(p.amount()));
        ArrayNode actions = o.putArray("actions");
        for (Cancellation.Action a : e.actions()) {
            actions.addObject().put("step", a.step()).put("at", Times.format(a.at())).set("detail", Json.valueToTree(a.detail()));
        }
        o.put("failure", e.failure());
        return o;
    }

    static ArrayNode lines(List<OrderLine> lines) {
        ArrayNode a = Json.array();
        for (OrderLine l : lines) a.add(OrderViews.line(l));
        return a;
    }

    static ArrayNode changes(List<EditChange> changes) {
        ArrayNode a = Json.array();
        for (EditChange c : changes) {
            ObjectNode x = a.addObject();
            x.put("type", c.type());
            if (c.lineId() != null) x.put("line_id", c.lineId());
            if (c.line() != null) {
                OrderLine l = OrderPricing.withAllocation(c.line().toLine(c.lineId()), 0);
                x.set("line", OrderViews.line(l));
            }
            if (c.quantity() != null) x.put("quantity", c.quantity());
            if (c.unitPrice() != null) x.set("unit_price", Shapes.money(c.unitPrice()));
            if (c.discount() != null) x.set("discount", Shapes.money(c.discount()));
            if (c.shippingMethod() != null) x.put("shipping_method", c.shippingMethod());
            if (c.shippingAmount() != null) x.set("shipping_amount", Shapes.money(c.shippingAmount()));
            if (c.shippingAddress() != null) x.set("shipping_address", Shapes.address(c.shippingAddress()));
            if (c.reasonCode() != null) x.put("reason_code", c.reasonCode());
        }
        return a;
    }
}
