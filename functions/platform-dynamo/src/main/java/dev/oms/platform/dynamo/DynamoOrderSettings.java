package dev.oms.platform.dynamo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.port.ConcurrentUpdateException;
import dev.oms.app.port.IdempotencyRecord;
import dev.oms.app.port.OrderSettingsStore;
import dev.oms.app.port.Page;
import dev.oms.app.port.PageRequest;
import dev.oms.domain.order.Address;
import dev.oms.domain.settings.OrderSettings;
import dev.oms.domain.settings.SettingsPatch;
import dev.oms.platform.json.Json;
import dev.oms.platform.json.Shapes;
import dev.oms.platform.json.Times;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The settings item ({@code T#{tenant}#SETTINGS}, {@code A}: the same item {@link DynamoTenantSettings} reads for the
 * use cases) with a {@code version}, and its history items ({@code H#{version}}) under the same key. A change is one
 * transaction: the item on its expected version, the history entry, the idempotent response.
 */
public final class DynamoOrderSettings implements OrderSettingsStore {
    private final SingleTable table;

    public DynamoOrderSettings(SingleTable table) { this.table = table; }

    @Override
    public Versioned load(String tenantId) {
        return table.get(Keys.settings(tenantId), Keys.SINGLE).map(DynamoOrderSettings::fromItem)
                .orElse(new Versioned(OrderSettings.DEFAULTS, OrderSettingsStore.DEFAULTS_VERSION, null, null));
    }

    static Versioned fromItem(JsonNode i) {
        OrderSettings d = OrderSettings.DEFAULTS;
        Map<String, Long> thresholds = new LinkedHashMap<>();
        i.path("auto_confirm_thresholds").properties().forEach(e -> thresholds.put(e.getKey(), e.getValue().asLong()));
        OrderSettings s = new OrderSettings(i.path("allow_partial_shipments").asBoolean(d.allowPartialShipments()), thresholds,
                i.path("cancellation_policy").asText(d.cancellationPolicy()), Shapes.text(i, "default_warehouse"),
                i.hasNonNull("order_retention_days") ? i.get("order_retention_days").asInt() : null,
                i.path("return_window_days").asInt(d.returnWindowDays()), i.path("quote_ttl_minutes").asInt(d.quoteTtlMinutes()),
                i.path("allow_hard_delete").asBoolean(d.allowHardDelete()), Shapes.address(i.path("return_address")),
                strings(i.path("payment_terms_customers")), strings(i.path("payment_terms_channels")),
                rateLimits(i.path("rate_limits")), Shapes.text(i, "support_email"), Shapes.text(i, "storefront_cart_url"), faq(i.path("customer_faq")),
                Shapes.text(i, "impersonation_consent"));
        return new Versioned(s, i.path("version").asLong(OrderSettingsStore.DEFAULTS_VERSION), Times.parse(Shapes.text(i, "updated_at")), Shapes.text(i, "updated_by"));
    }

    private static List<dev.oms.domain.settings.FaqEntry> faq(JsonNode array) {
        List<dev.oms.domain.settings.FaqEntry> out = new ArrayList<>();
        for (JsonNode n : array) out.add(new dev.oms.domain.settings.FaqEntry(n.path("question").asText(), n.path("answer").asText()));
        return out;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : array) out.add(n.asText());
        return out;
    }

    static ObjectNode toItem(String tenantId, Versioned v) {
        OrderSettings s = v.settings();
        ObjectNode item = Json.object();
        item.put(Keys.PK, Keys.settings(tenantId));
        item.put(Keys.SK, Keys.SINGLE);
        item.put("type", "settings");
        item.put("version", v.version());
        item.put("allow_partial_shipments", s.allowPartialShipments());
        ObjectNode thresholds = item.putObject("auto_confirm_thresholds");
        s.autoConfirmThresholds().forEach(thresholds::put);
        item.put("cancellation_policy", s.cancellationPolicy());
        item.put("default_warehouse", s.defaultWarehouse());
        if (s.orderRetentionDays() != null) {
            item.put("order_retention_days", s.orderRetentionDays());
            item.put(Keys.GSI1PK, Keys.RETENTION_TENANTS); // the retention job's list of tenants
            item.put(Keys.GSI1SK, tenantId);
        }
        item.put("return_window_days", s.returnWindowDays());
        item.put("quote_ttl_minutes", s.quoteTtlMinutes());
        item.put("allow_hard_delete", s.allowHardDelete());
        if (s.returnAddress() != null) item.set("return_address", Shapes.address(s.returnAddress()));
        s.paymentTermsCustomers().forEach(item.putArray("payment_terms_customers")::add);
        s.paymentTermsChannels().forEach(item.putArray("payment_terms_channels")::add);
        if (!s.rateLimits().equals(dev.oms.domain.settings.RateLimits.DEFAULTS)) item.set("rate_limits", Json.valueToTree(s.rateLimits().toMap()));
        if (s.supportEmail() != null) item.put("support_email", s.supportEmail());
        if (s.storefrontCartUrl() != null) item.put("storefront_cart_url", s.storefrontCartUrl());
        item.put("impersonation_consent", s.impersonationConsent());
        if (!s.customerFaq().isEmpty()) {
            var faq = item.putArray("customer_faq");
            s.customerFaq().forEach(e -> faq.addObject().put("question", e.question()).put("answer", e.answer()));
        }
        item.put("updated_at", Times.format(v.updatedAt()));
        item.put("updated_by", v.updatedBy());
        return item;
    }

    @Override
    public void save(String tenantId, long expectedVersion, Versioned next, HistoryEntry entry, IdempotencyRecord idempotency) {
        // the defaults (no item, or one the demo loader wrote without a version) are version 1
        String check = expectedVersion == OrderSettingsStore.DEFAULTS_VERSION ? "attribute_not_exists(version) OR version = :v" : "version = :v";
        Expression condition = Expression.builder().expression(check)
                .putExpressionValue(":v", AttributeValue.fromN(Long.toString(expectedVersion))).build();
        TableTransaction tx = table.transaction().put(toItem(tenantId, next), condition).put(historyItem(tenantId, entry));
        if (idempotency != null) IdempotencyStore.addCompletion(tx, idempotency);
        try {
            table.transact(tx);
        } catch (TransactionCanceledException e) {
            var reasons = e.cancellationReasons();
            if (reasons != null && !reasons.isEmpty() && "ConditionalCheckFailed".equals(reasons.get(0).code())) {
                Map<String, AttributeValue> old = reasons.get(0).item();
                throw new ConcurrentUpdateException(old == null || !old.containsKey("version") ? OrderSettingsStore.DEFAULTS_VERSION : Long.parseLong(old.get("version").n()));
            }
            if (idempotency != null && reasons != null && reasons.size() > 2 && "ConditionalCheckFailed".equals(reasons.get(2).code())) {
                throw IdempotencyStore.lostClaim();
            }
            throw e;
        }
    }

    private static ObjectNode historyItem(String tenantId, HistoryEntry h) {
        ObjectNode o = Json.object();
        o.put(Keys.PK, Keys.settings(tenantId));
        o.put(Keys.SK, Keys.settingsHistorySk(h.version()));
        o.put("type", "settings_change");
        o.put("version", h.version());
        o.put("at", Times.format(h.at()));
        o.put("actor_id", h.actorId());
        o.put("actor_type", h.actorType());
        o.put("correlation_id", h.correlationId());
        o.put("reason", h.reason());
        ArrayNode changes = o.putArray("changes");
        for (SettingsPatch.Change c : h.changes()) {
            ObjectNode n = changes.addObject();
            n.put("field", c.field());
            n.set("from", value(c.before()));
            n.set("to", value(c.after()));
        }
        return o;
    }

    /** The {@code rate_limits} of a settings item (the defaults for what it does not set). */
    public static dev.oms.domain.settings.RateLimits rateLimits(JsonNode n) {
        var d = dev.oms.domain.settings.RateLimits.DEFAULTS;
        if (n == null || !n.isObject()) return d;
        return new dev.oms.domain.settings.RateLimits(n.path("window_seconds").asInt(d.windowSeconds()),
                n.path("tenant_requests").asLong(d.tenantRequests()), n.path("principal_requests").asLong(d.principalRequests()),
                n.path("guest_lookups_per_order").asLong(d.guestLookupsPerOrder()), n.path("guest_lookups_per_client").asLong(d.guestLookupsPerClient()));
    }

    /** A setting's value as JSON (an address as its object, thresholds as an object of amounts). */
    public static JsonNode value(Object v) {
        if (v instanceof Address a) return Shapes.address(a);
        return Json.valueToTree(v);
    }

    @Override
    public Page<HistoryEntry> history(String tenantId, PageRequest page) {
        String pk = Keys.settings(tenantId);
        var result = table.query(TableQuery.builder().keyCondition(KeyCondition.sortBeginsWith(pk, "H#"))
                .scanIndexForward(false).limit(page.limit()).consistentRead(true).exclusiveStartKey(Positions.decode(page.position())).build())
                .iterator().next();
        List<HistoryEntry> out = new ArrayList<>();
        for (ObjectNode i : result.items()) {
            List<SettingsPatch.Change> changes = new ArrayList<>();
            i.path("changes").forEach(c -> changes.add(new SettingsPatch.Change(c.path("field").asText(), plain(c.get("from")), plain(c.get("to")))));
            out.add(new HistoryEntry(i.path("version").asLong(), Times.parse(Shapes.text(i, "at")), Shapes.text(i, "actor_id"),
                    Shapes.text(i, "actor_type"), Shapes.text(i, "correlation_id"), Shapes.text(i, "reason"), changes));
        }
        return new Page<>(out, Positions.encode(result.lastEvaluatedKey()));
    }

    private static Object plain(JsonNode n) {
        if (n == null || n.isNull()) return null;
        if (n.isObject() && n.has("line1")) return Shapes.address(n);
        return Json.toMap(Json.object().set("v", n)).get("v");
    }
}
