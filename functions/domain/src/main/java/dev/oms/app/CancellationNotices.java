package dev.oms.app;

import dev.oms.app.connector.NotificationSender;
import dev.oms.domain.money.Money;
import dev.oms.domain.order.Cancellation;
import dev.oms.domain.order.Order;
import java.util.Map;

/**
 * The cancel-order saga's last step: the customer is told, once ({@code customer.notified} on the cancellation),
 * through the notifications port. Apart from {@link CancellationService} so that the functions that only request,
 * approve or decide cancellations carry no notification sender (the saga's task function does).
 */
public final class CancellationNotices {
    private final CancellationService cancellations;
    private final NotificationSender notifications;

    public CancellationNotices(CancellationService cancellations, NotificationSender notifications) {
        this.cancellations = cancellations;
        this.notifications = notifications;
    }

    /** Tells the customer, by email when the order has an address with one. */
    public Map<String, Object> notifyCustomer(String tenantId, String orderId, String cancellationId) {
        Order order = cancellations.load(tenantId, orderId);
        Cancellation c = order.cancellation(cancellationId);
        if (c.hasDone(CancellationService.STEP_NOTIFIED)) return c.action(CancellationService.STEP_NOTIFIED).detail();
        String email = CancellationService.email(order);
        if (email == null) return cancellations.record(tenantId, orderId, cancellationId, CancellationService.STEP_NOTIFIED, Map.of("sent", false, "why", "no email address"));
        boolean full = c.scope().equals(Cancellation.FULL);
        String subject = full ? "Your order " + order.state().number + " is cancelled" : "Part of your order " + order.state().number + " is cancelled";
        long given = c.hasDone(CancellationService.STEP_PAYMENTS) ? ((Number) c.action(CancellationService.STEP_PAYMENTS).detail().get("amount")).longValue() : 0;
        String body = (full ? "We have cancelled your order." : "We have cancelled some items of your order.")
                + (given > 0 ? " " + Money.of(given, order.state().currency).display() + " is on its way back to you." : "");
        notifications.send(tenantId, new NotificationSender.Notification("email", email, "order.cancelled", subject, body,
                Map.of("order_id", orderId, "cancellation_id", cancellationId)));
        return cancellations.record(tenantId, orderId, cancellationId, CancellationService.STEP_NOTIFIED, Map.of("sent", true, "channel", "email", "recipient", email));
    }
}
