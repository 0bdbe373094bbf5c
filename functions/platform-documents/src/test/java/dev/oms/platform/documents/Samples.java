package dev.oms.platform.documents;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Test documents ("mothers"). */
final class Samples {
    private Samples() { }

    static final PostalAddress SHOP = new PostalAddress("Acme Outfitters Ltd", List.of("Unit 4, Riverside Park", "Mill Lane"),
            "Leeds", null, "LS1 4AB", "GB");
    static final PostalAddress ADA = new PostalAddress("Ada Lovelace", List.of("12 Analytical Street", "Flat 3"),
            "London", null, "N1 1AA", "GB");

    static ShippingLabel label(String tracking) {
        return new ShippingLabel(SHOP, ADA, "UPS", "EXPRESS", tracking, 1250, 1, 2, "1042", "PO-2001", LocalDate.of(2026, 3, 14));
    }

    static ShippingLabel labelTo(PostalAddress to) {
        return new ShippingLabel(SHOP, to, "DHL", "EXP-WW", "JD014600006251234567", null, 1, 1, "1043", null, LocalDate.of(2026, 3, 14));
    }

    static BillingDocument.Line line(String description, long qty, long unit, long taxMinor) {
        long net = qty * unit;
        return new BillingDocument.Line(description, qty, unit, net, taxMinor, net + taxMinor);
    }

    static BillingDocument invoice(String currency, int exponent, List<BillingDocument.Line> lines) {
        return document(BillingDocument.Kind.INVOICE, "INV-2026-000042", currency, exponent, lines, null);
    }

    static BillingDocument document(BillingDocument.Kind kind, String number, String currency, int exponent,
                                    List<BillingDocument.Line> lines, String original) {
        long net = lines.stream().mapToLong(BillingDocument.Line::netMinor).sum();
        long tax = lines.stream().mapToLong(BillingDocument.Line::taxMinor).sum();
        return new BillingDocument(kind, number, LocalDate.of(2026, 3, 14), SHOP, ADA, currency, exponent, lines, net, tax,
                net + tax, original, "1042");
    }

    static List<BillingDocument.Line> manyLines(int n) {
        List<BillingDocument.Line> lines = new ArrayList<>();
        for (int i = 1; i <= n; i++) lines.add(line("Item number " + i + " of a long order", 1, 100 + i, 20));
        return lines;
    }
}
