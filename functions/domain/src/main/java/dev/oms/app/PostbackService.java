package dev.oms.app;

import dev.oms.app.security.Caller;
import dev.oms.domain.DomainException;
import dev.oms.domain.money.Money;
import dev.oms.domain.order.Order;
import dev.oms.domain.order.OrderStatus;
import java.time.Clock;
import java.util.Map;
import java.util.Set;

/**
 * News that other services send the OMS (inbound webhooks, once their signature is checked): payment updates change
 * the order's payment references, and may confirm a pending order; fulfilment and invoice updates go on the order's
 * timeline until those aggregates live here.
 */
public final class PostbackService {
    /** What the inbound webhooks of each source may say, and the payment state each payment type means. */
    public static final Map<String, String> PAYMENT_STATUS_BY_TYPE = Map.of(
            "payment.authorized", "authorized", "payment.captured", "captured", "payment.declined", "declined",
            "payment.voided", "voided", "payment.refunded", "refunded", "payment.disputed", "disputed");
    public static final Set<String> SOURCES = Set.of("payment", "fulfillment", "invoice");

    private final OrderService orders;
    private final Clock clock;

    public PostbackService(OrderService orders, Clock clock) {
        this.orders = orders;
        this.clock = clock;
    }

    /** The caller a verified sender acts as: a service of the tenant, named after the source. */
    public static Caller caller(String tenantId, String source) {
        return new Caller(tenantId, "webhook:" + source, "service", Set.of("service"), null, null);
    }

    /**
     * Records the payment's new state ({@code order.payment_updated}); when that leaves a pending order covered by
     * authorized or captured payments, confirms it by the usual rules (which ask the payment service again). A
     * confirmation that is refused (stock, a payment service that does not answer, a lock) leaves the order pending, as confirming by hand
     * would: the payment update stands either way.
     */
    public Order paymentUpdated(CommandContext ctx, String orderId, String paymentId, String eventType, Money amount) {
        String status = PAYMENT_STATUS_BY_TYPE.get(eventType);
        if (status == null) throw DomainException.invalidField("type", "field.not_allowed", "Unknown payment event type " + eventType);
        Order order = orders.transactions().mutate(ctx, orderId, false, o -> {
            o.updatePayment(paymentId, status, amount, eventType, clock.instant());
            return o;
        });
        if (order.status() != OrderStatus.PENDING || !order.paymentsCoverTotal()) return order;
        try {
            return orders.confirm(ctx, orderId);
        } catch (DomainException refused) {
            return order;
        }
    }

    /**
     * Puts a fulfilment or invoice update on the order's timeline ({@code order.external_update}); an invoice update
     * naming one of the order's invoices also moves that invoice to the state billing reports ({@code invoice.updated}).
     */
    public Order externalUpdate(CommandContext ctx, String orderId, String source, String type, String externalId,
                                Map<String, Object> summary) {
        return orders.transactions().mutate(ctx, orderId, false, o -> {
            o.recordExternalUpdate(source, type, externalId, summary, clock.instant());
            if ("invoice".equals(source)) o.invoices().applyPostback(externalId, type, summary, clock.instant());
            return o;
        });
    }
}
