package dev.oms.platform.connectors.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.connector.CartService;
import dev.oms.app.connector.ConnectorException;
import dev.oms.domain.money.Money;
import dev.oms.platform.json.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The storefront's carts over the signed-HTTP contract (docs/connectors/signed-http.openapi.yaml): {@code POST /carts}
 * (write: customer, currency, SKUs and quantities in; the priced cart out) and {@code POST /carts/lookup} (read:
 * {@code cart_id} in; {@code {"found": false}} or the cart out). Prices are the partner's, in integer minor units.
 */
public final class HttpCart implements CartService {
    private final SignedHttpClient client;

    public HttpCart(SignedHttpClient client) { this.client = client; }

    @Override
    public Cart create(String tenantId, String customerId, String currency, List<CartItem> items, String idempotencyKey) {
        ObjectNode body = Json.object().put("customer_id", customerId).put("currency", currency);
        var a = body.putArray("items");
        for (CartItem i : items) a.addObject().put("sku", i.sku()).put("quantity", i.quantity());
        return toCart(client.post("create", "/carts", body, idempotencyKey), currency);
    }

    @Override
    public Optional<Cart> find(String tenantId, String cartId) {
        JsonNode r = client.post("read", "/carts/lookup", Json.object().put("cart_id", cartId), null);
        if (!r.path("found").asBoolean(true) || !r.hasNonNull("cart_id")) return Optional.empty();
        return Optional.of(toCart(r, null));
    }

    /** The partner's cart; a line in another currency than the cart's is a broken answer, not a price to take. */
    static Cart toCart(JsonNode r, String expectedCurrency) {
        String currency = r.path("currency").asText(null);
        if (r.path("cart_id").asText("").isEmpty() || currency == null || (expectedCurrency != null && !expectedCurrency.equals(currency))) {
            throw new ConnectorException("cart", "read", "the partner's cart has no cart_id or another currency than asked");
        }
        List<CartLine> lines = new ArrayList<>();
        for (JsonNode l : r.path("lines")) {
            JsonNode price = l.path("unit_price");
            if (!price.path("amount").isIntegralNumber() || price.path("amount").asLong() < 0 || !currency.equals(price.path("currency").asText())
                    || !l.path("quantity").isIntegralNumber() || l.path("quantity").asLong() < 1) {
                throw new ConnectorException("cart", "read", "the partner's cart line " + l.path("sku").asText() + " has no integer price in " + currency + " or no quantity");
            }
            lines.add(new CartLine(l.path("sku").asText(), l.path("name").asText(null), l.path("quantity").asLong(),
                    Money.of(price.path("amount").asLong(), currency), l.hasNonNull("tax_rate_bps") ? l.path("tax_rate_bps").asInt() : null));
        }
        List<String> unavailable = new ArrayList<>();
        r.path("unavailable").forEach(u -> unavailable.add(u.asText()));
        Instant created;
        try {
            created = r.hasNonNull("created_at") ? Instant.parse(r.path("created_at").asText()) : Instant.EPOCH;
        } catch (java.time.DateTimeException e) {
            throw new ConnectorException("cart", "read", "the partner's cart has a created_at that is not RFC 3339");
        }
        return new Cart(r.path("cart_id").asText(), r.path("customer_id").asText(null), currency, lines, unavailable, created);
    }
}
