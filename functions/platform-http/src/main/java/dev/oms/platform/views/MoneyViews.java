package dev.oms.platform.views;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.domain.money.Money;
import dev.oms.domain.order.MoneyLedger;
import dev.oms.domain.order.Order;
import dev.oms.domain.order.PaymentReference;
import dev.oms.domain.order.PaymentSettlement;
import dev.oms.domain.order.PaymentShare;
import dev.oms.domain.order.Refund;
import dev.oms.domain.order.RefundLine;
import dev.oms.platform.json.Json;
import dev.oms.platform.json.Shapes;
import dev.oms.platform.json.Times;
import java.util.List;
import java.util.function.Function;

/** The API representation of an order's payments and refunds (money as minor units with the currency). */
public final class MoneyViews {
    private MoneyViews() { }

    public static ObjectNode payment(Order order, PaymentReference p) {
        String cur = order.state().currency;
        MoneyLedger ledger = order.money().ledger();
        ObjectNode o = Json.object();
        o.put("payment_id", p.paymentId());
        o.put("order_id", order.id());
        o.put("status", p.status());
        o.set("amount", Shapes.money(p.amount()));
        o.set("captured", money(p.captured(), cur));
        o.set("refunded", money(p.refunded(), cur));
        o.set("capturable", money(p.capturable(), cur));
        o.set("refundable", money(p.refundable(), cur));
        ArrayNode applied = o.putArray("apply_to_lines");
        p.applied().forEach((line, amount) -> applied.addObject().put("line_id", line).set("amount", money(amount, cur)));
        ArrayNode alloc = o.putArray("allocation");
        ledger.paidBy(p).forEach((line, amount) -> alloc.addObject().put("line_id", line).set("paid", money(amount, cur)));
        ArrayNode settled = o.putArray("settlements");
        for (PaymentSettlement x : order.money().settlements(p.paymentId())) settled.add(settlement(x, cur));
        return o;
    }

    /** A settlement linked to a payment (the contract's {@code PaymentSettlement}). */
    public static ObjectNode settlement(PaymentSettlement x, String currency) {
        ObjectNode o = Json.object().put("reference", x.reference());
        o.set("amount", money(x.gross(), currency));
        o.set("fee", money(x.fee(), currency));
        o.set("net", money(x.net(), currency));
        o.put("settled_at", Times.format(x.settledAt()));
        ArrayNode ev = o.putArray("evidence");
        for (PaymentSettlement.Evidence e : x.evidence()) ev.addObject().put("type", e.type()).put("reference", e.reference()).put("url", e.url());
        o.put("linked_by", x.linkedBy()).put("linked_at", Times.format(x.linkedAt()));
        return o;
    }

    /** The payments of an order with the order's money summary. */
    public static ObjectNode payments(Order order) {
        ObjectNode o = list(order.state().payments, p -> payment(order, p));
        o.set("summary", summary(order));
        return o;
    }

    public static ObjectNode summary(Order order) {
        String cur = order.state().currency;
        MoneyLedger ledger = order.money().ledger();
        ObjectNode s = Json.object();
        s.put("payment_status", order.state().paymentStatus);
        s.set("total", money(order.totals().total(), cur));
        s.set("balance_due", money(order.balanceDue(), cur));
        s.set("refundable", money(ledger.refundable(), cur));
        s.set("credited", money(order.state().creditedTotal, cur));
        s.set("store_credit", money(order.state().storeCreditTotal, cur));
        ArrayNode lines = s.putArray("lines");
        var paid = ledger.paid();
        ledger.refundableByLine().forEach((line, can) -> lines.addObject().put("line_id", line)
                .<ObjectNode>set("paid", money(paid.getOrDefault(line, 0L), cur)).set("refundable", money(can, cur)));
        return s;
    }

    public static ObjectNode refund(Order order, Refund r) {
        String cur = r.amount().currency();
        ObjectNode o = Json.object();
        o.put("id", r.id());
        o.put("order_id", order.id());
        o.put("status", r.status());
        o.set("amount", Shapes.money(r.amount()));
        o.put("destination", r.destination());
        o.put("source", r.source());
        o.put("source_id", r.sourceId());
        o.put("reason", r.reason());
        o.put("failure", r.failure());
        ArrayNode lines = o.putArray("lines");
        for (RefundLine l : r.lines()) {
            lines.addObject().put("line_id", l.lineId()).put("quantity", l.quantity())
                    .<ObjectNode>set("amount", money(l.amount(), cur)).set("tax", money(l.tax(), cur));
        }
        ArrayNode pays = o.putArray("payments");
        for (PaymentShare p : r.payments()) {
            pays.addObject().put("payment_id", p.paymentId()).<ObjectNode>set("amount", money(p.amount(), cur)).put("refund_reference", p.operationId());
        }
        o.put("store_credit_id", r.storeCreditId());
        o.put("created_by", r.createdBy());
        o.put("created_at", Times.format(r.createdAt()));
        o.put("completed_at", Times.format(r.completedAt()));
        return o;
    }

    /** A whole (small, bounded) collection in the list envelope: one page, no cursor. */
    public static <T> ObjectNode list(List<T> items, Function<T, JsonNode> view) {
        ObjectNode o = Json.object();
        ArrayNode data = o.putArray("data");
        items.forEach(i -> data.add(view.apply(i)));
        o.putNull("next_cursor");
        o.put("has_more", false);
        return o;
    }

    static JsonNode money(long minor, String currency) { return Shapes.money(Money.of(minor, currency)); }
}
