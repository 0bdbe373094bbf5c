package dev.oms.platform.dynamo;

import static dev.oms.platform.json.Shapes.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.domain.money.Money;
import dev.oms.domain.order.PaymentShare;
import dev.oms.domain.order.Refund;
import dev.oms.domain.order.RefundLine;
import dev.oms.platform.json.Json;
import dev.oms.platform.json.Times;
import java.util.ArrayList;
import java.util.List;

/** Stores an order's refunds: lines with their tax, and the payments that give the money back. */
final class RefundCodec implements ChildCodec<Refund> {
    @Override public String kind() { return "refund"; }
    @Override public Class<Refund> type() { return Refund.class; }
    @Override public boolean addressable() { return false; }

    @Override
    public ObjectNode toItem(Refund r) {
        ObjectNode o = Json.object();
        o.put("id", r.id());
        o.put("source", r.source());
        o.put("source_id", r.sourceId());
        o.put("destination", r.destination());
        o.put("status", r.status());
        o.put("amount", r.amount().minor());
        o.put("currency", r.amount().currency());
        ArrayNode lines = o.putArray("lines");
        for (RefundLine l : r.lines()) {
            lines.addObject().put("line_id", l.lineId()).put("quantity", l.quantity()).put("amount", l.amount()).put("tax", l.tax());
        }
        ArrayNode pays = o.putArray("payments");
        for (PaymentShare p : r.payments()) {
            pays.addObject().put("payment_id", p.paymentId()).put("amount", p.amount()).put("operation_id", p.operationId());
        }
        o.put("store_credit_id", r.storeCreditId());
        o.put("reason", r.reason());
        o.put("failure", r.failure());
        o.put("credits_order", r.creditsOrder());
        o.put("created_by", r.createdBy());
        o.put("created_at", Times.format(r.createdAt()));
        o.put("completed_at", Times.format(r.completedAt()));
        return o;
    }

    @Override
    public Refund fromItem(JsonNode o) {
        List<RefundLine> lines = new ArrayList<>();
        for (JsonNode l : o.path("lines")) {
            lines.add(new RefundLine(text(l, "line_id"), l.path("quantity").asLong(), l.path("amount").asLong(), l.path("tax").asLong()));
        }
        List<PaymentShare> pays = new ArrayList<>();
        for (JsonNode p : o.path("payments")) pays.add(new PaymentShare(text(p, "payment_id"), p.path("amount").asLong(), text(p, "operation_id")));
        return new Refund(text(o, "id"), text(o, "source"), text(o, "source_id"), text(o, "destination"), text(o, "status"),
                Money.of(o.path("amount").asLong(), text(o, "currency")), lines, pays, text(o, "store_credit_id"), text(o, "reason"),
                text(o, "failure"), o.path("credits_order").asBoolean(true), text(o, "created_by"), Times.parse(text(o, "created_at")),
                Times.parse(text(o, "completed_at")));
    }
}
