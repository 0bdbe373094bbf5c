package dev.oms.platform.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oms.platform.documents.BillingDocument.Kind;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class BillingDocumentRendererTest {
    private final BillingDocumentRenderer renderer = new BillingDocumentRenderer();

    @Test
    void anInvoiceShowsPartiesLinesAndTotalsInGbp() throws IOException {
        BillingDocument invoice = Samples.invoice("GBP", 2, List.of(
                Samples.line("Merino jumper, navy, M", 1, 4163, 832),
                Samples.line("Socks (3 pack)", 2, 500, 200)));

        String text = Pdfs.text(renderer.pdf(invoice));

        assertThat(text).contains("INVOICE", "INV-2026-000042", "2026-03-14", "1042", "GBP",
                "Acme Outfitters Ltd", "Leeds LS1 4AB", "BILL TO", "Ada Lovelace", "London N1 1AA",
                "Merino jumper, navy, M", "41.63", "8.32", "49.95", "Socks (3 pack)", "5.00", "10.00", "2.00", "12.00",
                "Net 51.63", "Tax 10.32", "Total due GBP 61.95", "Page 1 of 1");
        assertThat(text).doesNotContain("CREDIT", "416.3", "4163");
    }

    @Test
    void yenHasNoDecimalsAndDinarsThree() throws IOException {
        String yen = Pdfs.text(renderer.pdf(Samples.invoice("JPY", 0, List.of(Samples.line("Tenugui", 2, 2500, 500)))));
        assertThat(yen).contains("2500", "5000", "500", "Total due JPY 5500").doesNotContain("50.00", "5000.0");

        String dinar = Pdfs.text(renderer.pdf(Samples.invoice("KWD", 3, List.of(Samples.line("Dates, 1 kg", 1, 1234, 0)))));
        assertThat(dinar).contains("1.234", "0.000", "Total due KWD 1.234");
    }

    @Test
    void aCreditNoteSaysWhatItCredits() throws IOException {
        BillingDocument note = Samples.document(Kind.CREDIT_NOTE, "CN-2026-000007", "GBP", 2,
                List.of(Samples.line("Refund: Socks (3 pack)", 1, 500, 100)), "INV-2026-000041");

        String text = Pdfs.text(renderer.pdf(note));

        assertThat(text).contains("CREDIT NOTE", "CN-2026-000007", "Credits invoice INV-2026-000041",
                "This credit note credits invoice INV-2026-000041", "CREDIT TO", "Total credited GBP 6.00");
        assertThat(text).doesNotContain("INVOICE\n", "Total due", "BILL TO");
    }

    @Test
    void manyLinesRunOverSeveralPagesWithTheColumnTitlesRepeated() throws IOException {
        byte[] pdf = renderer.pdf(Samples.invoice("GBP", 2, Samples.manyLines(150)));

        int pages = Pdfs.pages(pdf);
        assertThat(pages).isGreaterThanOrEqualTo(3);
        String text = Pdfs.text(pdf);
        assertThat(text).contains("Item number 1 of a long order", "Item number 150 of a long order",
                "Invoice INV-2026-000042 (continued)", "Page 1 of " + pages, "Page " + pages + " of " + pages);
        assertThat(count(text, "Description")).isEqualTo(pages);
        // every line is there once: 150 net amounts 1.01 .. 2.50
        for (int i = 1; i <= 150; i++) assertThat(text).contains("Item number " + i + " of a long order");
        long net = Samples.manyLines(150).stream().mapToLong(BillingDocument.Line::netMinor).sum();
        assertThat(text).contains("Net " + Amounts.format(net, 2));
    }

    @Test
    void aLongDescriptionWraps() throws IOException {
        String description = "A very long description of a bespoke item " + "with many words ".repeat(12) + "END";
        String text = Pdfs.text(renderer.pdf(Samples.invoice("GBP", 2, List.of(Samples.line(description, 1, 100, 0)))));
        assertThat(text).contains("A very long description", "END");
    }

    @Test
    void documentsMustAddUp() {
        BillingDocument.Line line = Samples.line("x", 1, 100, 20);
        assertThatThrownBy(() -> new BillingDocument(Kind.INVOICE, "INV-1", LocalDate.of(2026, 1, 1), Samples.SHOP, Samples.ADA,
                "GBP", 2, List.of(line), 100, 20, 121, null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BillingDocument(Kind.INVOICE, "INV-1", LocalDate.of(2026, 1, 1), Samples.SHOP, Samples.ADA,
                "GBP", 2, List.of(line), 99, 21, 120, null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BillingDocument.Line("x", 1, 100, 100, 20, 119)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Samples.document(Kind.CREDIT_NOTE, "CN-1", "GBP", 2, List.of(line), null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Kind.fromCode("credit_note")).isEqualTo(Kind.CREDIT_NOTE);
        assertThatThrownBy(() -> Kind.fromCode("receipt")).isInstanceOf(IllegalArgumentException.class);
    }

    private static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + part.length())) n++;
        return n;
    }
}
