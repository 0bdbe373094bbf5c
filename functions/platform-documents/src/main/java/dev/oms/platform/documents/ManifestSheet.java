package dev.oms.platform.documents;

import java.util.List;

/** What a manifest PDF shows: the manifest, its carrier's scan form and one row per parcel. */
public record ManifestSheet(String id, String warehouseId, String carrier, String dispatchDate, String cutoff, String timezone,
                            String scanFormId, int shipmentCount, List<Row> rows) {
    public ManifestSheet {
        rows = List.copyOf(rows);
    }

    public record Row(String shipmentId, String orderId, String trackingNumber) { }
}
