package dev.oms.orders;

import static dev.oms.app.security.Permission.AUDIT_READ;
import static dev.oms.app.security.Permission.ORDERS_READ;
import static dev.oms.app.security.Permission.SETTINGS_MANAGE;
import static dev.oms.app.security.Permission.SETTINGS_READ;
import static dev.oms.platform.http.Route.get;
import static dev.oms.platform.http.Route.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.port.OrderSettingsStore.HistoryEntry;
import dev.oms.app.port.OrderSettingsStore.Versioned;
import dev.oms.app.settings.SettingsService;
import dev.oms.domain.settings.OrderSettings;
import dev.oms.domain.settings.SettingsPatch;
import dev.oms.platform.dynamo.DynamoOrderSettings;
import dev.oms.platform.http.ApiHandler;
import dev.oms.platform.http.ApiRequest;
import dev.oms.platform.http.ApiResponse;
import dev.oms.platform.http.Body;
import dev.oms.platform.http.Pages;
import dev.oms.platform.http.Routes;
import dev.oms.platform.json.Json;
import dev.oms.platform.json.Shapes;
import dev.oms.platform.json.Times;
import dev.oms.platform.views.CapabilityViews;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Seed 000 section 16: the tenant's order settings (read, change with If-Match, history) and the capabilities they
 * give it. Each setting's effect is in docs/settings.md.
 */
public final class OrderSettingsHandler extends ApiHandler {
    private final SettingsApi p;
    private final SettingsService settings;
    private final Routes routes;

    public OrderSettingsHandler() { this(SettingsApi.get()); }

    OrderSettingsHandler(SettingsApi p) {
        super(p.idempotency, p.clock);
        this.p = p;
        this.settings = p.settings;
        this.routes = Routes.of(
                get("/v1/orders/settings", this::read).requires(SETTINGS_READ),
                patch("/v1/orders/settings", this::change).requires(SETTINGS_MANAGE),
                get("/v1/orders/settings/history", this::history).requires(AUDIT_READ),
                get("/v1/orders/capabilities", this::capabilities).requires(ORDERS_READ));
    }

    @Override
    public Routes routes() { return routes; }

    private ApiResponse read(ApiRequest r) {
        Versioned v = settings.get(r.command());
        return ApiResponse.ok(settingsView(v)).withVersion(v.version());
    }

    /** Any of the settings; {@code null} resets a nullable one. {@code reason} goes into the history. */
    private ApiResponse change(ApiRequest r) {
        Body b = Body.parse(r.body());
        String[] allowed = new String[SettingsPatch.FIELDS.size() + 2];
        SettingsPatch.FIELDS.toArray(allowed);
        allowed[allowed.length - 2] = "version";
        allowed[allowed.length - 1] = "reason";
        b.allow(allowed);
        SettingsPatch patch = new SettingsPatch();
        JsonNode n = b.node();
        for (String f : SettingsPatch.FIELDS) {
            if (!n.has(f)) continue;
            JsonNode v = n.get(f);
            Object value;
            if (v.isNull()) value = null;
            else if (f.equals("return_address")) value = b.address(f, false);
            else if (f.equals("auto_confirm_thresholds") || f.equals("rate_limits")) value = thresholds(v);
            else if (f.equals("customer_faq")) value = faq(v);
            else if (f.startsWith("payment_terms_")) {
                value = b.strings(f, false, 0, OrderSettings.MAX_TERMS_ENTRIES, OrderSettings.MAX_TERMS_ID_LENGTH);
                if (value == null) continue; // reported by Body
            }
            else if (v.isBoolean()) value = v.booleanValue();
            else if (v.isIntegralNumber() && v.canConvertToLong()) value = v.longValue();
            else if (v.isTextual()) value = v.textValue();
            else value = v.toString();
            patch.set(f, value);
        }
        String reason = b.string("reason", false, 500);
        r.expectVersion(b.integer("version", false, 1, Long.MAX_VALUE));
        if (patch.isEmpty()) b.error("allow_partial_shipments", "field.required", "Send at least one setting to change");
        b.check();
        return r.execute(v -> {
            dev.oms.platform.ratelimit.RateLimiter.policyChanged(r.caller().tenantId()); // this container at once, others within a minute
            return ApiResponse.ok(settingsView(v)).withVersion(v.version());
        }, ctx -> settings.patch(ctx.withReason(reason), patch));
    }

    private static Object thresholds(JsonNode v) {
        if (!v.isObject()) return v.toString();
        Map<String, Object> m = new LinkedHashMap<>();
        v.properties().forEach(e -> m.put(e.getKey(), e.getValue().isIntegralNumber() && e.getValue().canConvertToLong() ? e.getValue().longValue() : null));
        return m;
    }

    /** {@code customer_faq}: the entries as maps of their text fields (anything else is refused by the patch). */
    private static Object faq(JsonNode v) {
        if (!v.isArray()) return v.toString();
        java.util.List<Object> out = new java.util.ArrayList<>();
        for (JsonNode e : v) {
            if (!e.isObject()) { out.add(e.toString()); continue; }
            Map<String, Object> m = new LinkedHashMap<>();
            e.properties().forEach(x -> m.put(x.getKey(), x.getValue().isTextual() ? x.getValue().textValue() : null));
            out.add(m);
        }
        return out;
    }

    private ApiResponse history(ApiRequest r) {
        String fingerprint = "settings-history";
        return Pages.render(settings.history(r.command(), r.page(p.cursors, fingerprint)), OrderSettingsHandler::historyView, p.cursors, fingerprint);
    }

    private ApiResponse capabilities(ApiRequest r) {
        Versioned v = settings.get(r.command());
        ObjectNode o = CapabilityViews.capabilities(v, CapabilityViews.enabled(p.policies.list(r.command())));
        return ApiResponse.ok(o).withVersion(v.version());
    }

    static ObjectNode settingsView(Versioned v) {
        OrderSettings s = v.settings();
        ObjectNode o = Json.object();
        o.put("allow_partial_shipments", s.allowPartialShipments());
        ObjectNode thresholds = o.putObject("auto_confirm_thresholds");
        s.autoConfirmThresholds().forEach(thresholds::put);
        o.put("cancellation_policy", s.cancellationPolicy());
        o.put("default_warehouse", s.defaultWarehouse());
        if (s.orderRetentionDays() == null) o.putNull("order_retention_days");
        else o.put("order_retention_days", s.orderRetentionDays());
        o.put("return_window_days", s.returnWindowDays());
        o.put("quote_ttl_minutes", s.quoteTtlMinutes());
        o.put("allow_hard_delete", s.allowHardDelete());
        o.set("return_address", s.returnAddress() == null ? Json.object().nullNode() : Shapes.address(s.returnAddress()));
        s.paymentTermsCustomers().forEach(o.putArray("payment_terms_customers")::add);
        s.paymentTermsChannels().forEach(o.putArray("payment_terms_channels")::add);
        o.set("rate_limits", Json.valueToTree(s.rateLimits().toMap()));
        o.put("support_email", s.supportEmail());
        o.put("storefront_cart_url", s.storefrontCartUrl());
        var faq = o.putArray("customer_faq");
        s.customerFaq().forEach(e -> faq.addObject().put("question", e.question()).put("answer", e.answer()));
        o.put("impersonation_consent", s.impersonationConsent());
        o.put("version", v.version());
        o.put("updated_at", Times.format(v.updatedAt()));
        o.put("updated_by", v.updatedBy());
        return o;
    }

    static ObjectNode historyView(HistoryEntry h) {
        ObjectNode o = Json.object();
        o.put("version", h.version());
        o.put("at", Times.format(h.at()));
        o.putObject("actor").put("id", h.actorId()).put("type", h.actorType());
        o.put("correlation_id", h.correlationId());
        o.put("reason", h.reason());
        ArrayNode changes = o.putArray("changes");
        for (SettingsPatch.Change c : h.changes()) {
            ObjectNode n = changes.addObject();
            n.put("field", c.field());
            n.set("from", DynamoOrderSettings.value(c.before()));
            n.set("to", DynamoOrderSettings.value(c.after()));
        }
        return o;
    }
}
