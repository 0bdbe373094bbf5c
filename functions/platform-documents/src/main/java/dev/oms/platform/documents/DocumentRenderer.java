package dev.oms.platform.documents;

import java.util.List;

/**
 * The PDF documents and label images the OMS renders, behind one port. The workers render them here with PDFBox
 * ({@link PdfBoxRenderer}); the API functions, whose jars do not carry PDFBox (3.4 MiB), ask {@code DocumentsFunction}
 * ({@code dev.oms.platform.rendering.RelayedRenderer}, one Lambda {@code Invoke} per document) when the deployment
 * names it in {@code DOCUMENTS_FUNCTION}. The documents are the same bytes either way.
 */
public interface DocumentRenderer {
    /** Shipping labels, one 4 x 6 inch page each, in one PDF. */
    byte[] labels(List<ShippingLabel> labels);

    /** A labels PDF as one PNG for thermal printers (the pages stacked). */
    byte[] labelImage(byte[] labelsPdf);

    byte[] packingSlip(PackingSlip slip);

    byte[] manifest(ManifestSheet sheet);

    byte[] billingDocument(BillingDocument document);
}
