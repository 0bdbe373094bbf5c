package dev.oms.platform.dynamo;

/**
 * The keys of the seed 003 shipping records (docs/data-model.md): each record is its own partition
 * ({@code T#{tenant}#SHIPPING#{id}}: the record at {@code A}, its events at {@code E#...}); a claim is an item of its
 * own; manifests are listed per warehouse and carrier by dispatch day on GSI4.
 */
public final class ShippingKeys {
    private ShippingKeys() { }

    public static String record(String tenant, String id) { return "T#" + tenant + "#SHIPPING#" + id; }

    public static String claim(String tenant, String name) { return "T#" + tenant + "#SHIPPING_CLAIM#" + name; }

    public static String manifests(String tenant, String warehouseId, String carrier) { return "T#" + tenant + "#MANIFESTS#" + warehouseId + "#" + carrier; }
}
