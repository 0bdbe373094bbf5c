package dev.oms.platform.documents;

import static dev.oms.platform.documents.PdfCanvas.Align.LEFT;
import static dev.oms.platform.documents.PdfCanvas.Align.RIGHT;

import java.util.List;

/**
 * A manifest as an A4 PDF (seed 003 section 5): warehouse, carrier, dispatch day and cut-off, the carrier's scan form,
 * one row per parcel (shipment, order, tracking number), the totals and a line for the driver's signature. Stateless
 * and thread-safe.
 */
public final class ManifestRenderer {
    public byte[] pdf(ManifestSheet m) {
        String title = "Manifest " + m.id();
        PageFlow flow = new PageFlow(PdfCanvas.document(title), title);
        PdfCanvas c = flow.canvas();
        float top = flow.y;
        c.text(flow.left(), top - 6, c.fonts.bold(), 20, "MANIFEST");
        c.fitted(flow.right(), top - 4, c.fonts.bold(), 11, RIGHT, 260, m.id());
        c.text(flow.right(), top - 18, c.fonts.regular(), 9, RIGHT, "Dispatch " + m.dispatchDate() + ", cut-off " + m.cutoff() + " " + m.timezone());
        float y = top - 44;
        c.fitted(flow.left(), y, c.fonts.regular(), 10, LEFT, 480, "Warehouse " + m.warehouseId() + "   Carrier " + m.carrier());
        y -= 13;
        c.fitted(flow.left(), y, c.fonts.regular(), 10, LEFT, 480, "Scan form " + (m.scanFormId() == null ? "-" : m.scanFormId()));
        flow.down(flow.y - y + 24);

        Table table = new Table(flow, List.of(
                new Table.Column("Shipment", 150, LEFT),
                new Table.Column("Order", 150, LEFT),
                new Table.Column("Tracking number", 199, LEFT)));
        for (ManifestSheet.Row r : m.rows()) table.row(r.shipmentId(), r.orderId(), r.trackingNumber());
        table.end();
        flow.need(70);
        flow.down(6);
        flow.canvas().text(flow.right(), flow.y, flow.fonts().bold(), 10, RIGHT, "Shipments: " + m.shipmentCount() + "   Parcels: " + m.rows().size());
        flow.down(40);
        flow.canvas().text(flow.left(), flow.y, flow.fonts().regular(), 10, LEFT, "Collected by (name, signature, time): ______________________________");
        return flow.finish();
    }
}
