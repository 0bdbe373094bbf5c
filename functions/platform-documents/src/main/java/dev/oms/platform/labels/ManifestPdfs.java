package dev.oms.platform.labels;

import dev.oms.app.shipping.ManifestFiles;
import dev.oms.domain.shipping.Manifest;
import dev.oms.platform.documents.DocumentRenderer;
import dev.oms.platform.documents.ManifestSheet;
import java.util.ArrayList;
import java.util.List;

/** {@link ManifestFiles} by the document renderer: one row per parcel of the manifest's shipments. */
public final class ManifestPdfs implements ManifestFiles {
    private final DocumentRenderer renderer;

    public ManifestPdfs(DocumentRenderer renderer) { this.renderer = renderer; }

    @Override
    public byte[] pdf(Manifest m) {
        List<ManifestSheet.Row> rows = new ArrayList<>();
        for (Manifest.Entry e : m.shipments()) for (String n : e.trackingNumbers()) rows.add(new ManifestSheet.Row(e.shipmentId(), e.orderId(), n));
        return renderer.manifest(new ManifestSheet(m.id(), m.warehouseId(), m.carrier(), m.dispatchDate().toString(), m.cutoff().toString(), m.timezone(),
                m.scanFormId(), m.shipments().size(), rows));
    }
}
