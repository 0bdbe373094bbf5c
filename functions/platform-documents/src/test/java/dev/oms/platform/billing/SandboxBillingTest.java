package dev.oms.platform.billing;

import dev.oms.platform.documents.Amounts;
import dev.oms.platform.documents.BillingDocumentRenderer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.oms.app.connector.BillingDocument;
import dev.oms.domain.order.Address;
import dev.oms.domain.order.InvoiceLine;
import java.time.Instant;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

class SandboxBillingTest {
    static final Address HOME = new Address("Ada Lovelace", null, "1 Main St", null, "Kuwait City", null, "12345", "KW", null, null);

    @Test
    void anInvoiceInKwdPrintsExactAmountsWithThreeDecimals() throws Exception {
        BillingDocument doc = new BillingDocument("invoice", "INV-000007", "doc_1", "ord_1", 1042, "KWD", Instant.parse("2026-11-22T10:00:00Z"),
                HOME, List.of(new InvoiceLine("line_1", "SKU-1", "Lamp", 3, 1001, 3003, 150, 3153),
                        new InvoiceLine("shipping", null, "Shipping (std)", 1, 500, 500, 0, 500)), 3653, 150, null, null);
        var printable = SandboxBilling.toPrintable(doc);
        assertThat(printable.totalMinor()).isEqualTo(3653);
        assertThat(printable.currencyExponent()).isEqualTo(3);
        try (var pdf = Loader.loadPDF(new BillingDocumentRenderer().pdf(printable))) {
            String text = new PDFTextStripper().getText(pdf);
            assertThat(text).contains("INV-000007").contains("3.653").contains("1042");
        }
    }

    @Test
    void aCreditNoteByAmountWithoutAnInvoiceStillRendersInJpy() throws Exception {
        BillingDocument doc = new BillingDocument("credit_note", "CN-000001", "doc_2", "ord_1", 1042, "JPY", Instant.parse("2026-11-22T10:00:00Z"),
                null, List.of(new InvoiceLine("line_1", "SKU-1", "Lamp", 0, 1200, 1000, 100, 1100)), 1100, 100, null, "goodwill");
        var printable = SandboxBilling.toPrintable(doc);
        assertThat(printable.originalInvoiceNumber()).isEqualTo("not invoiced");
        assertThat(printable.lines().get(0).quantity()).isEqualTo(1);
        try (var pdf = Loader.loadPDF(new BillingDocumentRenderer().pdf(printable))) {
            assertThat(new PDFTextStripper().getText(pdf)).contains("CN-000001").contains("Total credited JPY 1100");
        }
    }
}
