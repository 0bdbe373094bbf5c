package dev.oms.platform.billing;

import dev.oms.platform.documents.DocumentRenderer;
import dev.oms.app.DocumentService;
import dev.oms.app.InvoiceService;
import dev.oms.app.RefundService;
import dev.oms.platform.connectors.SandboxStoreCredit;
import dev.oms.platform.storage.S3DocumentStorage;
import dev.oms.platform.wiring.CoreServices;

/**
 * Refunds, invoices and order documents wired together (a refund issues its credit note through billing, which
 * renders PDFs into the documents bucket), for the composition roots that serve them. Billing goes through the
 * connector registry; its local default renders the PDFs here ({@link SandboxBilling}).
 */
public final class MoneyServices {
    public final S3DocumentStorage documentStorage;
    public final RefundService refunds;
    public final InvoiceService invoices;
    public final DocumentService documents;
    /** PDFBox in the workers, DocumentsFunction in the API functions ({@code RelayedRenderer}). */
    public final DocumentRenderer renderer;

    public MoneyServices(CoreServices core, DocumentRenderer renderer) {
        this.renderer = renderer;
        documentStorage = S3DocumentStorage.fromEnvironment();
        core.archiveVendorDocumentsIn(documentStorage);
        refunds = new RefundService(core.transactions(), core.payments, new SandboxStoreCredit(core.table, core.ids), core.ids, core.clock);
        invoices = new InvoiceService(core.transactions(), core.repository, core.billing(new SandboxBilling(documentStorage, renderer)), core.ids, core.clock);
        refunds.onIssued(invoices::creditNoteAfterRefund);
        documents = new DocumentService(core.transactions(), documentStorage, core.ids, core.clock);
    }
}
