package dev.oms.platform.documents;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * Drawing on one PDF page in points (1/72 inch, origin bottom left) with Helvetica: text made safe for WinAnsi,
 * measured, fitted or wrapped to a width; rules; filled rectangles. Unchecked: rendering to memory has no I/O to fail.
 */
final class PdfCanvas implements AutoCloseable {
    /** Helvetica and Helvetica-Bold, created once per document (PDFBox objects belong to one document). */
    record Fonts(PDFont regular, PDFont bold) {
        static Fonts helvetica() {
            BundledHelvetica.install();
            return new Fonts(new PDType1Font(Standard14Fonts.FontName.HELVETICA),
                    new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD));
        }
    }

    enum Align { LEFT, CENTER, RIGHT }

    final Fonts fonts;
    final PDPage page;
    private final PDPageContentStream out;

    PdfCanvas(PDDocument document, PDPage page, Fonts fonts) {
        this.fonts = fonts;
        this.page = page;
        try {
            this.out = new PDPageContentStream(document, page);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    float width() { return page.getMediaBox().getWidth(); }

    float height() { return page.getMediaBox().getHeight(); }

    /** Draws text with its baseline at y, aligned on x (left edge, centre or right edge). */
    void text(float x, float y, PDFont font, float size, Align align, String text) {
        String safe = WinAnsiText.safe(text);
        float w = align == Align.LEFT ? 0 : measure(font, size, safe);
        float left = align == Align.LEFT ? x : align == Align.CENTER ? x - w / 2 : x - w;
        try {
            out.beginText();
            out.setFont(font, size);
            out.newLineAtOffset(left, y);
            out.showText(safe);
            out.endText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void text(float x, float y, PDFont font, float size, String text) { text(x, y, font, size, Align.LEFT, text); }

    /** Draws text cut to maxWidth (ending in "...") when it is wider. */
    void fitted(float x, float y, PDFont font, float size, Align align, float maxWidth, String text) {
        text(x, y, font, size, align, fit(font, size, maxWidth, text));
    }

    static float measure(PDFont font, float size, String text) {
        try {
            return font.getStringWidth(WinAnsiText.safe(text)) / 1000f * size;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text, or as much of it as fits in maxWidth followed by "...". */
    static String fit(PDFont font, float size, float maxWidth, String text) {
        String safe = WinAnsiText.safe(text);
        if (measure(font, size, safe) <= maxWidth) return safe;
        return safe.substring(0, longestPrefix(font, size, maxWidth, safe, "...")).stripTrailing() + "...";
    }

    /** How many leading characters of text, followed by suffix, fit in maxWidth (text is already safe). */
    private static int longestPrefix(PDFont font, float size, float maxWidth, String text, String suffix) {
        int lo = 0, hi = text.length();
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (measure(font, size, text.substring(0, mid) + suffix) <= maxWidth) lo = mid;
            else hi = mid - 1;
        }
        return lo;
    }

    /** The text broken at spaces into lines no wider than maxWidth (a word wider than that is broken inside). */
    static List<String> wrap(PDFont font, float size, float maxWidth, String text) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : WinAnsiText.safe(text).trim().split(" +")) {
            String candidate = line.isEmpty() ? word : line + " " + word;
            if (measure(font, size, candidate) <= maxWidth) {
                line.setLength(0);
                line.append(candidate);
                continue;
            }
            if (!line.isEmpty()) lines.add(line.toString());
            line.setLength(0);
            String rest = word;
            while (measure(font, size, rest) > maxWidth && rest.length() > 1) {
                int end = Math.max(1, longestPrefix(font, size, maxWidth, rest, ""));
                lines.add(rest.substring(0, end));
                rest = rest.substring(end);
            }
            line.append(rest);
        }
        if (!line.isEmpty() || lines.isEmpty()) lines.add(line.toString());
        return lines;
    }

    /** A horizontal rule from x1 to x2 at y. */
    void rule(float x1, float x2, float y, float thickness) {
        try {
            out.setLineWidth(thickness);
            out.moveTo(x1, y);
            out.lineTo(x2, y);
            out.stroke();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds a rectangle to the current path; {@link #fill()} paints all of them at once. */
    void rect(float x, float y, float w, float h) {
        try {
            out.addRect(x, y, w, h);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void fill() {
        try {
            out.fill();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new document with its title set, for the renderers. */
    static PDDocument document(String title) {
        PDDocument document = new PDDocument();
        document.getDocumentInformation().setTitle(WinAnsiText.safe(title));
        document.getDocumentInformation().setCreator("OMS");
        return document;
    }

    /** The document as PDF bytes; closes it. */
    static byte[] save(PDDocument document) {
        try (document) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 * 1024);
            document.save(bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
