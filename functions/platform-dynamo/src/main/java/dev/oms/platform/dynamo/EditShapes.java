package dev.oms.platform.dynamo;

import static dev.oms.platform.json.Shapes.address;
import static dev.oms.platform.json.Shapes.money;
import static dev.oms.platform.json.Shapes.stringMap;
import static dev.oms.platform.json.Shapes.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.domain.money.Money;
import dev.oms.domain.order.EditChange;
import dev.oms.domain.order.EditPreview;
import dev.oms.domain.order.LineSpec;
import dev.oms.domain.order.OrderLine;
import dev.oms.domain.order.OrderTotals;
import dev.oms.domain.order.PaymentReference;
import dev.oms.platform.json.Json;
import java.util.ArrayList;
import java.util.List;

/** How edit quotes and edits are stored: their changes, previews and line snapshots, both ways. */
public final class EditShapes {
    private EditShapes() { }

    // ---- changes -------------------------------------------------------------------------------------------------

    public static ArrayNode changes(List<EditChange> changes) {
        ArrayNode a = Json.array();
        for (EditChange c : changes) {
            ObjectNode x = a.addObject();
            x.put("type", c.type());
            x.put("line_id", c.lineId());
            if (c.line() != null) x.set("line", spec(c.line()));
            if (c.quantity() != null) x.put("quantity", c.quantity());
            x.set("unit_price", money(c.unitPrice()));
            x.set("discount", money(c.discount()));
            x.put("shipping_method", c.shippingMethod());
            x.set("shipping_amount", money(c.shippingAmount()));
            x.set("shipping_address", address(c.shippingAddress()));
            x.put("reason_code", c.reasonCode());
        }
        return a;
    }

    public static List<EditChange> changes(JsonNode a) {
        List<EditChange> out = new ArrayList<>();
        for (JsonNode x : a) {
            out.add(new EditChange(text(x, "type"), text(x, "line_id"), x.path("line").isObject() ? spec(x.path("line")) : null,
                    x.hasNonNull("quantity") ? x.get("quantity").asLong() : null, money(x.path("unit_price")), money(x.path("discount")),
                    text(x, "shipping_method"), money(x.path("shipping_amount")), address(x.path("shipping_address")), text(x, "reason_code")));
        }
        return out;
    }

    private static ObjectNode spec(LineSpec s) {
        ObjectNode x = Json.object();
        x.put("client_line_id", s.clientLineId());
        x.put("sku", s.sku());
        x.put("variant_id", s.variantId());
        x.put("description", s.description());
        x.put("quantity", s.quantity());
        x.set("unit_price", money(s.unitPrice()));
        x.set("discount", money(s.discount()));
        if (s.taxRateBps() != null) x.put("tax_rate_bps", s.taxRateBps());
        x.set("tax_amount", money(s.taxAmount()));
        x.set("metadata", Json.valueToTree(s.metadata()));
        return x;
    }

    private static LineSpec spec(JsonNode x) {
        return new LineSpec(text(x, "client_line_id"), text(x, "sku"), text(x, "variant_id"), text(x, "description"),
                x.path("quantity").asLong(), money(x.path("unit_price")), money(x.path("discount")),
                x.hasNonNull("tax_rate_bps") ? x.get("tax_rate_bps").asInt() : null, money(x.path("tax_amount")), stringMap(x.path("metadata")));
    }

    // ---- lines ---------------------------------------------------------------------------------------------------

    /** Lines as the order item stores them. */
    public static ArrayNode lines(List<OrderLine> lines) { return OrderItemMapper.lines(lines); }

    public static List<OrderLine> lines(JsonNode a) {
        List<OrderLine> out = new ArrayList<>();
        for (JsonNode l : a) out.add(OrderItemMapper.line(l));
        return out;
    }

    // ---- previews ------------------------------------------------------------------------------------------------

    public static ObjectNode preview(EditPreview p) {
        ObjectNode o = Json.object();
        o.put("currency", p.currency());
        o.set("before", totals(p.before()));
        o.set("after", totals(p.after()));
        ArrayNode lines = o.putArray("lines");
        for (EditPreview.LineDelta d : p.lines()) {
            ObjectNode x = lines.addObject();
            x.put("line_id", d.lineId());
            x.put("sku", d.sku());
            x.put("change", d.change());
            x.put("quantity_before", d.quantityBefore());
            x.put("quantity_after", d.quantityAfter());
            x.put("unit_price_before", d.unitPriceBefore());
            x.put("unit_price_after", d.unitPriceAfter());
            x.put("amount_before", d.amountBefore());
            x.put("amount_after", d.amountAfter());
            x.set("units_before", split(d.unitsBefore()));
            x.set("delta_split", split(d.deltaSplit()));
        }
        o.put("shipping_delta", p.shippingDelta());
        o.set("delta_split", split(p.deltaSplit()));
        o.set("money_plan", plan(p.moneyPlan()));
        o.set("lines_after", lines(p.linesAfter()));
        o.put("order_discount_after", p.orderDiscountAfter());
        o.put("shipping_method_after", p.shippingMethodAfter());
        o.put("shipping_amount_after", p.shippingAmountAfter());
        o.set("shipping_address_after", address(p.shippingAddressAfter()));
        ArrayNode returns = o.putArray("returns");
        for (EditPreview.ReturnPreview r : p.returns()) {
            returns.addObject().put("line_id", r.lineId()).put("sku", r.sku()).put("quantity", r.quantity()).put("refund_estimate", r.refundEstimate());
        }
        ArrayNode cancel = o.putArray("fulfillments_to_cancel");
        p.fulfillmentsToCancel().forEach(cancel::add);
        return o;
    }

    public static EditPreview preview(JsonNode o) {
        List<EditPreview.LineDelta> lines = new ArrayList<>();
        for (JsonNode x : o.path("lines")) {
            lines.add(new EditPreview.LineDelta(text(x, "line_id"), text(x, "sku"), text(x, "change"), x.path("quantity_before").asLong(),
                    x.path("quantity_after").asLong(), x.path("unit_price_before").asLong(), x.path("unit_price_after").asLong(),
                    x.path("amount_before").asLong(), x.path("amount_after").asLong(), split(x.path("units_before")), split(x.path("delta_split"))));
        }
        return new EditPreview(text(o, "currency"), totals(o.path("before")), totals(o.path("after")), lines, o.path("shipping_delta").asLong(),
                split(o.path("delta_split")), plan(o.path("money_plan")), lines(o.path("lines_after")), o.path("order_discount_after").asLong(),
                text(o, "shipping_method_after"), o.path("shipping_amount_after").asLong(), address(o.path("shipping_address_after")),
                returns(o.path("returns")), texts(o.path("fulfillments_to_cancel")));
    }

    static List<String> texts(JsonNode a) {
        List<String> out = new ArrayList<>();
        for (JsonNode x : a) out.add(x.asText());
        return out;
    }

    static List<EditPreview.ReturnPreview> returns(JsonNode a) {
        List<EditPreview.ReturnPreview> out = new ArrayList<>();
        for (JsonNode r : a) {
            out.add(new EditPreview.ReturnPreview(text(r, "line_id"), text(r, "sku"), r.path("quantity").asLong(), r.path("refund_estimate").asLong()));
        }
        return out;
    }

    static ObjectNode totals(OrderTotals t) {
        ObjectNode o = Json.object();
        o.put("sub_total", t.subTotal());
        o.put("discount_total", t.discountTotal());
        o.put("tax_total", t.taxTotal());
        o.put("shipping_total", t.shippingTotal());
        o.put("total", t.total());
        return o;
    }

    static OrderTotals totals(JsonNode o) {
        return new OrderTotals(o.path("sub_total").asLong(), o.path("discount_total").asLong(), o.path("tax_total").asLong(),
                o.path("shipping_total").asLong(), o.path("total").asLong());
    }

    static ObjectNode split(EditPreview.Split s) {
        ObjectNode o = Json.object();
        o.put("unfulfilled", s.unfulfilled());
        o.put("in_fulfillment", s.inFulfillment());
        o.put("fulfilled", s.fulfilled());
        return o;
    }

    static EditPreview.Split split(JsonNode o) {
        return new EditPreview.Split(o.path("unfulfilled").asLong(), o.path("in_fulfillment").asLong(), o.path("fulfilled").asLong());
    }

    public static ObjectNode plan(EditPreview.MoneyPlan p) {
        ObjectNode o = Json.object();
        o.put("total_before", p.totalBefore());
        o.put("total_after", p.totalAfter());
        o.put("delta", p.delta());
        o.put("additional_authorization", p.additionalAuthorization());
        o.put("additional_capture", p.additionalCapture());
        o.put("payment_required", p.paymentRequired());
        o.put("void_total", p.voidTotal());
        o.put("refund_total", p.refundTotal());
        o.put("refund_on_return", p.refundOnReturn());
        ArrayNode ops = o.putArray("operations");
        for (EditPreview.PaymentOperation op : p.operations()) {
            ops.addObject().put("payment_id", op.paymentId()).put("kind", op.kind()).put("amount", op.amount()).put("available", op.available());
        }
        return o;
    }

    static EditPreview.MoneyPlan plan(JsonNode o) {
        List<EditPreview.PaymentOperation> ops = new ArrayList<>();
        for (JsonNode x : o.path("operations")) {
            ops.add(new EditPreview.PaymentOperation(text(x, "payment_id"), text(x, "kind"), x.path("amount").asLong(), x.path("available").asLong()));
        }
        return new EditPreview.MoneyPlan(o.path("total_before").asLong(), o.path("total_after").asLong(), o.path("delta").asLong(),
                o.path("additional_authorization").asLong(), o.path("additional_capture").asLong(), o.path("payment_required").asBoolean(),
                o.path("void_total").asLong(), o.path("refund_total").asLong(), ops, o.path("refund_on_return").asLong());
    }

    // ---- payments ------------------------------------------------------------------------------------------------

    public static ArrayNode payments(List<PaymentReference> refs) {
        ArrayNode a = Json.array();
        for (PaymentReference p : refs) {
            a.addObject().put("payment_id", p.paymentId()).put("amount", p.amount().minor()).put("currency", p.amount().currency())
                    .put("status", p.status()).put("captured", p.captured());
        }
        return a;
    }

    public static List<PaymentReference> payments(JsonNode a) {
        List<PaymentReference> out = new ArrayList<>();
        for (JsonNode p : a) {
            out.add(new PaymentReference(text(p, "payment_id"), Money.of(p.path("amount").asLong(), text(p, "currency")), text(p, "status"),
                    p.path("captured").asLong(), 0, java.util.Map.of()));
        }
        return out;
    }
}
