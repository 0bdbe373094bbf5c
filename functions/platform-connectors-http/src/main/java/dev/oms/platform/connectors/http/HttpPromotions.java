package dev.oms.platform.connectors.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oms.app.connector.ConnectorException;
import dev.oms.app.connector.PromotionsService;
import dev.oms.platform.connectors.PromotionRules;
import dev.oms.platform.json.Json;
import java.util.Optional;

/**
 * The shop's promotions over the signed-HTTP contract: {@code POST /promotions/lookup} (read: {@code code} and
 * {@code customer_id} in; {@code {"found": false}}, or the rule and {@code customer_redemptions} out).
 */
public final class HttpPromotions implements PromotionsService {
    private final SignedHttpClient client;

    public HttpPromotions(SignedHttpClient client) { this.client = client; }

    @Override
    public Optional<Lookup> find(String tenantId, String code, String customerId) {
        JsonNode r = client.post("read", "/promotions/lookup", Json.object().put("code", code).put("customer_id", customerId), null);
        if (!r.path("found").asBoolean(true)) return Optional.empty();
        try {
            return Optional.of(new Lookup(PromotionRules.parse(r), Math.max(0, r.path("customer_redemptions").asLong(0))));
        } catch (IllegalArgumentException e) {
            throw new ConnectorException("promotions", "read", "the partner's promotion is not valid: " + e.getMessage());
        }
    }
}
