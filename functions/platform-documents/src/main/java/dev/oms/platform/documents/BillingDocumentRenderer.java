package dev.oms.platform.documents;

import static dev.oms.platform.documents.PdfCanvas.Align.LEFT;
import static dev.oms.platform.documents.PdfCanvas.Align.RIGHT;

import dev.oms.platform.documents.BillingDocument.Kind;
import java.util.List;

/**
 * Invoices and credit notes as A4 PDFs: seller and buyer, number, dates, the order, the lines in a table that runs
 * over as many pages as it needs, and the totals. Amounts are printed from minor units with the currency's exponent.
 * Stateless and thread-safe.
 */
public final class BillingDocumentRenderer {
    private static final float DESCRIPTION = 199;

    public byte[] pdf(BillingDocument doc) {
        String title = doc.kind().title() + " " + doc.number();
        PageFlow flow = new PageFlow(PdfCanvas.document(title), title);
        heading(flow, doc);
        Table table = new Table(flow, List.of(
                new Table.Column("Description", DESCRIPTION, LEFT),
                new Table.Column("Qty", 40, RIGHT),
                new Table.Column("Unit price", 70, RIGHT),
                new Table.Column("Net", 65, RIGHT),
                new Table.Column("Tax", 55, RIGHT),
                new Table.Column("Total", 70, RIGHT)));
        for (BillingDocument.Line l : doc.lines()) {
            table.row(l.description(), Long.toString(l.quantity()), doc.format(l.unitAmountMinor()), doc.format(l.netMinor()),
                    doc.format(l.taxMinor()), doc.format(l.totalMinor()));
        }
        table.end();
        totals(flow, doc);
        return flow.finish();
    }

    private static void heading(PageFlow flow, BillingDocument doc) {
        PdfCanvas c = flow.canvas();
        float right = flow.right();
        float top = flow.y;
        // the seller, left; the document's title and facts, right
        c.fitted(flow.left(), top - 4, c.fonts.bold(), 14, LEFT, 260, doc.seller().name());
        float y = top - 20;
        for (String line : doc.seller().printLines()) {
            c.fitted(flow.left(), y, c.fonts.regular(), 9, LEFT, 260, line);
            y -= 11;
        }
        c.text(right, top - 6, c.fonts.bold(), 20, RIGHT, doc.kind().title().toUpperCase(java.util.Locale.ROOT));
        float fy = top - 26;
        fy = fact(c, right, fy, "Number", doc.number());
        fy = fact(c, right, fy, "Issue date", doc.issueDate().toString());
        if (doc.orderNumber() != null) fy = fact(c, right, fy, "Order", doc.orderNumber());
        if (doc.kind() == Kind.CREDIT_NOTE) fy = fact(c, right, fy, "Credits invoice", doc.originalInvoiceNumber());
        fact(c, right, fy, "Currency", doc.currency());
        y = Math.min(y, fy) - 18;

        c.text(flow.left(), y, c.fonts.bold(), 8, doc.kind() == Kind.CREDIT_NOTE ? "CREDIT TO" : "BILL TO");
        y -= 13;
        c.fitted(flow.left(), y, c.fonts.bold(), 10, LEFT, 300, doc.buyer().name());
        for (String line : doc.buyer().printLines()) {
            y -= 12;
            c.fitted(flow.left(), y, c.fonts.regular(), 10, LEFT, 300, line);
        }
        y -= 24;
        if (doc.kind() == Kind.CREDIT_NOTE) {
            c.fitted(flow.left(), y, c.fonts.regular(), 10, LEFT, right - flow.left(), "This credit note credits invoice "
                    + doc.originalInvoiceNumber() + ". The amounts below are credited to you.");
            y -= 22;
        }
        flow.down(flow.y - y);
    }

    /** "label  value" right-aligned on one line; returns the next line's baseline. */
    private static float fact(PdfCanvas c, float right, float y, String label, String value) {
        c.fitted(right, y, c.fonts.regular(), 9, RIGHT, 160, value);
        c.text(right - 165, y, c.fonts.bold(), 9, RIGHT, label);
        return y - 12;
    }

    private static void totals(PageFlow flow, BillingDocument doc) {
        flow.need(64);
        PdfCanvas c = flow.canvas();
        float right = flow.right();
        c.rule(right - 200, right, flow.y + 4, 0.75f);
        flow.down(10);
        total(flow, "Net", doc.format(doc.netMinor()), false);
        total(flow, "Tax", doc.format(doc.taxMinor()), false);
        String label = doc.kind() == Kind.CREDIT_NOTE ? "Total credited " : "Total due ";
        total(flow, label + doc.currency(), doc.format(doc.totalMinor()), true);
    }

    private static void total(PageFlow flow, String label, String amount, boolean bold) {
        PdfCanvas c = flow.canvas();
        var font = bold ? c.fonts.bold() : c.fonts.regular();
        float size = bold ? 11 : 9;
        c.text(flow.right() - 90, flow.y, font, size, RIGHT, label);
        c.fitted(flow.right(), flow.y, font, size, RIGHT, 85, amount);
        flow.down(size + 5);
    }
}
