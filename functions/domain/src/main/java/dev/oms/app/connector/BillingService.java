package dev.oms.app.connector;

/**
 * The billing service, seen from the OMS: it produces the invoice and credit-note files (PDF) and keeps them where
 * the OMS's documents live. Producing the same document id again replaces the file (a retried issue).
 */
public interface BillingService {
    /** Renders and stores the document; throws {@link ConnectorException} when billing is unreachable. */
    StoredFile issue(String tenantId, BillingDocument document);

    /** Where the file is: the object key, its name for people, content type and size. */
    record StoredFile(String storageKey, String fileName, String contentType, long sizeBytes) { }
}
