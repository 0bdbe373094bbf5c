package dev.oms.platform.connectors;

import dev.oms.app.connector.BillingDocument;
import dev.oms.app.connector.BillingService;
import dev.oms.app.connector.ConnectorException;
import dev.oms.app.port.DocumentStorage;

/**
 * A billing service that produces real documents: the invoice or credit note as a PDF, stored under
 * {@code documents/{tenant}/{order}/{document}.pdf} in the documents bucket (the same id again replaces the file).
 * Faults: connector {@code billing}, operation {@code issue}.
 */
public final class SandboxBilling implements BillingService {
    private final DocumentStorage storage;

    public SandboxBilling(DocumentStorage storage) { this.storage = storage; }

    @Override
    public StoredFile issue(String tenantId, BillingDocument document) {
        SandboxFaults.Mode fault = SandboxFaults.next("billing", "issue");
        if (fault != null) throw new ConnectorException("billing", "issue", fault == SandboxFaults.Mode.TIMEOUT ? "timed out" : "sandbox fault injected");
        byte[] pdf = BillingPdf.render(document);
        String key = "documents/" + tenantId + "/" + document.orderId() + "/" + document.documentId() + ".pdf";
        storage.put(key, "application/pdf", pdf);
        return new StoredFile(key, document.number() + ".pdf", "application/pdf", pdf.length);
    }
}
