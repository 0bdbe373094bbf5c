package dev.oms.platform.documents;

import static dev.oms.platform.documents.PdfCanvas.Align.CENTER;
import static dev.oms.platform.documents.PdfCanvas.Align.LEFT;
import static dev.oms.platform.documents.PdfCanvas.Align.RIGHT;

import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;

/**
 * Shipping labels: a 4 x 6 inch PDF page for office printers and PDF viewers, or ZPL II for Zebra thermal printers.
 * Both show sender, recipient, carrier and service, the tracking number as a Code 128 barcode and as text, the parcel
 * count, the weight and the order. Stateless and thread-safe.
 */
public final class LabelRenderer {
    /** 4 x 6 inches in points. */
    static final PDRectangle LABEL = new PDRectangle(4 * 72, 6 * 72);
    private static final float MARGIN = 12;
    /** One dot of a 203 dpi thermal printer, in points: modules are whole dots, so every bar prints the same width. */
    static final float DOT = 72f / 203;
    /** The widest module drawn, in dots (about 20 mil), so short numbers do not make an overly wide barcode. */
    static final int MAX_MODULE_DOTS = 4;

    /** The label as a one-page PDF, 4 x 6 inches. */
    public byte[] pdf(ShippingLabel label) {
        PDDocument document = PdfCanvas.document("Shipping label " + label.trackingNumber());
        PDPage page = new PDPage(LABEL);
        document.addPage(page);
        try (PdfCanvas c = new PdfCanvas(document, page, PdfCanvas.Fonts.helvetica())) {
            draw(c, label);
        }
        return PdfCanvas.save(document);
    }

    /** The label as ZPL II for a 203 dpi printer: one {@code ^XA ... ^XZ} format, UTF-8 field data ({@code ^CI28}). */
    public String zpl(ShippingLabel label) {
        return ZplLabel.of(label);
    }

    private static void draw(PdfCanvas c, ShippingLabel label) {
        float w = c.width();
        float right = w - MARGIN;
        float top = c.height() - MARGIN;

        // sender, top left; parcel and weight, top right
        float y = top - 6;
        c.text(MARGIN, y, c.fonts.bold(), 6, "FROM");
        y -= 10;
        c.fitted(MARGIN, y, c.fonts.bold(), 8, LEFT, 176, label.shipFrom().name());
        for (String line : limit(label.shipFrom().printLines(), 5)) {
            y -= 9.5f;
            c.fitted(MARGIN, y, c.fonts.regular(), 8, LEFT, 176, line);
        }
        c.text(right, top - 6, c.fonts.bold(), 6, RIGHT, "PARCEL");
        c.text(right, top - 22, c.fonts.bold(), 14, RIGHT, label.parcelIndex() + " of " + label.parcelCount());
        if (label.weightGrams() != null) c.text(right, top - 36, c.fonts.regular(), 9, RIGHT, Amounts.kilograms(label.weightGrams()));
        float rule1 = top - 78;
        c.rule(MARGIN, right, rule1, 1);

        // recipient, large
        List<String> to = label.shipTo().printLines();
        float size = to.size() <= 5 ? 12 : 10;
        float leading = size * 1.2f;
        y = rule1 - 10;
        c.text(MARGIN, y, c.fonts.bold(), 7, "SHIP TO");
        y -= 17;
        c.fitted(MARGIN + 8, y, c.fonts.bold(), 14, LEFT, w - 2 * MARGIN - 8, label.shipTo().name());
        for (String line : limit(to, 7)) {
            y -= leading;
            c.fitted(MARGIN + 8, y, c.fonts.regular(), size, LEFT, w - 2 * MARGIN - 8, line);
        }
        float rule2 = rule1 - 130;
        c.rule(MARGIN, right, rule2, 2);

        // carrier and service
        c.fitted(MARGIN, rule2 - 22, c.fonts.bold(), 16, LEFT, 130, label.carrier());
        c.fitted(right, rule2 - 22, c.fonts.bold(), 16, RIGHT, 120, label.serviceCode());
        float rule3 = rule2 - 32;
        c.rule(MARGIN, right, rule3, 1);

        // the tracking number: barcode, then text
        float barTop = rule3 - 10;
        float barHeight = 72;
        barcode(c, label.trackingNumber(), barTop - barHeight, barHeight);
        c.text(w / 2, barTop - barHeight - 14, c.fonts.bold(), 11, CENTER, label.trackingNumber());
        float rule4 = barTop - barHeight - 24;
        c.rule(MARGIN, right, rule4, 1);

        // the order
        c.fitted(MARGIN, rule4 - 16, c.fonts.bold(), 10, LEFT, 170, "ORDER " + label.orderNumber());
        if (label.reference() != null && !label.reference().isBlank()) {
            c.fitted(MARGIN, rule4 - 29, c.fonts.regular(), 9, LEFT, 170, "REF " + label.reference());
        }
        c.text(right, rule4 - 16, c.fonts.regular(), 9, RIGHT, label.createdOn().toString());
    }

    /** Code 128 as filled rectangles, centred on the page, with the widest module of whole dots that fits (2 to 4). */
    private static void barcode(PdfCanvas c, String data, float y, float height) {
        int[] widths = Code128.widths(data);
        int modules = 0;
        for (int wdt : widths) modules += wdt;
        int dots = (int) ((c.width() - 2 * MARGIN) / ((modules + 2 * ShippingLabel.QUIET_ZONE) * DOT));
        float module = Math.max(2, Math.min(MAX_MODULE_DOTS, dots)) * DOT;
        float x = (c.width() - modules * module) / 2;
        for (int i = 0; i < widths.length; i++) {
            float wdt = widths[i] * module;
            if (i % 2 == 0) c.rect(x, y, wdt, height);
            x += wdt;
        }
        c.fill();
    }

    /** At most max lines (max >= 3): street lines go first, never the city line or the country, which route the parcel. */
    static List<String> limit(List<String> lines, int max) {
        if (lines.size() <= max) return lines;
        List<String> out = new ArrayList<>(lines.subList(0, max - 2));
        out.addAll(lines.subList(lines.size() - 2, lines.size()));
        return out;
    }
}
