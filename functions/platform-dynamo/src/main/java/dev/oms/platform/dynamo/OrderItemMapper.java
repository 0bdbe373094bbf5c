package dev.oms.platform.dynamo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.domain.money.Money;
import dev.oms.domain.order.Address;
import dev.oms.domain.order.Hold;
import dev.oms.domain.order.Order;
import dev.oms.domain.order.OrderLine;
import dev.oms.domain.order.OrderLock;
import dev.oms.domain.order.OrderState;
import dev.oms.domain.order.OrderStatus;
import dev.oms.domain.order.PaymentReference;
import dev.oms.platform.json.Json;
import dev.oms.platform.json.Times;
import static dev.oms.platform.json.Shapes.*;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The order header item: the whole aggregate (lines embedded) plus its key and index attributes. */
public final class OrderItemMapper {
    private OrderItemMapper() { }

    public static ObjectNode toItem(Order order) {
        OrderState s = order.state();
        ObjectNode o = Json.object();
        o.put(Keys.PK, Keys.order(s.tenantId, s.id));
        o.put(Keys.SK, Keys.ORDER_SK);
        o.put("type", "order");
        String created = Times.format(s.createdAt);
        if (s.deletedAt == null) {
            String sk = Keys.createdSk(created, s.id);
            o.put(Keys.GSI1PK, Keys.ordersByCreated(s.tenantId, s.id));
            o.put(Keys.GSI1SK, sk);
            o.put(Keys.GSI2PK, Keys.ordersByStatus(s.tenantId, s.status.wire(), s.id));
            o.put(Keys.GSI2SK, sk);
            o.put(Keys.GSI3PK, Keys.ordersByCustomer(s.tenantId, s.customerId));
            o.put(Keys.GSI3SK, sk);
            OrderReferenceKeys.put(o, s.tenantId, s.metadata, sk); // lookup by merchant / customer reference (search branch)
        }
        o.put("tenant_id", s.tenantId);
        o.put("id", s.id);
        o.put("number", s.number);
        o.put("external_reference", s.externalReference);
        o.put("status", s.status.wire());
        o.put("status_before_hold", s.statusBeforeHold == null ? null : s.statusBeforeHold.wire());
        o.put("customer_id", s.customerId);
        o.put("channel", s.channel);
        o.put("source", s.source);
        o.put("currency", s.currency);
        o.put("total", order.totals().total());
        o.set("lines", lines(s.lines));
        o.set("shipping_address", address(s.shippingAddress));
        o.set("billing_address", address(s.billingAddress));
        o.put("shipping_method", s.shippingMethod);
        o.set("shipping_amount", money(s.shippingAmount));
        o.set("discount", money(s.discount));
        ArrayNode pays = o.putArray("payments");
        for (PaymentReference p : s.payments) {
            ObjectNode x = pays.addObject();
            x.put("payment_id", p.paymentId());
            x.set("amount", money(p.amount()));
            x.put("status", p.status());
            x.put("captured", p.captured());
            x.put("refunded", p.refunded());
            if (!p.applied().isEmpty()) x.set("applied", Json.valueToTree(new java.util.TreeMap<>(p.applied())));
        }
        if (!s.settlements.isEmpty()) {
            ArrayNode settled = o.putArray("settlements");
            for (var x : s.settlements) {
                ObjectNode n = settled.addObject().put("payment_id", x.paymentId()).put("reference", x.reference()).put("gross", x.gross())
                        .put("fee", x.fee()).put("settled_at", Times.format(x.settledAt())).put("linked_by", x.linkedBy())
                        .put("linked_at", Times.format(x.linkedAt()));
                ArrayNode ev = n.putArray("evidence");
                for (var e : x.evidence()) ev.addObject().put("type", e.type()).put("reference", e.reference()).put("url", e.url());
            }
        }
        ArrayNode holds = o.putArray("holds");
        for (Hold h : s.holds) {
            ObjectNode x = holds.addObject();
            x.put("id", h.id());
            x.put("type", h.type());
            x.put("reason", h.reason());
            x.put("assigned_to", h.assignedTo());
            x.put("note", h.note());
            x.put("placed_by", h.placedBy());
            x.put("placed_at", Times.format(h.placedAt()));
            if (h.expiresAt() != null) x.put("expires_at", Times.format(h.expiresAt()));
        }
        o.set("metadata", Json.valueToTree(s.metadata));
        if (s.lock != null) {
            ObjectNode l = o.putObject("lock");
            l.put("id", s.lock.id());
            l.put("owner", s.lock.owner());
            l.put("purpose", s.lock.purpose());
            l.put("acquired_at", Times.format(s.lock.acquiredAt()));
            l.put("expires_at", Times.format(s.lock.expiresAt()));
        }
        o.set("cancellations", CancellationShapes.toJson(s.cancellations));
        o.put("cancelled_at", Times.format(s.cancelledAt));
        o.put("duplicated_from", s.duplicatedFrom);
        o.put("replaces", s.replaces); // issue 11
        o.put("replaced_by", s.replacedBy);
        if (s.fraudScore != null) { // the fraud screening of the last confirmation (admin fraud queue)
            o.put("fraud_score", s.fraudScore);
            s.fraudRules.forEach(o.putArray("fraud_rules")::add);
        }
        if (s.legalHold != null) {
            o.putObject("legal_hold").put("reason", s.legalHold.reason()).put("placed_by", s.legalHold.placedBy())
                    .put("placed_at", Times.format(s.legalHold.placedAt()));
        }
        if (s.paymentTerms != null) { // B2B payment terms
            o.put("payment_terms", s.paymentTerms.kind());
            if (s.paymentTerms.dueDate() != null) o.put("payment_terms_due_date", s.paymentTerms.dueDate().toString());
            if (s.dueDate != null) o.put("due_date", s.dueDate.toString());
            o.put("payment_overdue_at", Times.format(s.paymentOverdueAt));
        }
        o.put("fulfillment_status", s.fulfillmentStatus);
        o.put("shipping_status", s.shippingStatus);
        o.put("payment_status", s.paymentStatus);
        o.put("return_status", s.returnStatus);
        o.put("balance_due", order.balanceDue());
        o.put("credited_total", s.creditedTotal);
        o.put("store_credit_total", s.storeCreditTotal);
        o.put("first_shipped_at", Times.format(s.firstShippedAt));
        o.put("last_delivered_at", Times.format(s.lastDeliveredAt));
        o.put("version", s.version);
        o.put("created_at", created);
        o.put("updated_at", Times.format(s.updatedAt));
        o.put("confirmed_at", Times.format(s.confirmedAt));
        o.put("closed_at", Times.format(s.closedAt));
        o.put("deleted_at", Times.format(s.deletedAt));
        return o;
    }

    public static Order fromItem(JsonNode o) {
        OrderState s = new OrderState();
        s.tenantId = text(o, "tenant_id");
        s.id = text(o, "id");
        s.number = o.path("number").asLong();
        s.externalReference = text(o, "external_reference");
        s.status = OrderStatus.fromWire(text(o, "status"));
        String before = text(o, "status_before_hold");
        s.statusBeforeHold = before == null ? null : OrderStatus.fromWire(before);
        s.customerId = text(o, "customer_id");
        s.channel = text(o, "channel");
        s.source = text(o, "source");
        s.currency = text(o, "currency");
        List<OrderLine> lines = new ArrayList<>();
        for (JsonNode l : o.path("lines")) lines.add(line(l));
        s.lines = lines;
        s.shippingAddress = address(o.path("shipping_address"));
        s.billingAddress = address(o.path("billing_address"));
        s.shippingMethod = text(o, "shipping_method");
        s.shippingAmount = money(o.path("shipping_amount"));
        s.discount = money(o.path("discount"));
        List<PaymentReference> pays = new ArrayList<>();
        for (JsonNode p : o.path("payments")) pays.add(payment(p));
        s.payments = pays;
        List<dev.oms.domain.order.PaymentSettlement> settled = new ArrayList<>();
        for (JsonNode x : o.path("settlements")) {
            List<dev.oms.domain.order.PaymentSettlement.Evidence> ev = new ArrayList<>();
            for (JsonNode e : x.path("evidence")) ev.add(new dev.oms.domain.order.PaymentSettlement.Evidence(text(e, "type"), text(e, "reference"), text(e, "url")));
            settled.add(new dev.oms.domain.order.PaymentSettlement(text(x, "payment_id"), text(x, "reference"), x.path("gross").asLong(),
                    x.path("fee").asLong(), Times.parse(text(x, "settled_at")), ev, text(x, "linked_by"), Times.parse(text(x, "linked_at"))));
        }
        s.settlements = List.copyOf(settled);
        List<Hold> holds = new ArrayList<>();
        for (JsonNode h : o.path("holds")) {
            holds.add(new Hold(text(h, "id"), text(h, "type"), text(h, "reason"), text(h, "assigned_to"), text(h, "note"),
                    text(h, "placed_by"), Times.parse(text(h, "placed_at")), Times.parse(text(h, "expires_at"))));
        }
        s.holds = holds;
        s.metadata = stringMap(o.path("metadata"));
        JsonNode l = o.path("lock");
        if (l.isObject()) {
            s.lock = new OrderLock(text(l, "id"), text(l, "owner"), text(l, "purpose"), Times.parse(text(l, "acquired_at")),
                    Times.parse(text(l, "expires_at")));
        }
        s.cancellations = CancellationShapes.fromJson(o.path("cancellations"));
        s.cancelledAt = Times.parse(text(o, "cancelled_at"));
        s.duplicatedFrom = text(o, "duplicated_from");
        s.replaces = text(o, "replaces"); // issue 11
        s.replacedBy = text(o, "replaced_by");
        if (o.hasNonNull("fraud_score")) {
            s.fraudScore = o.get("fraud_score").asInt();
            java.util.List<String> rules = new java.util.ArrayList<>();
            o.path("fraud_rules").forEach(r -> rules.add(r.asText()));
            s.fraudRules = java.util.List.copyOf(rules);
        }
        JsonNode legal = o.path("legal_hold");
        if (legal.isObject()) {
            s.legalHold = new dev.oms.domain.order.LegalHold(text(legal, "reason"), text(legal, "placed_by"), Times.parse(text(legal, "placed_at")));
        }
        if (o.hasNonNull("payment_terms")) {
            String termsDate = text(o, "payment_terms_due_date");
            s.paymentTerms = new dev.oms.domain.order.PaymentTerms(text(o, "payment_terms"), termsDate == null ? null : java.time.LocalDate.parse(termsDate));
            String due = text(o, "due_date");
            s.dueDate = due == null ? null : java.time.LocalDate.parse(due);
            s.paymentOverdueAt = Times.parse(text(o, "payment_overdue_at"));
        }
        if (o.hasNonNull("fulfillment_status")) s.fulfillmentStatus = text(o, "fulfillment_status");
        if (o.hasNonNull("shipping_status")) s.shippingStatus = text(o, "shipping_status");
        if (o.hasNonNull("payment_status")) s.paymentStatus = text(o, "payment_status");
        if (o.hasNonNull("return_status")) s.returnStatus = text(o, "return_status");
        s.creditedTotal = o.path("credited_total").asLong();
        s.storeCreditTotal = o.path("store_credit_total").asLong();
        s.firstShippedAt = Times.parse(text(o, "first_shipped_at"));
        s.lastDeliveredAt = Times.parse(text(o, "last_delivered_at"));
        s.version = o.path("version").asLong();
        s.createdAt = Times.parse(text(o, "created_at"));
        s.updatedAt = Times.parse(text(o, "updated_at"));
        s.confirmedAt = Times.parse(text(o, "confirmed_at"));
        s.closedAt = Times.parse(text(o, "closed_at"));
        s.deletedAt = Times.parse(text(o, "deleted_at"));
        return new Order(s);
    }

    /** Items written before captures were counted carry only the status: a captured one counts in full. */
    private static PaymentReference payment(JsonNode p) {
        PaymentReference ref = new PaymentReference(text(p, "payment_id"), money(p.path("amount")), text(p, "status"));
        if (!p.has("captured")) return ref;
        Map<String, Long> applied = new LinkedHashMap<>();
        p.path("applied").fields().forEachRemaining(e -> applied.put(e.getKey(), e.getValue().asLong()));
        return new PaymentReference(ref.paymentId(), ref.amount(), ref.status(), p.path("captured").asLong(), p.path("refunded").asLong(), applied);
    }

    /** One stored line (as {@link #lines} writes it). */
    static OrderLine line(JsonNode l) {
        return new OrderLine(text(l, "id"), text(l, "client_line_id"), text(l, "sku"), text(l, "variant_id"),
                text(l, "description"), l.path("quantity").asLong(), money(l.path("unit_price")), money(l.path("discount")),
                l.hasNonNull("tax_rate_bps") ? l.get("tax_rate_bps").asInt() : null, money(l.path("tax_amount")),
                stringMap(l.path("metadata")), l.path("allocated_discount").asLong(), l.path("tax").asLong(),
                l.path("cancelled_quantity").asLong(), l.path("digital").asBoolean(false));
    }

    static ArrayNode lines(List<OrderLine> lines) {
        ArrayNode a = Json.array();
        for (OrderLine l : lines) {
            ObjectNode x = a.addObject();
            x.put("id", l.id());
            x.put("client_line_id", l.clientLineId());
            x.put("sku", l.sku());
            x.put("variant_id", l.variantId());
            x.put("description", l.description());
            x.put("quantity", l.quantity());
            x.set("unit_price", money(l.unitPrice()));
            x.set("discount", money(l.discount()));
            if (l.taxRateBps() != null) x.put("tax_rate_bps", l.taxRateBps());
            x.set("tax_amount", money(l.taxAmount()));
            x.set("metadata", Json.valueToTree(l.metadata()));
            x.put("allocated_discount", l.allocatedDiscount());
            x.put("tax", l.tax());
            x.put("cancelled_quantity", l.cancelledQuantity());
            if (l.digital()) x.put("digital", true);
        }
        return a;
    }

}
