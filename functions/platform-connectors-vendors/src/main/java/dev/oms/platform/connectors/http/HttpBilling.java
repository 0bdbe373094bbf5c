package dev.oms.platform.connectors.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.connector.BillingDocument;
import dev.oms.app.connector.BillingService;
import dev.oms.app.connector.ConnectorException;
import dev.oms.app.port.DocumentStorage;
import dev.oms.platform.json.Json;
import java.util.Base64;
import java.util.Set;

/**
 * Billing over the signed-HTTP contract: the invoice or credit note (number, lines with net and tax, totals, who is
 * billed) out; the partner's rendered file (base64 PDF) back, stored where the OMS's documents live. The document id
 * is the idempotency key, so a retried issue gets the same file.
 */
public final class HttpBilling implements BillingService {
    static final Set<String> TYPES = Set.of("application/pdf");

    private final SignedHttpClient client;
    private final DocumentStorage documents;

    public HttpBilling(SignedHttpClient client, DocumentStorage documents) {
        this.client = client;
        this.documents = documents;
    }

    @Override
    public StoredFile issue(String tenantId, BillingDocument document) {
        ObjectNode body = (ObjectNode) Json.valueToTree(document);
        JsonNode r = client.post("issue", "/billing/documents", body, "billing:" + document.documentId());
        String contentType = r.path("content_type").asText("application/pdf");
        if (!TYPES.contains(contentType)) throw new ConnectorException("billing", "issue", "the partner answered " + contentType + ", not a PDF");
        byte[] file;
        try {
            file = Base64.getDecoder().decode(r.path("content_base64").asText(""));
        } catch (IllegalArgumentException e) {
            throw new ConnectorException("billing", "issue", "the partner's file is not base64");
        }
        if (file.length == 0) throw new ConnectorException("billing", "issue", "the partner sent an empty file");
        String key = "documents/" + tenantId + "/" + document.orderId() + "/" + document.documentId() + ".pdf";
        documents.put(key, contentType, file);
        return new StoredFile(key, r.path("file_name").asText(document.number() + ".pdf"), contentType, file.length);
    }
}
