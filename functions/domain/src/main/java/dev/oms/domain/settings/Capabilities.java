package dev.oms.domain.settings;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The features a tenant has (seed 000 section 16, {@code GET /v1/orders/capabilities}), derived from its settings, its
 * enabled automation policies and what this version of the system has. Each capability says whether it is enabled and why (the setting it
 * follows, or that it is built in / not available yet), so a client can show or hide a feature without guessing.
 */
public final class Capabilities {
    /** One feature: its name, whether the tenant has it, and where that comes from. */
    public record Capability(String name, boolean enabled, String source, String detail) { }

    /** A connector the tenant's orders use (payments, inventory, ...) and the adapter that serves it. */
    public record Connector(String kind, String adapter) { }

    /**
     * The connectors of this version: every external service is served by the sandbox adapter (the connector registry
     * that chooses a real adapter per tenant is not part of this version).
     */
    public static final List<Connector> CONNECTORS = List.of(new Connector("payments", "sandbox"), new Connector("inventory", "sandbox"),
            new Connector("carrier", "sandbox"), new Connector("fraud", "sandbox"), new Connector("billing", "sandbox"),
            new Connector("store_credit", "sandbox"), new Connector("notifications", "sns"));

    private Capabilities() { }

    public static List<Capability> of(OrderSettings s) { return of(s, Set.of()); }

    /** The capabilities, with those of the automation policies that are enabled ({@code enabledPolicyTypes}). */
    public static List<Capability> of(OrderSettings s, Set<String> enabledPolicyTypes) {
        List<Capability> out = new ArrayList<>();
        out.add(setting("split_shipments", s.allowPartialShipments(), "allow_partial_shipments",
                "Several fulfilments and shipments per order, each with part of the units"));
        out.add(new Capability("serialized_returns", true, "built_in", "Returns record the serial number of every unit returned"));
        out.add(setting("returns", s.returnWindowDays() > 0, "return_window_days",
                "Returns accepted for " + s.returnWindowDays() + " days after delivery"));
        out.add(setting("return_labels", true, "return_address", s.returnAddress() != null
                ? "Prepaid return labels to the tenant's return address" : "Prepaid return labels to the fulfilment centre (no return_address set)"));
        out.add(setting("cancel_after_confirmation", OrderSettings.BEFORE_SHIPMENT.equals(s.cancellationPolicy()), "cancellation_policy",
                "Orders can be cancelled until they ship (otherwise only before confirmation)"));
        out.add(new Capability("partial_cancellation", true, "built_in", "Cancel some units of some lines, refunded and restocked"));
        out.add(setting("hard_delete", s.allowHardDelete(), "allow_hard_delete", "Admins may delete orders for good"));
        out.add(setting("default_warehouse", s.defaultWarehouse() != null, "default_warehouse",
                "Fulfilments without warehouse_id go to " + (s.defaultWarehouse() == null ? "(none set)" : s.defaultWarehouse())));
        out.add(setting("order_retention", s.orderRetentionDays() != null, "order_retention_days",
                s.orderRetentionDays() == null ? "Orders are kept for ever" : "Orders older than " + s.orderRetentionDays() + " days are archived"));
        out.add(new Capability("auto_confirm", enabledPolicyTypes.contains(Policy.AUTO_CONFIRM) && !s.autoConfirmThresholds().isEmpty(),
                "policy:auto_confirm", "Orders from trusted channels up to auto_confirm_thresholds confirm on creation"));
        out.add(new Capability("auto_cancel_unpaid", enabledPolicyTypes.contains(Policy.AUTO_CANCEL_UNPAID), "policy:auto_cancel_unpaid",
                "Orders not paid in time are cancelled"));
        out.add(new Capability("fraud_rules", enabledPolicyTypes.stream().anyMatch(t -> t.startsWith("fraud_")), "policy:fraud_*",
                "Orders over a total, with mismatched countries or too many from one customer are held for review"));
        out.add(new Capability("notes_and_tasks", true, "built_in", "Public and internal notes with attachments; tasks across orders"));
        out.add(new Capability("webhooks", true, "built_in", "Signed outbound webhooks with retries and a delivery log"));
        out.add(new Capability("connectors_configured", false, "connector_registry",
                "Every connector is the sandbox; real adapters per tenant come with the connector registry"));
        out.add(new Capability("edits_after_fulfillment", false, "not_available", "Edits of fulfilled units come with edit quotes"));
        out.add(new Capability("search", false, "not_available", "Full-text search comes with the search projection"));
        return out;
    }

    private static Capability setting(String name, boolean enabled, String setting, String detail) {
        return new Capability(name, enabled, "setting:" + setting, detail);
    }
}
