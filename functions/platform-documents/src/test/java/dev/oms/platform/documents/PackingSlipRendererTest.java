package dev.oms.platform.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PackingSlipRendererTest {
    private final PackingSlipRenderer renderer = new PackingSlipRenderer();

    @Test
    void orderShipToAndLines() throws IOException {
        PackingSlip slip = new PackingSlip("1042", LocalDate.of(2026, 3, 14), Samples.ADA, List.of(
                new PackingSlip.Line("SKU-JMP-NAVY-M", "Merino jumper, navy, M", 1),
                new PackingSlip.Line("SKU-SOCK-3", "Socks (3 pack)", 6)));

        String text = Pdfs.text(renderer.pdf(slip));

        assertThat(text).contains("PACKING SLIP", "Order 1042", "2026-03-14", "SHIP TO", "Ada Lovelace", "12 Analytical Street",
                "London N1 1AA", "SKU-JMP-NAVY-M", "Merino jumper, navy, M", "SKU-SOCK-3", "Socks (3 pack) 6", "Items: 7");
    }

    @Test
    void aLongSlipHasPages() throws IOException {
        List<PackingSlip.Line> lines = new ArrayList<>();
        for (int i = 1; i <= 120; i++) lines.add(new PackingSlip.Line("SKU-" + i, "Thing " + i, 1));
        byte[] pdf = renderer.pdf(new PackingSlip("1043", LocalDate.of(2026, 3, 14), Samples.ADA, lines));

        assertThat(Pdfs.pages(pdf)).isGreaterThan(1);
        assertThat(Pdfs.text(pdf)).contains("SKU-120", "Items: 120", "Packing slip for order 1043 (continued)");
    }
}
