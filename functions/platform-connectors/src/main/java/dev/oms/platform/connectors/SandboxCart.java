package dev.oms.platform.connectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.connector.CartService;
import dev.oms.app.port.IdGenerator;
import dev.oms.domain.DomainException;
import dev.oms.domain.money.Currencies;
import dev.oms.domain.money.Money;
import dev.oms.platform.dynamo.Keys;
import dev.oms.platform.dynamo.SingleTable;
import dev.oms.platform.json.Json;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The carts of a storefront, kept in the table (the local default of port {@code cart}). Its catalogue is a set of
 * items per tenant ({@code T#{tenant}#SANDBOX#CATALOG}, one per SKU: name, unit price, currency, tax rate, orderable),
 * written by {@link #putCatalogItem} (locally {@code POST /local/sandbox/catalog}); a cart prices each SKU from it, and a
 * SKU it does not have, does not sell, or prices in another currency is {@code unavailable}. Carts are kept 30 days
 * ({@code T#{tenant}#SANDBOX#CART#{cartId}}); a create is done once per idempotency key.
 */
public final class SandboxCart implements CartService {
    static final long TTL_SECONDS = 30L * 86_400;
    private final SingleTable table;
    private final SandboxOperations operations;
    private final IdGenerator ids;
    private final Clock clock;

    public SandboxCart(SingleTable table, IdGenerator ids, Clock clock) {
        this.table = table;
        this.operations = new SandboxOperations(table);
        this.ids = ids;
        this.clock = clock;
    }

    /** An item of the sandbox catalogue: what a cart charges for one unit of {@code sku}. */
    public record CatalogItem(String sku, String name, Money unitPrice, Integer taxRateBps, boolean orderable) { }

    public void putCatalogItem(String tenantId, CatalogItem c) {
        if (c.sku() == null || c.sku().isBlank() || c.sku().length() > 128) throw DomainException.invalidField("sku", "field.length", "sku is 1 to 128 characters");
        if (c.unitPrice().minor() < 0) throw DomainException.invalidField("unit_price.amount", "field.out_of_range", "unit_price is not negative");
        if (!Currencies.isKnown(c.unitPrice().currency())) throw DomainException.invalidField("unit_price.currency", "currency.unknown", "Unknown currency " + c.unitPrice().currency());
        ObjectNode item = Json.object();
        item.put(Keys.PK, catalogKey(tenantId));
        item.put(Keys.SK, "SKU#" + c.sku());
        item.put("type", "sandbox_catalog_item");
        item.put("sku", c.sku());
        item.put("name", c.name());
        item.put("unit_amount", c.unitPrice().minor());
        item.put("currency", c.unitPrice().currency());
        if (c.taxRateBps() != null) item.put("tax_rate_bps", c.taxRateBps());
        item.put("orderable", c.orderable());
        table.put(item);
    }

    @Override
    public Cart create(String tenantId, String customerId, String currency, List<CartItem> items, String idempotencyKey) {
        ObjectNode stored = operations.once(tenantId, "cart", "create#" + idempotencyKey, () -> {
            ObjectNode cart = Json.object();
            cart.put("cart_id", ids.next("cart"));
            if (customerId != null) cart.put("customer_id", customerId);
            cart.put("currency", currency);
            cart.put("created_at", clock.instant().toString());
            ArrayNode lines = cart.putArray("lines");
            ArrayNode unavailable = cart.putArray("unavailable");
            for (CartItem i : items) {
                Optional<ObjectNode> c = table.get(catalogKey(tenantId), "SKU#" + i.sku());
                if (c.isEmpty() || !c.get().path("orderable").asBoolean(false) || !currency.equals(c.get().path("currency").asText())) {
                    unavailable.add(i.sku());
                    continue;
                }
                ObjectNode l = lines.addObject().put("sku", i.sku()).put("name", c.get().path("name").asText(null))
                        .put("quantity", i.quantity()).put("unit_amount", c.get().path("unit_amount").asLong());
                if (c.get().hasNonNull("tax_rate_bps")) l.put("tax_rate_bps", c.get().path("tax_rate_bps").asInt());
            }
            ObjectNode item = cart.deepCopy();
            item.put(Keys.PK, cartKey(tenantId, cart.path("cart_id").asText()));
            item.put(Keys.SK, Keys.SINGLE);
            item.put("type", "sandbox_cart");
            item.put(Keys.TTL, clock.instant().getEpochSecond() + TTL_SECONDS);
            table.put(item);
            return cart;
        });
        return toCart(stored);
    }

    @Override
    public Optional<Cart> find(String tenantId, String cartId) {
        if (cartId == null || cartId.isBlank() || cartId.length() > 128) return Optional.empty();
        return table.get(cartKey(tenantId, cartId), Keys.SINGLE).map(SandboxCart::toCart);
    }

    private static Cart toCart(JsonNode c) {
        String currency = c.path("currency").asText();
        List<CartLine> lines = new ArrayList<>();
        for (JsonNode l : c.path("lines")) {
            lines.add(new CartLine(l.path("sku").asText(), l.path("name").asText(null), l.path("quantity").asLong(),
                    Money.of(l.path("unit_amount").asLong(), currency), l.hasNonNull("tax_rate_bps") ? l.path("tax_rate_bps").asInt() : null));
        }
        List<String> unavailable = new ArrayList<>();
        c.path("unavailable").forEach(u -> unavailable.add(u.asText()));
        return new Cart(c.path("cart_id").asText(), c.path("customer_id").asText(null), currency, lines, unavailable,
                Instant.parse(c.path("created_at").asText()));
    }

    private static String catalogKey(String tenantId) { return "T#" + tenantId + "#SANDBOX#CATALOG"; }

    private static String cartKey(String tenantId, String cartId) { return "T#" + tenantId + "#SANDBOX#CART#" + cartId; }
}
