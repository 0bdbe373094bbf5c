package dev.oms.platform.documents;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

/**
 * A label as a PNG image for printers and carriers that take images: each 4 x 6 page rendered in black and white at
 * {@value #DPI} dpi (a thermal printer's resolution: 812 x 1218 pixels), the pages of a shipment of several parcels
 * one under the other. Rendered headless (no display).
 */
final class LabelImages {
    static final int DPI = 203;

    private LabelImages() { }

    static byte[] png(byte[] pdf) {
        System.setProperty("java.awt.headless", "true");
        try (PDDocument doc = Loader.loadPDF(new RandomAccessReadBuffer(pdf))) {
            PDFRenderer renderer = new PDFRenderer(doc);
            List<BufferedImage> pages = new ArrayList<>();
            for (int i = 0; i < doc.getNumberOfPages(); i++) pages.add(renderer.renderImageWithDPI(i, DPI, ImageType.BINARY));
            BufferedImage sheet = pages.size() == 1 ? pages.get(0) : stack(pages);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(sheet, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static BufferedImage stack(List<BufferedImage> pages) {
        int width = pages.stream().mapToInt(BufferedImage::getWidth).max().orElse(1);
        int height = pages.stream().mapToInt(BufferedImage::getHeight).sum();
        BufferedImage sheet = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_BINARY);
        Graphics2D g = sheet.createGraphics();
        try {
            int y = 0;
            for (BufferedImage p : pages) {
                g.drawImage(p, 0, y, null);
                y += p.getHeight();
            }
        } finally {
            g.dispose();
        }
        return sheet;
    }
}
