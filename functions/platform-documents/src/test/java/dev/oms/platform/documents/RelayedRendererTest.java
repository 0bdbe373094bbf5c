package dev.oms.platform.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.platform.json.Json;
import dev.oms.platform.rendering.RelayedRenderer;
import dev.oms.platform.rendering.RenderWire;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The documents relay: the models cross as JSON text (as in a Lambda invocation) and come back rendered by PDFBox. */
class RelayedRendererTest {
    final List<String> kinds = new ArrayList<>();
    final DocumentRenderer relayed = new RelayedRenderer(request -> {
        kinds.add(request.path("kind").asText());
        try {
            return (ObjectNode) Json.parse(Json.write(RenderWire.serve(Json.parse(Json.write(request)), new PdfBoxRenderer())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    });

    @Test
    void labelsCrossWithEveryFieldAndComeBackOnePagePerParcel() throws Exception {
        byte[] pdf = relayed.labels(List.of(Samples.label("1Z999AA10123456784"), Samples.labelTo(Samples.SHOP)));
        assertThat(Pdfs.pages(pdf)).isEqualTo(2);
        assertThat(Pdfs.text(pdf)).contains("1Z999AA10123456784", "JD014600006251234567", "Ada Lovelace", "1042");
        byte[] png = relayed.labelImage(pdf);
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        assertThat(kinds).containsExactly("labels", "label_image");
    }

    @Test
    void packingSlipsManifestsAndBillingDocumentsCrossToo() throws Exception {
        byte[] slip = relayed.packingSlip(new PackingSlip("1042", LocalDate.of(2026, 3, 14), Samples.ADA,
                List.of(new PackingSlip.Line("SKU-1", "Blue mug", 2))));
        assertThat(Pdfs.text(slip)).contains("1042", "SKU-1", "Blue mug");
        byte[] manifest = relayed.manifest(new ManifestSheet("man_1", "wh_1", "UPS", "2026-03-14", "17:00", "Europe/London", "sf_1", 1,
                List.of(new ManifestSheet.Row("shp_1", "ord_1", "1Z999AA10123456784"))));
        assertThat(Pdfs.text(manifest)).contains("1Z999AA10123456784");
        byte[] invoice = relayed.billingDocument(Samples.invoice("JPY", 0, List.of(Samples.line("Tea set", 1, 4500, 450))));
        assertThat(Pdfs.text(invoice)).contains("INV-2026-000042", "Tea set");
    }

    @Test
    void anUnknownKindIsRefused() {
        assertThatThrownBy(() -> RenderWire.serve(Json.object().put("kind", "poster"), new PdfBoxRenderer()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("poster");
    }
}
