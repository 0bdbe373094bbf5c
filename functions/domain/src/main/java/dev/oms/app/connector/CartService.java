package dev.oms.app.connector;

import dev.oms.domain.money.Money;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The storefront's carts (port {@code cart}, docs/connectors.md): a cart is created from SKUs and quantities and
 * priced by the cart side (its catalogue), never by the caller; the OMS reads a cart back to build an order from it
 * (seed 002's {@code POST /api/orders}) and creates one to reorder (the customer API's {@code reorder}).
 */
public interface CartService {

    /** What the caller asks for: a SKU and a quantity, no price. */
    record CartItem(String sku, long quantity) { }

    /** A priced line of a cart: the unit price in minor units of the cart's currency; the tax rate when the cart knows it. */
    record CartLine(String sku, String name, long quantity, Money unitPrice, Integer taxRateBps) { }

    /**
     * A cart: its lines, priced in one currency, and the SKUs the cart side would not take (not in its catalogue, not
     * orderable, or priced in another currency). {@code customerId} is whom the cart was made for (null for an
     * anonymous cart).
     */
    record Cart(String id, String customerId, String currency, List<CartLine> lines, List<String> unavailable, Instant createdAt) {
        public Cart {
            lines = List.copyOf(lines);
            unavailable = List.copyOf(unavailable);
        }
    }

    /**
     * Creates a cart in {@code currency} for {@code customerId} with the items the cart side can sell, priced by it.
     * The same {@code idempotencyKey} creates one cart only.
     */
    Cart create(String tenantId, String customerId, String currency, List<CartItem> items, String idempotencyKey);

    /** The cart, or empty when the cart side does not know it. */
    Optional<Cart> find(String tenantId, String cartId);
}
