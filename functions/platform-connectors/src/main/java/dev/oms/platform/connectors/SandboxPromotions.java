package dev.oms.platform.connectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.connector.PromotionsService;
import dev.oms.platform.dynamo.Keys;
import dev.oms.platform.dynamo.SingleTable;
import java.util.Locale;
import java.util.Optional;

/**
 * The shop's promotions kept in the table (the local default of port {@code promotions}): one item per tenant and code
 * ({@code T#{tenant}#SANDBOX#PROMOTIONS}, {@code CODE#{CODE}}) in the form of {@link PromotionRules}, plus
 * {@code redemptions}, the times each customer has used the code. Written by {@link #put} (locally
 * {@code POST /local/sandbox/promotions}).
 */
public final class SandboxPromotions implements PromotionsService {
    private final SingleTable table;

    public SandboxPromotions(SingleTable table) { this.table = table; }

    /** Stores a promotion (replacing the code's); {@link IllegalArgumentException} when it is not one. */
    public void put(String tenantId, JsonNode promotion) {
        var parsed = PromotionRules.parse(promotion);
        ObjectNode item = ((ObjectNode) promotion).deepCopy();
        String code = parsed.code().trim().toUpperCase(Locale.ROOT);
        item.put("code", code);
        item.put(Keys.PK, key(tenantId));
        item.put(Keys.SK, "CODE#" + code);
        item.put("type", "sandbox_promotion");
        item.put("promotion_type", parsed.type().wire());
        table.put(item);
    }

    @Override
    public Optional<Lookup> find(String tenantId, String code, String customerId) {
        String normalized = code.trim().toUpperCase(Locale.ROOT);
        if (normalized.isEmpty() || normalized.length() > 64) return Optional.empty();
        return table.get(key(tenantId), "CODE#" + normalized).map(item -> {
            ObjectNode rule = item.deepCopy();
            rule.put("type", item.path("promotion_type").asText());
            long used = customerId == null ? 0 : item.path("redemptions").path(customerId).asLong(0);
            return new Lookup(PromotionRules.parse(rule), used);
        });
    }

    private static String key(String tenantId) { return "T#" + tenantId + "#SANDBOX#PROMOTIONS"; }
}
