package dev.oms.orders;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.customer.SelfServiceRules;
import dev.oms.app.port.StoredEvent;
import dev.oms.domain.order.Address;
import dev.oms.domain.order.Fulfillment;
import dev.oms.domain.order.Invoice;
import dev.oms.domain.order.Order;
import dev.oms.domain.order.OrderDocument;
import dev.oms.domain.order.OrderLine;
import dev.oms.domain.order.OrderState;
import dev.oms.domain.order.OrderTotals;
import dev.oms.domain.order.Parcel;
import dev.oms.domain.order.PaymentReference;
import dev.oms.domain.order.ReturnLine;
import dev.oms.domain.order.ReturnRefunds;
import dev.oms.domain.order.ReturnRequest;
import dev.oms.domain.order.Shipment;
import dev.oms.domain.order.TrackingEvent;
import dev.oms.domain.order.UnitMeasure;
import dev.oms.platform.json.Json;
import dev.oms.platform.json.Shapes;
import dev.oms.platform.json.Times;
import java.util.Map;
import java.util.Set;

/**
 * What a customer sees, built field by field: each view names every field it shows (an allow-list), so nothing the
 * order carries for staff (fraud checks, holds and their types, internal notes, agent ids, payment-provider references,
 * warehouses, saga tokens, metadata) can leak through a view of the whole object. The contract's {@code Customer*}
 * schemas declare exactly these fields ({@code additionalProperties: false}); the end-to-end tests hold every answer to
 * them.
 */
final class CustomerViews {
    static final Set<String> EXPANDABLE = Set.of("lines", "shipments", "invoices", "events");

    private CustomerViews() { }

    static ObjectNode summary(Order o) {
        OrderState s = o.state();
        ObjectNode x = Json.object();
        x.put("id", o.id());
        x.put("number", s.number);
        x.put("status", o.status().wire());
        x.put("currency", s.currency);
        x.put("total", o.totals().total());
        x.put("item_count", o.lines().stream().mapToLong(OrderLine::quantity).sum());
        x.put("primary_shipment_status", s.shippingStatus);
        x.put("channel", s.channel);
        x.put("created_at", Times.format(s.createdAt));
        return x;
    }

    static ObjectNode order(Order o, SelfServiceRules.Availability a) {
        OrderState s = o.state();
        OrderTotals t = o.totals();
        ObjectNode x = Json.object();
        x.put("id", o.id());
        x.put("number", s.number);
        x.put("status", o.status().wire());
        x.put("version", o.version());
        x.put("channel", s.channel);
        x.put("currency", s.currency);
        x.put("sub_total", t.subTotal());
        x.put("discount_total", t.discountTotal());
        x.put("tax_total", t.taxTotal());
        x.put("shipping_total", t.shippingTotal());
        x.put("total", t.total());
        x.put("balance_due", o.balanceDue());
        x.put("payment_status", s.paymentStatus);
        x.put("fulfillment_status", s.fulfillmentStatus);
        x.put("shipping_status", s.shippingStatus);
        x.put("return_status", s.returnStatus);
        x.put("shipping_method", s.shippingMethod);
        x.set("shipping_address", address(s.shippingAddress));
        x.set("billing_address", address(s.billingAddress));
        ArrayNode pays = x.putArray("payments");
        for (PaymentReference p : s.payments) {
            ObjectNode pay = pays.addObject();
            pay.set("amount", money(p.amount().minor(), s.currency));
            pay.put("status", p.status());
        }
        ArrayNode actions = x.putArray("available_actions");
        a.available().forEach(actions::add);
        ArrayNode blocked = x.putArray("blocked_reasons");
        for (SelfServiceRules.Blocked b : a.blocked()) blocked.addObject().put("action", b.action()).put("code", b.code()).put("message", b.message());
        x.put("created_at", Times.format(s.createdAt));
        x.put("updated_at", Times.format(s.updatedAt));
        return x;
    }

    static ObjectNode address(Address a) {
        if (a == null) return null;
        ObjectNode x = Json.object();
        x.put("name", a.name());
        x.put("company", a.company());
        x.put("line1", a.line1());
        x.put("line2", a.line2());
        x.put("city", a.city());
        x.put("region", a.region());
        x.put("postal_code", a.postalCode());
        x.put("country", a.country());
        x.put("phone", a.phone());
        x.put("email", a.email());
        return x;
    }

    static ObjectNode money(long amount, String currency) {
        ObjectNode m = Json.object();
        m.put("amount", amount);
        m.put("currency", currency);
        return m;
    }

    static ArrayNode lines(Order o) {
        ArrayNode a = Json.array();
        for (OrderLine l : o.lines()) {
            ObjectNode x = a.addObject();
            x.put("id", l.id());
            x.put("sku", l.sku());
            x.put("description", l.description());
            x.put("quantity", l.quantity());
            x.put("cancelled_quantity", l.cancelledQuantity());
            x.put("shipped_quantity", o.units(l.id(), UnitMeasure.SHIPPED));
            x.set("unit_price", money(l.unitPrice().minor(), o.state().currency));
            x.put("discount_total", l.discountTotal());
            x.put("tax", l.tax());
            x.put("total", l.amountDue());
        }
        return a;
    }

    static ObjectNode shipment(Order o, Shipment s, boolean withEvents) {
        ObjectNode x = Json.object();
        x.put("id", s.id());
        x.put("order_id", o.id());
        x.put("carrier", s.carrier());
        x.put("service", s.serviceCode());
        x.put("status", s.statusWire());
        ArrayNode parcels = x.putArray("parcels");
        for (Parcel p : s.parcels()) parcels.addObject().put("tracking_number", p.trackingNumber()).put("status", p.status().wire());
        x.put("estimated_delivery", Times.format(estimatedDelivery(o, s)));
        x.put("shipped_at", Times.format(s.createdAt()));
        x.put("delivered_at", Times.format(s.deliveredAt()));
        x.put("label_available", s.labelDocumentId() != null);
        if (withEvents) {
            ArrayNode events = x.putArray("events");
            for (TrackingEvent e : s.events()) {
                events.addObject().put("tracking_number", e.trackingNumber()).put("status", e.status().wire())
                        .put("occurred_at", Times.format(e.occurredAt())).put("location", e.location()).put("description", e.description());
            }
        }
        return x;
    }

    /** The latest estimate of the fulfilments the shipment carries. */
    private static java.time.Instant estimatedDelivery(Order o, Shipment s) {
        java.time.Instant best = null;
        for (String id : s.fulfillmentIds()) {
            java.time.Instant e = o.child(Fulfillment.class, id).map(Fulfillment::estimatedDelivery).orElse(null);
            if (e != null && (best == null || e.isAfter(best))) best = e;
        }
        return best;
    }

    static ArrayNode shipments(Order o) {
        ArrayNode a = Json.array();
        for (Shipment s : o.children(Shipment.class)) a.add(shipment(o, s, false));
        return a;
    }

    static ObjectNode invoice(Order o, Invoice i) {
        ObjectNode x = Json.object();
        x.put("id", i.id());
        x.put("type", i.type());
        x.put("number", i.number());
        x.put("status", i.status());
        x.set("total", money(i.total().minor(), i.total().currency()));
        x.set("tax", money(i.tax().minor(), i.tax().currency()));
        x.put("issued_at", Times.format(i.issuedAt()));
        x.put("pdf_available", i.documentId() != null);
        return x;
    }

    static ArrayNode invoices(Order o) {
        ArrayNode a = Json.array();
        for (Invoice i : o.children(Invoice.class)) a.add(invoice(o, i));
        return a;
    }

    static ObjectNode document(OrderDocument d, String url, String expiresAt) {
        ObjectNode x = Json.object();
        x.put("id", d.id());
        x.put("type", d.type());
        x.put("file_name", d.fileName());
        x.put("content_type", d.contentType());
        if (d.sizeBytes() == null) x.putNull("size_bytes"); else x.put("size_bytes", d.sizeBytes());
        x.put("created_at", Times.format(d.createdAt()));
        x.put("download_url", url);
        x.put("download_expires_at", expiresAt);
        return x;
    }

    static ObjectNode ret(Order o, ReturnRequest r, Address returnAddress) {
        ObjectNode x = Json.object();
        x.put("rma_id", r.id());
        x.put("rma", r.rma());
        x.put("order_id", o.id());
        x.put("status", r.state().wire());
        x.put("return_method", r.method());
        x.put("requested_resolution", r.refundMethod());
        ArrayNode lines = x.putArray("lines");
        for (ReturnLine l : r.lines()) {
            ObjectNode y = lines.addObject();
            y.put("line_id", l.lineId());
            y.put("sku", l.sku());
            y.put("quantity", l.quantity());
            y.put("reason_code", l.reasonCode());
            y.put("received", l.received());
            if (l.approved() == null) y.putNull("approved"); else y.put("approved", l.approved());
        }
        x.put("outcome", r.outcome());
        x.put("resolution", r.resolution());
        if (r.outcome() != null && !ReturnRequest.REJECTED.equals(r.outcome())) {
            long amount = ReturnRefunds.total(r.settlement() != null ? r.settlement().byLine() : ReturnRefunds.byLine(o, r));
            x.set("refund_amount", money(amount, o.state().currency));
        } else {
            x.putNull("refund_amount");
        }
        x.put("replacement_order_id", r.settlement() != null && "exchange".equals(r.settlement().kind()) ? r.settlement().reference() : null);
        x.set("instructions", instructions(r.rma(), r.method(), returnAddress));
        if (r.label() != null) x.putObject("label").put("carrier", r.label().carrier()).put("tracking_number", r.label().trackingNumber());
        else x.putNull("label");
        x.put("created_at", Times.format(r.createdAt()));
        x.put("updated_at", Times.format(r.updatedAt()));
        return x;
    }

    /** How the goods come back, in the customer's words. */
    static ObjectNode instructions(String rma, String method, Address returnAddress) {
        ObjectNode how = Json.object();
        how.put("return_method", method);
        how.put("text", switch (method) {
            case "ship" -> "Pack the items with " + (rma == null ? "the RMA number" : rma) + " written on the parcel and send it to the return address; "
                    + "customer service can send you a prepaid label.";
            case "pickup" -> "Pack the items with " + (rma == null ? "the RMA number" : rma) + " written on the parcel; a courier will collect it.";
            default -> "Bring the items with " + (rma == null ? "the RMA number" : rma) + " to the return address.";
        });
        how.set("return_address", address(returnAddress));
        return how;
    }

    // ---- timeline ----------------------------------------------------------------------------------------------------

    /** The event types a customer sees on its timeline, with their title in the customer's words; anything else is left out. */
    static final Map<String, String> TIMELINE = Map.ofEntries(
            Map.entry("order.created", "Order placed"),
            Map.entry("order.confirmed", "Order confirmed"),
            Map.entry("order.updated", "Order details updated"),
            Map.entry("order.cancel_requested", "Cancellation request sent to customer service"),
            Map.entry("order.cancellation_requested", "Cancellation requested"),
            Map.entry("order.cancelled", "Order cancelled"),
            Map.entry("order.lines_cancelled", "Items cancelled"),
            Map.entry("order.shipped", "Order shipped"),
            Map.entry("shipment.created", "Parcel handed to the carrier"),
            Map.entry("shipment.tracking_updated", "Tracking updated"),
            Map.entry("shipment.delivered", "Parcel delivered"),
            Map.entry("order.payment_updated", "Payment updated"),
            Map.entry("payment.captured", "Payment taken"),
            Map.entry("refund.issued", "Refund issued"),
            Map.entry("invoice.issued", "Invoice issued"),
            Map.entry("credit_note.issued", "Credit note issued"),
            Map.entry("return.created", "Return requested"),
            Map.entry("return.received", "Return received"),
            Map.entry("return.inspected", "Return inspected"),
            Map.entry("return.refunded", "Return refunded"),
            Map.entry("return.credited", "Return refunded as store credit"),
            Map.entry("return.exchanged", "Replacement order created"),
            Map.entry("return.closed", "Return completed"),
            Map.entry("return.cancelled", "Return cancelled"),
            Map.entry("order.note_added", "Message from customer service"));

    /** The entry, or null when the customer does not see this event (an internal note, a staff-only change). */
    static ObjectNode timelineEntry(StoredEvent e) {
        String title = TIMELINE.get(e.type());
        if (title == null) return null;
        ObjectNode x = Json.object();
        x.put("id", e.id());
        x.put("type", e.type());
        x.put("title", title);
        x.put("occurred_at", Times.format(e.occurredAt()));
        if (e.type().equals("order.note_added")) {
            if (!"public".equals(e.data().get("visibility"))) return null;
            x.put("text", String.valueOf(e.data().get("text")));
        }
        return x;
    }
}
