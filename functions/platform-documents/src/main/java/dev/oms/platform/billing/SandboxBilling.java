package dev.oms.platform.billing;

import dev.oms.platform.connectors.SandboxFaults;
import dev.oms.app.connector.BillingDocument;
import dev.oms.app.connector.BillingService;
import dev.oms.app.connector.ConnectorException;
import dev.oms.app.port.DocumentStorage;
import dev.oms.domain.money.Currencies;
import dev.oms.domain.order.Address;
import dev.oms.domain.order.InvoiceLine;
import dev.oms.platform.config.Env;
import dev.oms.platform.documents.DocumentRenderer;
import dev.oms.platform.documents.PostalAddress;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * A billing service that produces real documents: the invoice or credit note rendered as a PDF by the render library
 * ({@code BillingDocumentRenderer}, here or in DocumentsFunction) and stored under {@code documents/{tenant}/{order}/{document}.pdf} in the documents
 * bucket (the same id again replaces the file). The seller printed on them is {@code BILLING_SELLER_NAME} at the
 * sandbox's address. Faults: connector {@code billing}, operation {@code issue}.
 */
public final class SandboxBilling implements BillingService {
    private final DocumentStorage storage;
    private final DocumentRenderer renderer;

    public SandboxBilling(DocumentStorage storage, DocumentRenderer renderer) {
        this.storage = storage;
        this.renderer = renderer;
    }

    @Override
    public StoredFile issue(String tenantId, BillingDocument document) {
        SandboxFaults.Mode fault = SandboxFaults.next("billing", "issue");
        if (fault != null) throw new ConnectorException("billing", "issue", fault == SandboxFaults.Mode.TIMEOUT ? "timed out" : "sandbox fault injected");
        byte[] pdf = renderer.billingDocument(toPrintable(document));
        String key = "documents/" + tenantId + "/" + document.orderId() + "/" + document.documentId() + ".pdf";
        storage.put(key, "application/pdf", pdf);
        return new StoredFile(key, document.number() + ".pdf", "application/pdf", pdf.length);
    }

    /** The render library's document: every line's net and tax as allocated, totals as their sums. */
    static dev.oms.platform.documents.BillingDocument toPrintable(BillingDocument d) {
        List<dev.oms.platform.documents.BillingDocument.Line> lines = new ArrayList<>();
        long net = 0;
        long tax = 0;
        for (InvoiceLine l : d.lines()) {
            String name = l.sku() == null ? l.description() : l.sku() + (l.description() == null ? "" : " " + l.description());
            lines.add(new dev.oms.platform.documents.BillingDocument.Line(name == null ? l.lineId() : name, Math.max(1, l.quantity()),
                    l.unitPrice(), l.net(), l.tax(), l.total()));
            net = Math.addExact(net, l.net());
            tax = Math.addExact(tax, l.tax());
        }
        boolean credit = dev.oms.domain.order.Invoice.CREDIT_NOTE.equals(d.type());
        return new dev.oms.platform.documents.BillingDocument(dev.oms.platform.documents.BillingDocument.Kind.fromCode(d.type()),
                d.number(), LocalDate.ofInstant(d.issuedAt(), ZoneOffset.UTC), seller(), buyer(d), d.currency(),
                Currencies.exponent(d.currency()), lines, net, tax, Math.addExact(net, tax),
                credit ? (d.refersTo() == null ? "not invoiced" : d.refersTo()) : null, Long.toString(d.orderNumber()));
    }

    private static PostalAddress seller() {
        return PostalAddress.of(Env.get("BILLING_SELLER_NAME", "OMS Sandbox Seller Ltd"), "1 Commerce Way", "London", "EC1A 1BB", "GB");
    }

    private static PostalAddress buyer(BillingDocument d) {
        Address a = d.billTo();
        if (a == null) return PostalAddress.of("Customer of order " + d.orderNumber(), "-", "-", null, "-");
        List<String> lines = new ArrayList<>();
        if (a.company() != null) lines.add(a.company());
        lines.add(a.line1());
        if (a.line2() != null) lines.add(a.line2());
        return new PostalAddress(a.name() == null ? "Customer" : a.name(), lines, a.city(), a.region(), a.postalCode(), a.country());
    }
}
