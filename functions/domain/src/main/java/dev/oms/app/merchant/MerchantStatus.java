package dev.oms.app.merchant;

import dev.oms.domain.order.Fulfillment;
import dev.oms.domain.order.FulfillmentStatus;
import dev.oms.domain.order.Order;
import dev.oms.domain.order.OrderState;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The seller API's order statuses (seed 004: {@code pending, confirmed, processing, shipped, delivered, cancelled,
 * refunded}) over the canonical state machine. The merchant status is <em>derived</em> from the canonical order (its
 * status, payment, shipping and fulfilments), never stored apart; a change is {@linkplain #plan planned} into the
 * canonical use case that makes it true, or refused with the reasons (docs/merchant-api.md has the table).
 */
public enum MerchantStatus {
    PENDING, CONFIRMED, PROCESSING, SHIPPED, DELIVERED, CANCELLED, REFUNDED;

    /** The metadata key the seller's "processing" mark is kept under (a confirmed order whose preparation started). */
    public static final String PROCESSING_MARK = "merchant_status";

    public String wire() { return name().toLowerCase(Locale.ROOT); }

    public static MerchantStatus fromWire(String s) { return valueOf(s.toUpperCase(Locale.ROOT)); }

    public static Set<String> wires() {
        Set<String> out = new java.util.LinkedHashSet<>();
        for (MerchantStatus m : values()) out.add(m.wire());
        return out;
    }

    /** The merchant status of a canonical order. */
    public static MerchantStatus of(Order order) {
        OrderState s = order.state();
        if ("refunded".equals(s.paymentStatus)) return REFUNDED;
        switch (s.status) {
            case CANCELLED, CANCELLING -> { return CANCELLED; }
            case CREATED, PENDING -> { return PENDING; }
            case COMPLETED -> { return DELIVERED; }
            default -> { }
        }
        if ("delivered".equals(s.shippingStatus)) return DELIVERED;
        if (s.shippingStatus != null && !"not_shipped".equals(s.shippingStatus)) return SHIPPED;
        boolean started = "processing".equals(s.metadata.get(PROCESSING_MARK))
                || order.children(Fulfillment.class).stream().anyMatch(f -> FulfillmentStatus.OPEN.contains(f.status()));
        return started ? PROCESSING : CONFIRMED;
    }

    /** What a change of merchant status does on the canonical order. */
    public enum Action { NONE, CONFIRM, MARK_PROCESSING, CONFIRM_AND_MARK_PROCESSING, CONFIRM_DELIVERY, CANCEL, REFUND }

    /** The plan of a change: the action, or the reasons it is refused (then the action is {@code NONE} and nothing changes). */
    public record Plan(MerchantStatus from, MerchantStatus to, Action action, List<String> blockedReasons) {
        public boolean blocked() { return !blockedReasons.isEmpty(); }
    }

    /**
     * Plans {@code from → to}. The seed's rule ("anything, unless changed to delivered or cancelled") holds where the
     * canonical rules allow: nothing leaves {@code cancelled}, {@code refunded} or {@code delivered} (final), nothing goes
     * back before confirmation or before a shipment, {@code shipped} needs a shipment (made by the fulfilments route),
     * {@code delivered} only follows {@code shipped}, {@code cancelled} never follows a shipment (goods would be lost:
     * use a return), {@code refunded} needs captured money.
     */
    public static Plan plan(Order order, MerchantStatus to, long refundable) {
        MerchantStatus from = of(order);
        List<String> why = new ArrayList<>();
        if (from == to) return new Plan(from, to, Action.NONE, why);
        Action action = Action.NONE;
        if (from == CANCELLED || from == REFUNDED || (from == DELIVERED && to != REFUNDED)) {
            why.add("status.final: the order is " + from.wire() + "; it cannot become " + to.wire());
        } else {
            switch (to) {
                case PENDING -> why.add("status.backwards: a " + from.wire() + " order cannot go back to pending (its payment and stock checks passed)");
                case CONFIRMED -> {
                    if (from == PENDING) action = Action.CONFIRM;
                    else why.add("status.backwards: a " + from.wire() + " order cannot go back to confirmed");
                }
                case PROCESSING -> {
                    if (from == PENDING) action = Action.CONFIRM_AND_MARK_PROCESSING;
                    else if (from == CONFIRMED) action = Action.MARK_PROCESSING;
                    else why.add("status.backwards: a " + from.wire() + " order cannot go back to processing");
                }
                case SHIPPED -> why.add(from == DELIVERED ? "status.backwards: a delivered order cannot go back to shipped"
                        : "shipment.required: an order is shipped by a fulfilment with its AWB (POST .../fulfillments), not by a status");
                case DELIVERED -> {
                    if (from == SHIPPED) action = Action.CONFIRM_DELIVERY;
                    else why.add("delivery.before_shipment: only a shipped order can be delivered");
                }
                case CANCELLED -> {
                    if (from == SHIPPED || from == DELIVERED) why.add("goods.shipped: a shipped order cannot be cancelled; the goods come back through a return");
                    else action = Action.CANCEL;
                }
                case REFUNDED -> {
                    if (refundable <= 0) why.add("payment.nothing_captured: no captured money is left to refund");
                    else action = Action.REFUND;
                }
            }
        }
        return new Plan(from, to, why.isEmpty() ? action : Action.NONE, List.copyOf(why));
    }
}
