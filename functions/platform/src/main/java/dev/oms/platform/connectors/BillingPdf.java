package dev.oms.platform.connectors;

import dev.oms.app.connector.BillingDocument;
import dev.oms.domain.money.Money;
import dev.oms.domain.order.Address;
import dev.oms.domain.order.InvoiceLine;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A one-page PDF 1.4 of an invoice or credit note, in Helvetica, written by hand (no library): header, billed-to
 * address, one row per line with quantity, net, tax and total, and the totals. Amounts print exactly in the
 * currency's minor-unit digits. Long documents continue on further pages.
 */
final class BillingPdf {
    private static final int ROWS_PER_PAGE = 40;

    private BillingPdf() { }

    static byte[] render(BillingDocument d) {
        List<String> rows = new ArrayList<>();
        boolean credit = "credit_note".equals(d.type());
        rows.add((credit ? "CREDIT NOTE " : "INVOICE ") + d.number());
        rows.add("Order " + d.orderNumber() + " (" + d.orderId() + ")   Issued " + d.issuedAt());
        if (d.refersTo() != null) rows.add("Corrects invoice " + d.refersTo());
        if (d.reason() != null) rows.add("Reason: " + d.reason());
        Address a = d.billTo();
        if (a != null) {
            rows.add("");
            rows.add("Billed to: " + a.name());
            rows.add(a.line1() + (a.line2() == null ? "" : ", " + a.line2()));
            rows.add(a.postalCode() + " " + a.city() + ", " + a.country());
        }
        rows.add("");
        rows.add(String.format("%-34s %6s %14s %14s %14s", "Item", "Qty", "Net", "Tax", "Total"));
        for (InvoiceLine l : d.lines()) {
            String name = l.sku() == null ? l.description() : l.sku() + " " + (l.description() == null ? "" : l.description());
            rows.add(String.format("%-34.34s %6d %14s %14s %14s", name, l.quantity(), amount(l.net(), d), amount(l.tax(), d), amount(l.total(), d)));
        }
        rows.add("");
        rows.add(String.format("%-56s %14s", "Tax", amount(d.tax(), d)));
        rows.add(String.format("%-56s %14s", credit ? "Total credited" : "Total due", amount(d.total(), d)));
        return pdf(rows);
    }

    private static String amount(long minor, BillingDocument d) { return Money.of(minor, d.currency()).display(); }

    private static byte[] pdf(List<String> rows) {
        List<List<String>> pages = new ArrayList<>();
        for (int i = 0; i < rows.size(); i += ROWS_PER_PAGE) pages.add(rows.subList(i, Math.min(rows.size(), i + ROWS_PER_PAGE)));
        int n = pages.size();
        // objects: 1 catalog, 2 pages, 3 font, then per page: page, content
        List<String> objects = new ArrayList<>();
        objects.add("<< /Type /Catalog /Pages 2 0 R >>");
        StringBuilder kids = new StringBuilder();
        for (int p = 0; p < n; p++) kids.append(4 + 2 * p).append(" 0 R ");
        objects.add("<< /Type /Pages /Kids [" + kids.toString().trim() + "] /Count " + n + " >>");
        objects.add("<< /Type /Font /Subtype /Type1 /BaseFont /Courier /Encoding /WinAnsiEncoding >>");
        for (int p = 0; p < n; p++) {
            StringBuilder text = new StringBuilder("BT /F1 9 Tf 40 800 Td 12 TL\n");
            for (String row : pages.get(p)) text.append('(').append(escape(row)).append(") Tj T*\n");
            text.append("ET");
            objects.add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents "
                    + (5 + 2 * p) + " 0 R >>");
            byte[] stream = text.toString().getBytes(StandardCharsets.ISO_8859_1);
            objects.add("<< /Length " + stream.length + " >>\nstream\n" + text + "\nendstream");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, "%PDF-1.4\n");
        long[] offsets = new long[objects.size()];
        for (int i = 0; i < objects.size(); i++) {
            offsets[i] = out.size();
            write(out, (i + 1) + " 0 obj\n" + objects.get(i) + "\nendobj\n");
        }
        long xref = out.size();
        StringBuilder x = new StringBuilder("xref\n0 " + (objects.size() + 1) + "\n0000000000 65535 f \n");
        for (long off : offsets) x.append(String.format("%010d 00000 n \n", off));
        x.append("trailer\n<< /Size ").append(objects.size() + 1).append(" /Root 1 0 R >>\nstartxref\n").append(xref).append("\n%%EOF\n");
        write(out, x.toString());
        return out.toByteArray();
    }

    private static String escape(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '(' || c == ')' || c == '\\') b.append('\\').append(c);
            else b.append(c < 32 || c > 255 ? '?' : c);
        }
        return b.toString();
    }

    private static void write(ByteArrayOutputStream out, String s) { out.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1)); }
}
