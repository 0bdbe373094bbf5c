package dev.oms.app.customer;

import dev.oms.app.CommandContext;
import dev.oms.app.OrderTransactions;
import dev.oms.app.port.OrderSettingsStore;
import dev.oms.domain.order.Order;
import dev.oms.domain.order.OrderFaq;
import dev.oms.domain.settings.OrderSettings;
import java.time.Clock;
import java.util.List;

/**
 * The customer API's {@code faq}: the questions about my order answered from its state (delivery, returns, holds in
 * customer words) and the shop's own entries (setting {@code customer_faq}). A read: it changes nothing.
 */
public final class CustomerFaq {
    private final OrderTransactions tx;
    private final OrderSettingsStore settings;
    private final Clock clock;

    public CustomerFaq(OrderTransactions tx, OrderSettingsStore settings, Clock clock) {
        this.tx = tx;
        this.settings = settings;
        this.clock = clock;
    }

    public record Faq(Order order, List<OrderFaq.Entry> entries) { }

    public Faq read(CommandContext ctx, String orderId) {
        Order o = tx.get(ctx, orderId);
        OrderSettings s = settings.load(ctx.tenantId()).settings();
        return new Faq(o, OrderFaq.entries(o, s.returnWindowDays(), s.customerFaq(), clock.instant()));
    }
}
