package dev.oms.platform.connectors.registry;

import dev.oms.app.connector.CartService;
import dev.oms.app.connector.registry.ConnectorPort;
import java.util.List;
import java.util.Optional;

/** The cart port the use cases see: each call goes to the adapter the tenant's registry chooses. */
public final class RoutedCart implements CartService {
    private final Connectors connectors;

    public RoutedCart(Connectors connectors) { this.connectors = connectors; }

    @Override
    public Cart create(String tenantId, String customerId, String currency, List<CartItem> items, String idempotencyKey) {
        return connectors.call(tenantId, ConnectorPort.CART, CartService.class, "create", c -> c.create(tenantId, customerId, currency, items, idempotencyKey));
    }

    @Override
    public Optional<Cart> find(String tenantId, String cartId) {
        return connectors.call(tenantId, ConnectorPort.CART, CartService.class, "read", c -> c.find(tenantId, cartId));
    }
}
