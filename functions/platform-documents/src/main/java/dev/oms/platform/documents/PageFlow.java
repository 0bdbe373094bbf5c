package dev.oms.platform.documents;

import static dev.oms.platform.documents.PdfCanvas.Align.LEFT;
import static dev.oms.platform.documents.PdfCanvas.Align.RIGHT;

import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;

/**
 * A top-to-bottom flow over as many A4 pages as the content needs: a cursor {@code y}, a new page when the next block
 * would run into the footer (headed "title (continued)", then whatever {@link #onNewPage} draws, such as a table's
 * column titles), and "Page i of n" on every page at the end.
 */
final class PageFlow {
    static final float MARGIN = 48;
    private static final float FOOTER = 20;

    private final PDDocument document;
    private final PdfCanvas.Fonts fonts = PdfCanvas.Fonts.helvetica();
    private final String title;
    private final List<PdfCanvas> pages = new ArrayList<>();
    private Runnable onNewPage = () -> { };
    private PdfCanvas canvas;
    /** The baseline of the next line of content. */
    float y;

    PageFlow(PDDocument document, String title) {
        this.document = document;
        this.title = title;
        newPage();
    }

    PdfCanvas canvas() { return canvas; }

    PdfCanvas.Fonts fonts() { return fonts; }

    float left() { return MARGIN; }

    float right() { return canvas.width() - MARGIN; }

    void onNewPage(Runnable action) { this.onNewPage = action; }

    /** Makes sure a block of the given height fits above the footer, starting a new page if not. */
    void need(float height) {
        if (y - height >= MARGIN + FOOTER) return;
        newPage();
        onNewPage.run();
    }

    void down(float height) { y -= height; }

    /** Numbers the pages, closes them and returns the PDF. */
    byte[] finish() {
        for (int i = 0; i < pages.size(); i++) {
            PdfCanvas page = pages.get(i);
            page.rule(left(), right(), MARGIN + 2, 0.5f);
            page.fitted(left(), MARGIN - 10, fonts.regular(), 8, LEFT, 300, title);
            page.text(right(), MARGIN - 10, fonts.regular(), 8, RIGHT, "Page " + (i + 1) + " of " + pages.size());
            page.close();
        }
        return PdfCanvas.save(document);
    }

    private void newPage() {
        PDPage page = new PDPage(PDRectangle.A4);
        document.addPage(page);
        canvas = new PdfCanvas(document, page, fonts);
        pages.add(canvas);
        y = top();
        if (pages.size() > 1) {
            canvas.fitted(left(), y, fonts.bold(), 10, LEFT, right() - left(), title + " (continued)");
            y -= 24;
        }
    }

    private float top() { return canvas.height() - MARGIN; }
}
