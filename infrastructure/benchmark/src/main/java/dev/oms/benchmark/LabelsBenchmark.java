package dev.oms.benchmark;

import dev.oms.platform.documents.BillingDocument;
import dev.oms.platform.documents.BillingDocumentRenderer;
import dev.oms.platform.documents.LabelRenderer;
import dev.oms.platform.documents.PostalAddress;
import dev.oms.platform.documents.ShippingLabel;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToIntFunction;

/**
 * Shipping labels and invoices rendered in this JVM, one thread, no I/O: documents per second, time per document,
 * size, and heap. The inputs are built before the clock starts; each measured phase follows an unmeasured warm-up.
 */
final class LabelsBenchmark {
    /** One measured phase. */
    record Row(String what, int count, double seconds, Stats ms, long bytes, long peakUsedMb, long peakAfterGcMb, long collections) {
        double perSecond() { return count / seconds; }
    }

    static final int WARMUP = 5000;
    static final int INVOICE_LINES = 20;

    private final LabelRenderer labels = new LabelRenderer();
    private final BillingDocumentRenderer invoices = new BillingDocumentRenderer();
    /** The very first label PDF of the JVM, with PDFBox's classes and fonts loaded on the way (ms). */
    private double firstPdfMs;

    /** n labels as PDF, the same n as ZPL, and n / 4 invoices of {@link #INVOICE_LINES} lines. */
    List<Row> run(int n) {
        Benchmark.progress("labels: " + WARMUP + " warm-up labels, then " + n + " labels as PDF and as ZPL, " + Math.max(1, n / 4) + " invoices");
        long t = System.nanoTime();
        labels.pdf(labels(1).get(0));
        firstPdfMs = (System.nanoTime() - t) / 1e6;

        List<ShippingLabel> warm = labels(WARMUP);
        List<ShippingLabel> inputs = labels(n);
        List<BillingDocument> warmDocs = invoices(WARMUP / 10);
        List<BillingDocument> docs = invoices(Math.max(1, n / 4));
        measure("warm-up PDF", warm, d -> labels.pdf(d).length);
        measure("warm-up ZPL", warm, d -> labels.zpl(d).length());
        measure("warm-up invoices", warmDocs, d -> invoices.pdf(d).length);

        List<Row> rows = new ArrayList<>();
        rows.add(measure("label PDF (4 x 6 in)", inputs, d -> labels.pdf(d).length));
        rows.add(measure("label ZPL II (203 dpi)", inputs, d -> labels.zpl(d).getBytes(StandardCharsets.UTF_8).length));
        rows.add(measure("invoice PDF (A4, " + INVOICE_LINES + " lines)", docs, d -> invoices.pdf(d).length));
        return rows;
    }

    private static <T> Row measure(String what, List<T> inputs, ToIntFunction<T> render) {
        long[] nanos = new long[inputs.size()];
        long bytes = 0;
        long started, peakUsed, peakAfterGc, gcs;
        try (HeapWatch heap = HeapWatch.start()) {
            started = System.nanoTime();
            for (int i = 0; i < nanos.length; i++) {
                long t = System.nanoTime();
                bytes += render.applyAsInt(inputs.get(i));
                nanos[i] = System.nanoTime() - t;
            }
            peakUsed = heap.peakUsedMb();
            peakAfterGc = heap.peakAfterGcMb();
            gcs = heap.collections();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Row row = new Row(what, nanos.length, seconds, Stats.ofNanos(nanos), bytes / nanos.length, peakUsed, peakAfterGc, gcs);
        if (!what.startsWith("warm-up")) {
            Benchmark.progress(String.format(Locale.ROOT, "labels:   %s: %,d in %.2f s, %.0f/s", what, row.count(), seconds, row.perSecond()));
        }
        return row;
    }

    private static List<ShippingLabel> labels(int n) {
        PostalAddress from = new PostalAddress("Acme Outfitters Ltd", List.of("Unit 4, Riverside Park", "Mill Lane"), "Leeds", null, "LS1 4AB", "GB");
        List<ShippingLabel> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            PostalAddress to = new PostalAddress("Customer " + i, List.of(i + " Analytical Street", "Flat " + (i % 40)), "London", null,
                    "N1 " + (i % 9) + "AA", "GB");
            // alternate a UPS-style (code set B) and a 22-digit (code set C) tracking number
            String tracking = i % 2 == 0 ? String.format(Locale.ROOT, "1Z999AA1%010d", i) : String.format(Locale.ROOT, "94001118992231%08d", i);
            out.add(new ShippingLabel(from, to, i % 2 == 0 ? "UPS" : "USPS", i % 2 == 0 ? "EXPRESS" : "PRIORITY", tracking, 250 + i % 5000,
                    1 + i % 2, 2, Integer.toString(1000 + i), "PO-" + i, LocalDate.of(2026, 3, 14)));
        }
        return out;
    }

    private static List<BillingDocument> invoices(int n) {
        PostalAddress seller = new PostalAddress("Acme Outfitters Ltd", List.of("Unit 4, Riverside Park"), "Leeds", null, "LS1 4AB", "GB");
        List<BillingDocument> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            PostalAddress buyer = new PostalAddress("Customer " + i, List.of(i + " Analytical Street"), "London", null, "N1 1AA", "GB");
            List<BillingDocument.Line> lines = new ArrayList<>();
            long net = 0, tax = 0;
            for (int k = 1; k <= INVOICE_LINES; k++) {
                long unit = 100L * k + i % 100;
                long lineTax = unit * 2 / 10;
                lines.add(new BillingDocument.Line("Merino jumper, navy, size M, item " + k, 2, unit, 2 * unit, 2 * lineTax, 2 * (unit + lineTax)));
                net += 2 * unit;
                tax += 2 * lineTax;
            }
            out.add(new BillingDocument(BillingDocument.Kind.INVOICE, String.format(Locale.ROOT, "INV-2026-%06d", i), LocalDate.of(2026, 3, 14),
                    seller, buyer, "GBP", 2, lines, net, tax, net + tax, null, Integer.toString(1000 + i)));
        }
        return out;
    }

    String section(List<Row> rows) {
        StringBuilder md = new StringBuilder();
        md.append("## Labels and billing documents\n\n");
        md.append("`LabelRenderer` and `BillingDocumentRenderer` (`dev.oms.platform.documents`, PDFBox, Helvetica) in the benchmark's JVM, one thread, "
                + "in memory: 4 x 6 inch label PDFs with a vector Code 128 barcode, the same labels as ZPL II, and A4 invoices of "
                + INVOICE_LINES + " lines. Each phase follows an unmeasured warm-up (" + WARMUP + " labels, "
                + WARMUP / 10 + " invoices: PDFBox's paths keep getting faster for the first few thousand); the inputs are built before "
                + "the clock starts. Heap: peak in use (sampled every 10 ms, garbage included) and peak after a collection (live data); "
                + "max heap " + (Runtime.getRuntime().maxMemory() >> 20) + " MB. "
                + String.format(Locale.ROOT, "The JVM's first label PDF (loading PDFBox and its fonts) took %.0f ms.", firstPdfMs) + "\n\n");
        md.append("| Document | Count | Seconds | Per second | Median ms | p99 ms | Max ms | Avg bytes | Peak heap used MB | Peak heap after GC MB | GCs |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row r : rows) {
            md.append(String.format(Locale.ROOT, "| %s | %,d | %.2f | %,.0f | %.3f | %.3f | %.1f | %,d | %d | %s | %d |%n", r.what(), r.count(),
                    r.seconds(), r.perSecond(), r.ms().median(), r.ms().p99(), r.ms().max(), r.bytes(), r.peakUsedMb(),
                    r.collections() == 0 ? "(no GC)" : Long.toString(r.peakAfterGcMb()), r.collections()));
        }
        md.append('\n');
        return md.toString();
    }
}
