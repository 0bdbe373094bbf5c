package dev.oms.orders;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.CommandContext;
import dev.oms.app.CustomerNotices;
import dev.oms.app.connector.NotificationSender.Notification;
import dev.oms.app.merchant.MerchantStatus;
import dev.oms.app.merchant.MerchantTags;
import dev.oms.app.port.PageRequest;
import dev.oms.app.port.StoredEvent;
import dev.oms.app.security.Permission;
import dev.oms.domain.DomainException;
import dev.oms.domain.money.Money;
import dev.oms.domain.order.Fulfillment;
import dev.oms.domain.order.FulfillmentRequest;
import dev.oms.domain.order.FulfillmentStatus;
import dev.oms.domain.order.Order;
import dev.oms.domain.order.PaymentReference;
import dev.oms.domain.order.RefundRequest;
import dev.oms.domain.order.ShipmentRequest;
import dev.oms.platform.http.ApiProblem;
import dev.oms.platform.observability.Observability;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The seller orchestrator's steps (seed 004), each through a canonical use case: the order is read and changed by
 * {@code OrderService}, cancelled by the cancel saga, fulfilled and shipped by {@code FulfillmentService}, refunded by
 * {@code RefundService} (each writes its events and audit). After each change the order's cached view is invalidated
 * at once (the stream invalidator, {@code OrderViewInvalidator}, does it too for every other writer).
 */
final class MerchantOrders {
    private final MerchantApi p;

    MerchantOrders(MerchantApi p) { this.p = p; }

    /** The view of an order and whether it came from the cache. */
    record View(ObjectNode body, boolean hit) { }

    /** The result of a change: the order after it and what happened. */
    record Changed(Order order, MerchantStatus.Plan plan, Object detail) { }

    /** Captured money not refunded yet, in the order currency (minor units). */
    static long refundable(Order o) {
        long sum = 0;
        for (PaymentReference pay : o.state().payments) sum += Math.max(0, pay.captured() - pay.refunded());
        return sum;
    }

    View view(CommandContext ctx, String domainId, String orderId) {
        Optional<ObjectNode> cached = p.views.get(ctx.tenantId(), orderId);
        if (cached.isPresent()) return new View(cached.get(), true);
        Order order = p.orders.get(ctx, orderId);
        var timeline = p.audit.timeline(ctx, orderId, new PageRequest(null, 100));
        ObjectNode body = MerchantViews.order(domainId, order, timeline.items(), timeline.nextPosition() != null);
        p.views.put(ctx.tenantId(), orderId, order.version(), body);
        return new View(body, false);
    }

    Changed changeStatus(CommandContext ctx, String orderId, MerchantStatus to, String note, boolean notify) {
        CommandContext c = (note == null ? ctx : ctx.withReason(note)).withoutJournal();
        Order current = p.orders.get(c, orderId);
        MerchantStatus.Plan plan = MerchantStatus.plan(current, to, refundable(current));
        if (plan.blocked()) {
            throw DomainException.conflict("status.transition_blocked", "Order " + orderId + " cannot go from " + plan.from().wire() + " to " + to.wire(),
                    "See blocked_reasons; docs/merchant-api.md has the status mapping.").with("blocked_reasons", plan.blockedReasons());
        }
        Order after = current;
        Object detail = null;
        switch (plan.action()) {
            case NONE -> { }
            case CONFIRM -> after = confirm(c, orderId);
            case MARK_PROCESSING -> after = markProcessing(c, orderId);
            case CONFIRM_AND_MARK_PROCESSING -> { confirm(c, orderId); after = markProcessing(c.onLatestVersion(), orderId); }
            case CONFIRM_DELIVERY -> {
                require(c, Permission.FULFILLMENTS_WRITE);
                for (Fulfillment f : current.children(Fulfillment.class)) {
                    if (f.status() == FulfillmentStatus.SHIPPED || f.status() == FulfillmentStatus.IN_TRANSIT) {
                        after = p.fulfillments.confirmReceipt(c.onLatestVersion(), orderId, f.id(), c.caller().subject(), note).order();
                    }
                }
            }
            case CANCEL -> {
                require(c, Permission.ORDERS_CANCEL);
                var requested = p.cancellations.cancel(c, orderId, true, false);
                after = requested.order();
                detail = requested.cancellation();
            }
            case REFUND -> {
                require(c, Permission.REFUNDS_ISSUE);
                var refunded = p.refunds.refund(c, orderId, new RefundRequest(refundable(current), note == null ? "merchant status refunded" : note,
                        null, null, null, 0, null, null));
                after = refunded.order();
                detail = refunded.refund();
            }
        }
        invalidate(after);
        // the cancel saga notifies the customer itself
        if (notify && plan.action() != MerchantStatus.Action.NONE && plan.action() != MerchantStatus.Action.CANCEL) {
            notifyCustomer(after, "order.status_changed", "Your order " + after.state().number + " is " + MerchantStatus.of(after).wire(),
                    "The status of your order " + after.state().number + " is now " + MerchantStatus.of(after).wire() + "."
                            + (note == null ? "" : " " + note));
        }
        return new Changed(after, plan, detail);
    }

    private Order confirm(CommandContext c, String orderId) {
        require(c, Permission.ORDERS_CONFIRM);
        return p.orders.confirm(c, orderId);
    }

    private Order markProcessing(CommandContext c, String orderId) {
        return p.orders.update(c, orderId, Map.of(MerchantStatus.PROCESSING_MARK, "processing"), null, null);
    }

    /** A self-delivered or manually tracked fulfilment: created for the units asked, then shipped under the AWB. */
    record Shipped(Order order, Fulfillment fulfillment, String shipmentId) { }

    Shipped fulfil(CommandContext ctx, String orderId, FulfillmentRequest request, String carrier, String awb, String trackingUrl, boolean notify) {
        CommandContext c = ctx.withoutJournal();
        var created = p.fulfillments.create(c, orderId, request);
        var shipped = p.fulfillments.ship(c.onLatestVersion(), orderId, new ShipmentRequest(List.of(created.fulfillment().id()), carrier, null,
                List.of(awb), awb, null, null), List.of());
        Order after = shipped.order();
        invalidate(after);
        if (notify) {
            notifyCustomer(after, "order.shipped", "Your order " + after.state().number + " is on its way",
                    "Your order " + after.state().number + " has shipped with " + carrier + ". AWB " + awb
                            + (trackingUrl == null ? "." : ", track it at " + trackingUrl + "."));
        }
        return new Shipped(after, after.requireChild(Fulfillment.class, created.fulfillment().id(), "fulfillment.not_found"), shipped.shipment().id());
    }

    /**
     * The seed's cancel: not cancelled, not shipped or delivered, then the cancel saga (release, refund, restock,
     * notify). A refund amount other than everything refundable is refused (the saga refunds all captured money).
     */
    Changed cancel(CommandContext ctx, String orderId, String reason, boolean refund, java.math.BigDecimal refundDecimal, boolean restock) {
        CommandContext c = ctx.withReason(reason).withoutJournal();
        Order current = p.orders.get(c, orderId);
        MerchantStatus.Plan plan = MerchantStatus.plan(current, MerchantStatus.CANCELLED, refundable(current));
        if (plan.from() == MerchantStatus.CANCELLED) {
            throw DomainException.conflict("order.already_cancelled", "Order " + orderId + " is already cancelled", "Nothing to do.");
        }
        if (plan.blocked()) {
            throw DomainException.conflict("status.transition_blocked", "Order " + orderId + " cannot be cancelled",
                    "See blocked_reasons.").with("blocked_reasons", plan.blockedReasons());
        }
        long full = refundable(current);
        Long refundAmount = refundDecimal == null ? null
                : dev.oms.domain.money.DecimalAmounts.toMinor(refundDecimal, current.state().currency, "refund_amount");
        if (refundAmount != null) {
            if (!refund) throw DomainException.invalidField("refund_amount", "field.not_allowed", "refund_amount needs refund: true");
            if (refundAmount.longValue() != full) {
                throw DomainException.unprocessable("refund.amount_not_full",
                        "A cancellation refunds everything captured: " + Money.of(full, current.state().currency).display(),
                        "Omit refund_amount (or send the full amount); to keep part of the money, cancel with refund: false, then refund the part with POST /v1/orders/{orderId}/refunds.");
            }
        }
        var requested = p.cancellations.cancel(c, orderId, refund, restock);
        invalidate(requested.order());
        return new Changed(requested.order(), plan, requested.cancellation());
    }

    Order tags(CommandContext ctx, String orderId, Collection<String> tags, boolean add) {
        CommandContext c = ctx.withoutJournal();
        Order current = p.orders.get(c, orderId);
        Map<String, String> patch = MerchantTags.patch(current.state().metadata, tags, add);
        if (java.util.Objects.equals(patch.get(MerchantTags.KEY), current.state().metadata.get(MerchantTags.KEY))) return current;
        Order after = p.orders.update(c, orderId, patch, null, null);
        invalidate(after);
        return after;
    }

    void invalidate(Order o) { p.views.invalidate(o.tenantId(), o.id(), o.version()); }

    void notifyCustomer(Order o, String template, String subject, String body) {
        Notification notice = CustomerNotices.of(o, template, subject, body);
        if (notice == null) return;
        try {
            p.notifications.send(o.tenantId(), notice);
        } catch (RuntimeException e) {
            // the change is committed and its event is out: a lost notice is logged, never undoes it
            Observability.error("notifying the customer of order " + o.id() + " failed", e);
        }
    }

    static void require(CommandContext c, Permission permission) {
        if (!c.caller().can(permission)) throw ApiProblem.forbidden("This change needs the permission " + permission.wire());
    }

}
