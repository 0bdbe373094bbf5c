package dev.oms.platform.views;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.port.StoredEvent;
import dev.oms.domain.order.Hold;
import dev.oms.domain.order.Order;
import dev.oms.domain.order.OrderLine;
import dev.oms.domain.order.OrderLock;
import dev.oms.domain.order.OrderState;
import dev.oms.domain.order.OrderTotals;
import dev.oms.domain.order.PaymentReference;
import dev.oms.platform.json.Json;
import dev.oms.platform.json.Shapes;
import dev.oms.platform.json.Times;
import java.util.Set;

/** The API representation of orders, lines, holds, locks and events (snake_case, money as minor units). */
public final class OrderViews {
    /** What {@code expand} may name; lines are always part of a single order. */
    public static final Set<String> EXPANDABLE = Set.of("lines", "payments", "holds", "shipments", "fulfillments", "invoices", "returns");

    private OrderViews() { }

    public static ObjectNode order(Order order) { return order(order, true); }

    public static ObjectNode order(Order order, boolean withLines) {
        OrderState s = order.state();
        OrderTotals t = order.totals();
        ObjectNode o = Json.object();
        o.put("id", s.id);
        o.put("number", s.number);
        o.put("external_reference", s.externalReference);
        o.put("status", s.status.wire());
        o.put("customer_id", s.customerId);
        o.put("channel", s.channel);
        o.put("source", s.source);
        o.put("currency", s.currency);
        o.put("sub_total", t.subTotal());
        o.put("discount_total", t.discountTotal());
        o.put("tax_total", t.taxTotal());
        o.put("shipping_total", t.shippingTotal());
        o.put("total", t.total());
        o.put("balance_due", order.balanceDue());
        if (s.paymentTerms != null) { // B2B payment terms
            o.put("payment_terms", s.paymentTerms.kind());
            o.put("due_date", s.dueDate == null ? (s.paymentTerms.dueDate() == null ? null : s.paymentTerms.dueDate().toString()) : s.dueDate.toString());
            o.put("payment_overdue_at", Times.format(s.paymentOverdueAt));
        }
        o.put("fulfillment_status", s.fulfillmentStatus);
        o.put("shipping_status", s.shippingStatus);
        o.put("payment_status", s.paymentStatus);
        o.put("return_status", s.returnStatus);
        if (withLines) {
            ArrayNode lines = o.putArray("lines");
            for (OrderLine l : s.lines) lines.add(line(l));
        }
        o.set("shipping_address", Shapes.address(s.shippingAddress));
        o.set("billing_address", Shapes.address(s.billingAddress));
        ObjectNode shipping = o.putObject("shipping");
        shipping.put("method", s.shippingMethod);
        shipping.set("amount", Shapes.money(s.shippingAmount));
        o.set("discount", Shapes.money(s.discount));
        ArrayNode pays = o.putArray("payments");
        for (PaymentReference p : s.payments) {
            pays.addObject().put("payment_id", p.paymentId()).put("status", p.status()).put("captured", p.captured())
                    .put("refunded", p.refunded()).set("amount", Shapes.money(p.amount()));
        }
        ArrayNode holds = o.putArray("holds");
        for (Hold h : s.holds) holds.add(hold(h));
        if (s.lock != null && s.lock.isActiveAt(java.time.Instant.now())) o.set("lock", lock(s.lock, false));
        o.set("cancellations", dev.oms.platform.dynamo.CancellationShapes.toJson(s.cancellations));
        o.put("duplicated_from", s.duplicatedFrom);
        if (s.replaces != null) o.put("replaces", s.replaces); // issue 11
        if (s.replacedBy != null) o.put("replaced_by", s.replacedBy);
        if (s.legalHold != null) {
            o.putObject("legal_hold").put("reason", s.legalHold.reason()).put("placed_by", s.legalHold.placedBy())
                    .put("placed_at", Times.format(s.legalHold.placedAt()));
        }
        o.put("version", s.version);
        o.set("metadata", Json.valueToTree(s.metadata));
        o.put("created_at", Times.format(s.createdAt));
        o.put("updated_at", Times.format(s.updatedAt));
        o.put("confirmed_at", Times.format(s.confirmedAt));
        o.put("closed_at", Times.format(s.closedAt));
        o.put("cancelled_at", Times.format(s.cancelledAt));
        o.put("first_shipped_at", Times.format(s.firstShippedAt));
        o.put("last_delivered_at", Times.format(s.lastDeliveredAt));
        return o;
    }

    public static ObjectNode line(OrderLine l) {
        ObjectNode x = Json.object();
        x.put("id", l.id());
        x.put("client_line_id", l.clientLineId());
        x.put("sku", l.sku());
        x.put("variant_id", l.variantId());
        x.put("description", l.description());
        x.put("quantity", l.quantity());
        x.set("unit_price", Shapes.money(l.unitPrice()));
        x.set("discount", Shapes.money(l.discount()));
        x.put("allocated_discount", l.allocatedDiscount());
        x.put("discount_total", l.discountTotal());
        x.put("line_total", l.lineTotal());
        if (l.taxRateBps() != null) x.put("tax_rate_bps", l.taxRateBps());
        x.put("tax", l.tax());
        x.put("cancelled_quantity", l.cancelledQuantity());
        x.put("digital", l.digital());
        x.set("metadata", Json.valueToTree(l.metadata()));
        return x;
    }

    public static ObjectNode hold(Hold h) {
        ObjectNode x = Json.object();
        x.put("id", h.id());
        x.put("type", h.type());
        x.put("reason", h.reason());
        x.put("assigned_to", h.assignedTo());
        x.put("note", h.note());
        x.put("placed_by", h.placedBy());
        x.put("placed_at", Times.format(h.placedAt()));
        x.put("expires_at", Times.format(h.expiresAt()));
        return x;
    }

    public static ObjectNode lock(OrderLock l, boolean withToken) {
        ObjectNode x = Json.object();
        x.put("id", l.id());
        if (withToken) x.put("lock_token", l.id());
        x.put("owner", l.owner());
        x.put("purpose", l.purpose());
        x.put("acquired_at", Times.format(l.acquiredAt()));
        x.put("expires_at", Times.format(l.expiresAt()));
        return x;
    }

    public static ObjectNode event(StoredEvent e) {
        ObjectNode x = Json.object();
        x.put("id", e.id());
        x.put("type", e.type());
        x.put("version", e.schemaVersion());
        x.put("order_id", e.orderId());
        x.put("sequence", e.sequence());
        x.put("occurred_at", Times.format(e.occurredAt()));
        x.put("correlation_id", e.correlationId());
        x.putObject("actor").put("id", e.actor().id()).put("type", e.actor().type());
        x.put("reason", e.reason());
        x.set("metadata", Json.valueToTree(e.metadata()));
        x.set("data", Json.valueToTree(e.data()));
        return x;
    }

    /** Keeps only the named top-level fields (and always {@code id}). */
    public static ObjectNode select(ObjectNode full, Set<String> fields) {
        if (fields == null || fields.isEmpty()) return full;
        ObjectNode out = Json.object();
        for (String f : fields) {
            JsonNode v = full.get(f);
            if (v != null) out.set(f, v);
        }
        out.set("id", full.get("id"));
        return out;
    }
}
