package dev.oms.platform.documents;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * An invoice or a credit note, with every amount in minor units of {@code currency} ({@code currencyExponent} is the
 * ISO 4217 exponent: 2 for GBP, 0 for JPY, 3 for KWD). The caller gives the document number; a credit note names
 * the invoice it credits. Each line's net and tax make its total, and the document's totals are the sums of its lines.
 */
public record BillingDocument(Kind kind, String number, LocalDate issueDate, PostalAddress seller, PostalAddress buyer,
                              String currency, int currencyExponent, List<Line> lines, long netMinor, long taxMinor,
                              long totalMinor, String originalInvoiceNumber, String orderNumber) {

    public enum Kind {
        INVOICE("invoice", "Invoice"),
        CREDIT_NOTE("credit_note", "Credit note");

        private final String code;
        private final String title;

        Kind(String code, String title) {
            this.code = code;
            this.title = title;
        }

        /** {@code invoice} or {@code credit_note}. */
        public String code() { return code; }

        public String title() { return title; }

        public static Kind fromCode(String code) {
            for (Kind k : values()) {
                if (k.code.equals(code)) return k;
            }
            throw new IllegalArgumentException("Unknown billing document kind " + code + "; use invoice or credit_note");
        }
    }

    public record Line(String description, long quantity, long unitAmountMinor, long netMinor, long taxMinor, long totalMinor) {
        public Line {
            Objects.requireNonNull(description, "description");
            if (quantity <= 0) throw new IllegalArgumentException("quantity must be positive: " + description);
            if (Math.addExact(netMinor, taxMinor) != totalMinor) {
                throw new IllegalArgumentException("net + tax != total on line " + description);
            }
        }
    }

    public BillingDocument {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(issueDate, "issueDate");
        Objects.requireNonNull(seller, "seller");
        Objects.requireNonNull(buyer, "buyer");
        if (currency == null || !currency.matches("[A-Z]{3}")) throw new IllegalArgumentException("currency must be an ISO 4217 code: " + currency);
        if (currencyExponent < 0 || currencyExponent > 4) throw new IllegalArgumentException("currencyExponent must be 0..4");
        lines = List.copyOf(Objects.requireNonNull(lines, "lines"));
        if (lines.isEmpty()) throw new IllegalArgumentException("a billing document needs at least one line");
        if (kind == Kind.CREDIT_NOTE && (originalInvoiceNumber == null || originalInvoiceNumber.isBlank())) {
            throw new IllegalArgumentException("a credit note names the invoice it credits");
        }
        long net = 0, tax = 0;
        for (Line l : lines) {
            net = Math.addExact(net, l.netMinor());
            tax = Math.addExact(tax, l.taxMinor());
        }
        if (net != netMinor || tax != taxMinor || Math.addExact(netMinor, taxMinor) != totalMinor) {
            throw new IllegalArgumentException("totals (net " + netMinor + ", tax " + taxMinor + ", total " + totalMinor
                    + ") are not the sums of the lines (net " + net + ", tax " + tax + ")");
        }
    }

    /** An amount of this document's currency, e.g. {@code 4995} as {@code "49.95"}. */
    public String format(long minor) { return Amounts.format(minor, currencyExponent); }
}
