package dev.oms.platform.views;

import dev.oms.domain.money.Money;
import dev.oms.domain.order.LineChange;
import dev.oms.domain.order.LineSpec;
import dev.oms.domain.order.Order;
import dev.oms.domain.order.OrderDraft;
import dev.oms.domain.order.PaymentReference;
import dev.oms.domain.order.PaymentTerms;
import dev.oms.platform.http.Body;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Reads order request bodies into domain inputs, validating every field (see {@link Body}). */
public final class OrderRequests {
    public static final long MAX_QUANTITY = 100_000;
    public static final int MAX_PAYMENTS = 10;
    public static final Set<String> SOURCES = Set.of("cart", "order_import", "manual", "api", "marketplace", "pos");
    private static final String[] LINE_FIELDS = {"client_line_id", "sku", "variant_id", "description", "quantity", "unit_price",
            "discount", "tax", "tax_rate_bps", "metadata", "digital"};

    private OrderRequests() { }

    public static OrderDraft draft(Body b) {
        b.allow("external_reference", "customer_id", "channel", "source", "currency", "items", "shipping_address",
                "billing_address", "shipping", "discount", "payments", "metadata", "payment_terms", "due_date");
        String currency = b.string("currency", true, 3);
        if (currency != null && !dev.oms.domain.money.Currencies.isKnown(currency)) {
            b.error("currency", "currency.unknown", "Unknown ISO 4217 currency " + currency);
            currency = null;
        }
        String externalReference = b.string("external_reference", false, 100);
        String customerId = b.string("customer_id", false, 128);
        String channel = b.string("channel", false, 64);
        String source = b.oneOf("source", false, SOURCES);
        List<LineSpec> items = new ArrayList<>();
        List<Body> itemBodies = b.objects("items", true, 1, Order.MAX_LINES);
        if (itemBodies != null) for (Body item : itemBodies) items.add(line(item, currency));
        var shippingAddress = b.address("shipping_address", false);
        var billingAddress = b.address("billing_address", false);
        String shippingMethod = null;
        Money shippingAmount = null;
        Body shipping = b.object("shipping", false);
        if (shipping != null) {
            shipping.allow("method", "amount");
            shippingMethod = shipping.string("method", false, 64);
            shippingAmount = shipping.money("amount", false, currency);
        }
        Money discount = b.money("discount", false, currency);
        List<PaymentReference> payments = new ArrayList<>();
        List<Body> paymentBodies = b.objects("payments", false, 0, MAX_PAYMENTS);
        if (paymentBodies != null) {
            for (Body p : paymentBodies) {
                p.allow("payment_id", "amount");
                String id = p.string("payment_id", true, 128);
                Money amount = p.money("amount", true, currency);
                if (id != null && amount != null) payments.add(new PaymentReference(id, amount, "referenced"));
            }
        }
        var metadata = b.metadata("metadata", false);
        PaymentTerms terms = paymentTerms(b);
        b.check();
        return new OrderDraft(externalReference, customerId, channel, source == null ? "api" : source, currency, items,
                shippingAddress, billingAddress, shippingMethod, shippingAmount, discount, payments, metadata, terms);
    }

    /** {@code payment_terms} and, with {@code due_date} terms only, {@code due_date} (YYYY-MM-DD; its range is the order's rule). */
    private static PaymentTerms paymentTerms(Body b) {
        String kind = b.oneOf("payment_terms", false, Set.copyOf(PaymentTerms.KINDS));
        boolean given = b.has("due_date");
        java.time.LocalDate due = b.date("due_date", false);
        if (given && due == null) return null;
        if (PaymentTerms.DUE_DATE.equals(kind) && !given) {
            b.error("due_date", "field.required", "payment_terms due_date needs a due_date");
        } else if (due != null && !PaymentTerms.DUE_DATE.equals(kind)) {
            b.error("due_date", "field.not_allowed", "due_date goes with payment_terms due_date only");
        } else if (kind != null) {
            return new PaymentTerms(kind, due);
        }
        return null;
    }

    /** A line to add; {@code currency} is the order's (null when unknown: then the line's currency is only checked). */
    public static LineSpec line(Body item, String currency) {
        item.allow(LINE_FIELDS);
        String clientLineId = item.string("client_line_id", false, 128);
        String sku = item.string("sku", true, 64);
        String variantId = item.string("variant_id", false, 64);
        String description = item.string("description", false, 500);
        Long quantity = item.integer("quantity", true, 1, MAX_QUANTITY);
        Money unitPrice = item.money("unit_price", true, currency);
        String lineCurrency = unitPrice != null ? unitPrice.currency() : currency;
        Money discount = item.money("discount", false, lineCurrency);
        Money tax = item.money("tax", false, lineCurrency);
        Long rate = item.integer("tax_rate_bps", false, 0, 10_000);
        if (tax != null && rate != null) item.error("tax_rate_bps", "field.exclusive", "Give either tax or tax_rate_bps, not both");
        var metadata = item.metadata("metadata", false);
        Boolean digital = item.bool("digital", false);
        if (quantity == null || unitPrice == null || sku == null) return null;
        return new LineSpec(clientLineId, sku, variantId, description, quantity, unitPrice, discount,
                rate == null ? null : rate.intValue(), tax, metadata, Boolean.TRUE.equals(digital));
    }

    public static LineChange lineChange(Body b, String currency) {
        b.allow("quantity", "unit_price", "discount", "tax", "tax_rate_bps", "description", "metadata", "version", "reason");
        Long quantity = b.integer("quantity", false, 1, MAX_QUANTITY);
        Money unitPrice = b.money("unit_price", false, currency);
        Money discount = b.money("discount", false, currency);
        Money tax = b.money("tax", false, currency);
        Long rate = b.integer("tax_rate_bps", false, 0, 10_000);
        if (tax != null && rate != null) b.error("tax_rate_bps", "field.exclusive", "Give either tax or tax_rate_bps, not both");
        String description = b.string("description", false, 500);
        var metadata = b.metadata("metadata", true);
        return new LineChange(quantity, unitPrice, discount, rate == null ? null : rate.intValue(), tax, description, metadata);
    }

    public static boolean isEmpty(LineChange c) {
        return c.quantity() == null && c.unitPrice() == null && c.discount() == null && c.taxRateBps() == null
                && c.taxAmount() == null && c.description() == null && c.metadata() == null;
    }
}
