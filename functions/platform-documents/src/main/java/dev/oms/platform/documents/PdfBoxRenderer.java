package dev.oms.platform.documents;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;

/** {@link DocumentRenderer} rendered in this JVM with PDFBox (the renderers of this package); stateless and thread-safe. */
public final class PdfBoxRenderer implements DocumentRenderer {
    @Override
    public byte[] labels(List<ShippingLabel> labels) {
        LabelRenderer renderer = new LabelRenderer();
        List<byte[]> pages = new ArrayList<>();
        for (ShippingLabel l : labels) pages.add(renderer.pdf(l));
        return merge(pages);
    }

    @Override
    public byte[] labelImage(byte[] labelsPdf) { return LabelImages.png(labelsPdf); }

    @Override
    public byte[] packingSlip(PackingSlip slip) { return new PackingSlipRenderer().pdf(slip); }

    @Override
    public byte[] manifest(ManifestSheet sheet) { return new ManifestRenderer().pdf(sheet); }

    @Override
    public byte[] billingDocument(BillingDocument document) { return new BillingDocumentRenderer().pdf(document); }

    /** One PDF with every page of the given PDFs, in order. */
    static byte[] merge(List<byte[]> pdfs) {
        if (pdfs.size() == 1) return pdfs.get(0);
        try (PDDocument merged = new PDDocument()) {
            List<PDDocument> parts = new ArrayList<>();
            try {
                for (byte[] b : pdfs) {
                    PDDocument part = Loader.loadPDF(new RandomAccessReadBuffer(b));
                    parts.add(part);
                    for (var page : part.getPages()) merged.importPage(page);
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                merged.save(out);
                return out.toByteArray();
            } finally {
                for (PDDocument d : parts) d.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
