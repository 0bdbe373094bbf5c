package dev.oms.platform.documents;

import static dev.oms.platform.documents.PdfCanvas.Align.LEFT;
import static dev.oms.platform.documents.PdfCanvas.Align.RIGHT;

import java.util.List;

/** Packing slips as A4 PDFs: order number, date, ship-to, and the SKUs with their quantities. Stateless and thread-safe. */
public final class PackingSlipRenderer {

    public byte[] pdf(PackingSlip slip) {
        String title = "Packing slip for order " + slip.orderNumber();
        PageFlow flow = new PageFlow(PdfCanvas.document(title), title);
        PdfCanvas c = flow.canvas();
        float top = flow.y;
        c.text(flow.left(), top - 6, c.fonts.bold(), 20, "PACKING SLIP");
        c.fitted(flow.right(), top - 4, c.fonts.bold(), 11, RIGHT, 220, "Order " + slip.orderNumber());
        c.text(flow.right(), top - 18, c.fonts.regular(), 9, RIGHT, slip.date().toString());
        float y = top - 44;
        c.text(flow.left(), y, c.fonts.bold(), 8, "SHIP TO");
        y -= 13;
        c.fitted(flow.left(), y, c.fonts.bold(), 10, LEFT, 300, slip.shipTo().name());
        for (String line : slip.shipTo().printLines()) {
            y -= 12;
            c.fitted(flow.left(), y, c.fonts.regular(), 10, LEFT, 300, line);
        }
        flow.down(flow.y - y + 28);

        Table table = new Table(flow, List.of(
                new Table.Column("SKU", 120, LEFT),
                new Table.Column("Description", 319, LEFT),
                new Table.Column("Qty", 60, RIGHT)));
        long items = 0;
        for (PackingSlip.Line l : slip.lines()) {
            table.row(l.sku(), l.description(), Long.toString(l.quantity()));
            items += l.quantity();
        }
        table.end();
        flow.need(20);
        flow.down(6);
        flow.canvas().text(flow.right(), flow.y, flow.fonts().bold(), 10, RIGHT, "Items: " + items);
        return flow.finish();
    }
}
