package dev.oms.app.cart;

import dev.oms.app.CommandContext;
import dev.oms.app.OrderService;
import dev.oms.app.connector.CartService;
import dev.oms.app.connector.CartService.Cart;
import dev.oms.app.connector.CartService.CartLine;
import dev.oms.app.security.Permission;
import dev.oms.domain.DomainException;
import dev.oms.domain.order.Address;
import dev.oms.domain.order.LineSpec;
import dev.oms.domain.order.Order;
import dev.oms.domain.order.OrderDraft;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Seed 002's {@code POST /api/orders}: an order built from a cart through the canonical order creation. Every price
 * comes from the cart (the cart port), never from the request; a cart becomes one order at most (its external
 * reference is {@code cart:{cartId}}, unique per tenant). A customer orders for itself; staff and services need
 * {@code orders:create}.
 */
public final class CartCheckout {
    public static final String CHANNEL = "api", SOURCE = "cart";

    private final OrderService orders;
    private final CartService carts;

    public CartCheckout(OrderService orders, CartService carts) {
        this.orders = orders;
        this.carts = carts;
    }

    public record Request(String cartId, String userId, Address shippingAddress, String paymentMethod) { }

    public static String externalReference(String cartId) { return "cart:" + cartId; }

    public Order checkout(CommandContext ctx, Request r) {
        var caller = ctx.caller();
        if (caller.isCustomer()) {
            if (!Objects.equals(caller.customerId(), r.userId())) {
                throw new DomainException(DomainException.Kind.FORBIDDEN, "auth.forbidden", "A customer orders for itself only",
                        "Send your own customer id as user_id.");
            }
        } else if (!caller.can(Permission.ORDERS_CREATE)) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, "auth.forbidden", "Creating orders needs the permission orders:create",
                    "Use a service token or the customer's own token.");
        }
        Cart cart = carts.find(ctx.tenantId(), r.cartId()).filter(c -> c.customerId() == null || c.customerId().equals(r.userId()))
                .orElseThrow(() -> DomainException.notFound("cart.not_found", "No cart " + r.cartId()));
        if (cart.lines().isEmpty()) {
            throw DomainException.unprocessable("cart.empty", "Cart " + cart.id() + " has nothing to order", "Add items to the cart first.");
        }
        orders.findByExternalReference(ctx, externalReference(cart.id())).ifPresent(existing -> {
            throw DomainException.conflict("cart.already_ordered", "Cart " + cart.id() + " is already order " + existing.id(),
                    "A cart becomes one order; read that order, or make a new cart.").with("order_id", existing.id());
        });
        List<LineSpec> lines = new ArrayList<>();
        for (CartLine l : cart.lines()) {
            lines.add(new LineSpec(null, l.sku(), null, l.name(), l.quantity(), l.unitPrice(), null, l.taxRateBps(), null, Map.of()));
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("cart_id", cart.id());
        metadata.put("payment_method", r.paymentMethod());
        OrderDraft draft = new OrderDraft(externalReference(cart.id()), r.userId(), CHANNEL, SOURCE, cart.currency(), lines,
                r.shippingAddress(), null, null, null, null, List.of(), metadata);
        try {
            return orders.createPricedByCart(ctx, draft);
        } catch (DomainException e) {
            if (!"order.duplicate_external_reference".equals(e.code())) throw e;
            throw DomainException.conflict("cart.already_ordered", "Cart " + cart.id() + " is already an order",
                    "A cart becomes one order; read that order, or make a new cart.");
        }
    }
}
