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

    /** The document as the contract spells it (snake_case, minor units, RFC 3339 times). */
    static ObjectNode body(BillingDocument d) {
        ObjectNode o = Json.object().put("type", d.type()).put("number", d.number()).put("document_id", d.documentId())
                .put("order_id", d.orderId()).put("order_number", d.orderNumber()).put("currency", d.currency())
                .put("issued_at", dev.oms.platform.json.Times.format(d.issuedAt())).put("total", d.total()).put("tax", d.tax())
                .put("refers_to", d.refersTo()).put("reason", d.reason());
        o.set("bill_to", d.billTo() == null ? null : dev.oms.platform.json.Shapes.address(d.billTo()));
        var lines = o.putArray("lines");
        for (var l : d.lines()) {
            lines.addObject().put("line_id", l.lineId()).put("sku", l.sku()).put("description", l.description()).put("quantity", l.quantity())
                    .put("unit_price", l.unitPrice()).put("net", l.net()).put("tax", l.tax()).put("total", l.total());
        }
        return o;
    }

    public HttpBilling(SignedHttpClient client, DocumentStorage documents) {
        this.client = client;
        this.documents = documents;
    }

    @Override
    public StoredFile issue(String tenantId, BillingDocument document) {
        ObjectNode body = body(document);
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
