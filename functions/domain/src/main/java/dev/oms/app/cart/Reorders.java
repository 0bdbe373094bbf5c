package dev.oms.app.cart;

import dev.oms.app.CommandContext;
import dev.oms.app.OrderTransactions;
import dev.oms.app.connector.CartService;
import dev.oms.app.connector.CartService.Cart;
import dev.oms.app.connector.CartService.CartItem;
import dev.oms.app.connector.CartService.CartLine;
import dev.oms.app.customer.SelfServiceRules;
import dev.oms.app.port.IdGenerator;
import dev.oms.domain.DomainException;
import dev.oms.domain.order.Order;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The customer API's {@code reorder}: a cart with the order's items that can still be bought, made by the cart port
 * (which prices them); the order records the request. No order is created: the customer checks the cart out, through
 * the storefront's link to the cart when the tenant set one ({@code storefront_cart_url}).
 */
public final class Reorders {
    private final OrderTransactions tx;
    private final CartService carts;
    private final dev.oms.app.port.OrderSettingsStore settings;
    private final IdGenerator ids;
    private final Clock clock;

    public Reorders(OrderTransactions tx, CartService carts, dev.oms.app.port.OrderSettingsStore settings, IdGenerator ids, Clock clock) {
        this.tx = tx;
        this.carts = carts;
        this.settings = settings;
        this.ids = ids;
        this.clock = clock;
    }

    /** The order (after recording the request), the cart, and the storefront's link to it (null without the setting). */
    public record Reorder(Order order, Cart cart, String cartUrl) { }

    public Reorder reorder(CommandContext ctx, String orderId) {
        Order source = tx.get(ctx, orderId);
        SelfServiceRules.requireReorderable(source);
        List<CartItem> items = new ArrayList<>();
        dev.oms.domain.order.Reorders.remainingBySku(source).forEach((sku, n) -> items.add(new CartItem(sku, n)));
        if (items.isEmpty()) {
            throw DomainException.conflict("reorder.not_available.no_items", "Order " + orderId + " has no items left to buy again",
                    "Every line of this order was cancelled.");
        }
        Cart cart = carts.create(ctx.tenantId(), source.customerId(), source.state().currency, items, "reorder:" + orderId + ":" + ids.next("rq"));
        if (cart.lines().isEmpty()) {
            throw DomainException.unprocessable("reorder.nothing_orderable", "None of the items of order " + orderId + " can be bought now",
                    "The shop no longer sells them (or not in this currency).").with("unavailable", cart.unavailable());
        }
        List<String> skus = cart.lines().stream().map(CartLine::sku).toList();
        String cartUrl = settings.load(ctx.tenantId()).settings().cartUrl(cart.id());
        // the transaction's result is what the answer (and its Idempotency-Key record) is rendered from
        return tx.mutate(ctx, orderId, false, o -> {
            dev.oms.domain.order.Reorders.record(o, cart.id(), skus, cart.unavailable(), clock.instant());
            return new Reorder(o, cart, cartUrl);
        });
    }
}
