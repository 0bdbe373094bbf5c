package dev.oms.orders;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.merchant.MerchantStatus;
import dev.oms.app.merchant.MerchantTags;
import dev.oms.app.search.OrderSearchDocument;
import dev.oms.app.port.StoredEvent;
import dev.oms.domain.money.DecimalAmounts;
import dev.oms.domain.order.Address;
import dev.oms.domain.order.Fulfillment;
import dev.oms.domain.order.Order;
import dev.oms.domain.order.OrderLine;
import dev.oms.domain.order.OrderState;
import dev.oms.domain.order.OrderTotals;
import dev.oms.domain.order.PaymentReference;
import dev.oms.platform.json.Json;
import dev.oms.platform.json.Shapes;
import dev.oms.platform.json.Times;
import dev.oms.platform.views.FulfillmentViews;
import dev.oms.platform.views.OrderViews;
import java.util.List;

/**
 * The seller API's shapes: amounts are decimals in the order currency ({@code 66.17}; exactly the currency's number of
 * decimals, {@link DecimalAmounts}), statuses are the merchant statuses next to the canonical ones.
 */
final class MerchantViews {
    private MerchantViews() { }

    static DecimalNode decimal(long minor, String currency) { return DecimalNode.valueOf(DecimalAmounts.toDecimal(minor, currency)); }

    /** The complete order: lines, customer, payments, shipping, fulfilments and the first {@code timeline} events. */
    static ObjectNode order(String domainId, Order order, List<StoredEvent> timeline, boolean timelineHasMore) {
        OrderState s = order.state();
        String cur = s.currency;
        OrderTotals t = order.totals();
        ObjectNode o = Json.object();
        o.put("id", s.id);
        o.put("domain_id", domainId);
        o.put("order_number", s.number);
        o.put("status", MerchantStatus.of(order).wire());
        o.put("canonical_status", s.status.wire());
        o.put("store_id", s.channel);
        o.put("payment_status", s.paymentStatus);
        o.put("fulfillment_status", s.fulfillmentStatus);
        o.put("shipping_status", s.shippingStatus);
        o.put("currency", cur);
        ObjectNode amounts = o.putObject("amounts");
        amounts.set("sub_total", decimal(t.subTotal(), cur));
        amounts.set("discount_total", decimal(t.discountTotal(), cur));
        amounts.set("tax_total", decimal(t.taxTotal(), cur));
        amounts.set("shipping_total", decimal(t.shippingTotal(), cur));
        amounts.set("total", decimal(t.total(), cur));
        amounts.set("balance_due", decimal(order.balanceDue(), cur));
        amounts.set("refundable", decimal(MerchantOrders.refundable(order), cur));
        MerchantTags.of(s.metadata).forEach(o.putArray("tags")::add);
        ObjectNode customer = o.putObject("customer");
        customer.put("id", s.customerId);
        Address contact = s.shippingAddress != null ? s.shippingAddress : s.billingAddress;
        customer.put("name", contact == null ? null : contact.name());
        customer.put("email", contact == null ? null : contact.email());
        customer.put("phone", contact == null ? null : contact.phone());
        ArrayNode lines = o.putArray("lines");
        for (OrderLine l : s.lines) {
            ObjectNode line = lines.addObject();
            line.put("id", l.id());
            line.put("sku", l.sku());
            line.put("name", l.description());
            line.put("quantity", l.quantity());
            line.put("cancelled_quantity", l.cancelledQuantity());
            line.set("unit_price", decimal(l.unitPrice().minor(), cur));
            line.set("total", decimal(l.amountDue(), cur));
        }
        o.set("shipping_address", Shapes.address(s.shippingAddress));
        o.set("billing_address", Shapes.address(s.billingAddress));
        ObjectNode shipping = o.putObject("shipping");
        shipping.put("method", s.shippingMethod);
        shipping.set("amount", decimal(s.shippingAmount.minor(), cur));
        ArrayNode payments = o.putArray("payments");
        for (PaymentReference p : s.payments) {
            ObjectNode pay = payments.addObject();
            pay.put("payment_id", p.paymentId());
            pay.put("status", p.status());
            pay.set("amount", decimal(p.amount().minor(), p.amount().currency()));
            pay.set("captured", decimal(p.captured(), p.amount().currency()));
            pay.set("refunded", decimal(p.refunded(), p.amount().currency()));
        }
        ArrayNode fulfillments = o.putArray("fulfillments");
        for (Fulfillment f : order.children(Fulfillment.class)) fulfillments.add(FulfillmentViews.fulfillment(order, f));
        ArrayNode events = o.putArray("timeline");
        timeline.forEach(e -> events.add(OrderViews.event(e)));
        o.put("timeline_has_more", timelineHasMore);
        o.put("version", s.version);
        o.put("created_at", Times.format(s.createdAt));
        o.put("updated_at", Times.format(s.updatedAt));
        return o;
    }

    /** One order of the list (from the search index). */
    static ObjectNode summary(OrderSearchDocument d) {
        ObjectNode o = Json.object();
        o.put("id", d.id());
        o.put("order_number", d.orderNumber());
        o.put("status", MerchantStatusFilters.of(d).wire());
        o.put("canonical_status", d.status());
        o.put("store_id", d.channel());
        o.put("customer_id", d.customerId());
        o.put("customer_name", d.customerName());
        o.put("customer_email", d.customerEmail());
        o.put("currency", d.currency());
        o.set("total", decimal(d.total(), d.currency()));
        o.put("payment_status", d.paymentStatus());
        o.put("fulfillment_status", d.fulfillmentStatus());
        o.put("merchant_reference", d.merchantReference());
        o.put("external_reference", d.externalReference());
        o.put("version", d.version());
        o.put("created_at", Times.format(d.createdAt()));
        o.put("updated_at", Times.format(d.updatedAt()));
        return o;
    }
}
