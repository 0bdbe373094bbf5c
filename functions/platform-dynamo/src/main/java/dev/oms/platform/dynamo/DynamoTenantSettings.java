package dev.oms.platform.dynamo;

import dev.oms.app.port.TenantSettingsStore;

/** Tenant settings item; a tenant without one gets the defaults. */
public final class DynamoTenantSettings implements TenantSettingsStore {
    private final SingleTable table;

    public DynamoTenantSettings(SingleTable table) { this.table = table; }

    @Override
    public TenantSettings get(String tenantId) {
        return table.get(Keys.settings(tenantId), Keys.SINGLE)
                .map(i -> new TenantSettings(i.path("allow_hard_delete").asBoolean(false),
                        i.path("cancellation_policy").asText(TenantSettings.DEFAULTS.cancellationPolicy()),
                        i.path("allow_partial_shipments").asBoolean(true),
                        i.path("return_window_days").asInt(TenantSettings.DEFAULT_RETURN_WINDOW_DAYS),
                        dev.oms.platform.json.Shapes.text(i, "default_warehouse"), strings(i.path("payment_terms_customers")),
                        strings(i.path("payment_terms_channels"))))
                .orElse(TenantSettings.DEFAULTS);
    }

    private static java.util.List<String> strings(com.fasterxml.jackson.databind.JsonNode array) {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (com.fasterxml.jackson.databind.JsonNode n : array) out.add(n.asText());
        return out;
    }

    /** Where customers send returns ({@code return_address} of the settings item); null when the tenant set none. */
    public dev.oms.domain.order.Address returnAddress(String tenantId) {
        return table.get(Keys.settings(tenantId), Keys.SINGLE).map(i -> i.path("return_address"))
                .filter(a -> a.isObject()).map(dev.oms.platform.json.Shapes::address).orElse(null);
    }

    /** Writes the settings (used by the demo loader; the settings endpoints come with section 16). */
    public void put(String tenantId, TenantSettings s) {
        var item = dev.oms.platform.json.Json.object();
        item.put(Keys.PK, Keys.settings(tenantId));
        item.put(Keys.SK, Keys.SINGLE);
        item.put("type", "settings");
        item.put("allow_hard_delete", s.allowHardDelete());
        item.put("cancellation_policy", s.cancellationPolicy());
        item.put("allow_partial_shipments", s.allowPartialShipments());
        item.put("return_window_days", s.returnWindowDays());
        table.put(item);
    }
}
