package dev.oms.domain.order;

import dev.oms.domain.settings.FaqEntry;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The questions a customer asks about an order, answered from the order's state in the customer's words (the customer
 * API's {@code faq}): when it arrives, until when it can be returned, why it is on hold; then the shop's own entries
 * (setting {@code customer_faq}). Nothing internal is said: a hold is explained by what the customer can expect, never
 * by its type, reason or who looks at it.
 */
public final class OrderFaq {
    public static final String SOURCE_ORDER = "order", SOURCE_SHOP = "shop";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    /** Why an order waits, in the customer's words, per hold type (unknown types: the last entry). */
    static final Map<String, String> HOLD_IN_CUSTOMER_WORDS = Map.of(
            "payment", "We are waiting for your payment to be confirmed. Nothing is needed from you unless we get in touch.",
            "inventory", "An item of your order is not in stock yet. We will send your order as soon as it is.",
            "address", "We are checking your delivery address with the carrier. We will contact you if we need anything.",
            "customer_request", "Your order is paused as you asked. Contact us when you want it to continue.",
            "fraud", "We are making a routine check of your order before we send it. This usually takes less than a day.",
            "manual_review", "Our team is reviewing your order before we send it. This usually takes less than a day.",
            "cancellation_failed", "Our team is finishing some work on your order. We will be in touch if we need anything.",
            "other", "Our team is looking at your order before we send it. We will be in touch if we need anything.");

    private OrderFaq() { }

    /** One entry: a stable {@code id} (what it is about), the question, the answer, and who wrote it. */
    public record Entry(String id, String question, String answer, String source) { }

    public static List<Entry> entries(Order o, int returnWindowDays, List<FaqEntry> shop, Instant now) {
        List<Entry> out = new ArrayList<>(derived(o, returnWindowDays, now));
        for (int i = 0; i < shop.size(); i++) out.add(new Entry("shop_" + (i + 1), shop.get(i).question(), shop.get(i).answer(), SOURCE_SHOP));
        return out;
    }

    static List<Entry> derived(Order o, int returnWindowDays, Instant now) {
        OrderState s = o.state();
        List<Entry> out = new ArrayList<>();
        boolean cancelled = s.status == OrderStatus.CANCELLED || s.status == OrderStatus.CANCELLING;
        if (cancelled) {
            out.add(new Entry("cancelled", "What happened to my order?",
                    "Your order was cancelled. Anything you paid for it is refunded to the way you paid.", SOURCE_ORDER));
            return out;
        }
        out.add(delivery(o, s));
        if (!o.holds().isEmpty()) {
            String type = o.holds().get(0).type();
            out.add(new Entry("on_hold", "Why is my order on hold?",
                    HOLD_IN_CUSTOMER_WORDS.getOrDefault(type, HOLD_IN_CUSTOMER_WORDS.get("other")), SOURCE_ORDER));
        }
        out.add(returns(o, returnWindowDays, now));
        return out;
    }

    private static Entry delivery(Order o, OrderState s) {
        List<Fulfillment> fulfilments = o.children(Fulfillment.class);
        boolean open = fulfilments.stream().anyMatch(f -> f.status() == FulfillmentStatus.SHIPPED || f.status() == FulfillmentStatus.IN_TRANSIT);
        if (s.lastDeliveredAt != null && !open) {
            return new Entry("delivery", "When was my order delivered?", "It was delivered on " + DAY.format(s.lastDeliveredAt) + ".", SOURCE_ORDER);
        }
        if (s.firstShippedAt != null) {
            Instant expected = fulfilments.stream().filter(f -> f.status() == FulfillmentStatus.SHIPPED || f.status() == FulfillmentStatus.IN_TRANSIT)
                    .map(Fulfillment::estimatedDelivery).filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(null);
            String answer = expected != null
                    ? "It is on its way and should arrive by " + DAY.format(expected) + "."
                    : "It is on its way since " + DAY.format(s.firstShippedAt) + ". Follow it with the tracking number in your order's shipments.";
            return new Entry("delivery", "When will my order arrive?", answer, SOURCE_ORDER);
        }
        return new Entry("delivery", "When will my order arrive?",
                "It has not shipped yet. We will let you know with the tracking number as soon as it ships.", SOURCE_ORDER);
    }

    private static Entry returns(Order o, int windowDays, Instant now) {
        String q = "Until when can I return items?";
        if (windowDays == 0) return new Entry("return_deadline", q, "This shop does not take returns.", SOURCE_ORDER);
        Instant returnBy = ReturnEligibility.returnBy(o, windowDays);
        if (returnBy == null) {
            return new Entry("return_deadline", q, "You can return items for " + windowDays + " days after they are delivered.", SOURCE_ORDER);
        }
        if (now.isAfter(returnBy)) {
            return new Entry("return_deadline", q, "The time to return items from this order ended on " + DAY.format(returnBy) + ".", SOURCE_ORDER);
        }
        return new Entry("return_deadline", q, "You can ask for a return until " + DAY.format(returnBy) + " (" + windowDays
                + " days after delivery).", SOURCE_ORDER);
    }
}
