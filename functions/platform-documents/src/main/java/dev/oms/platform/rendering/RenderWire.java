package dev.oms.platform.rendering;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.oms.platform.documents.BillingDocument;
import dev.oms.platform.documents.DocumentRenderer;
import dev.oms.platform.documents.ManifestSheet;
import dev.oms.platform.documents.PackingSlip;
import dev.oms.platform.documents.ShippingLabel;
import dev.oms.platform.json.Json;
import java.io.IOException;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;

/**
 * The wire format of the documents relay: a request {@code {"kind": labels|label_image|packing_slip|manifest|billing_document,
 * "model"}} (or {@code "pdf"}, base64, for a label image), the answer {@code {"bytes": base64}}. {@link RelayedRenderer}
 * sends it; {@code DocumentsFunction} serves it ({@link #serve}) with PDFBox.
 */
public final class RenderWire {
    private RenderWire() { }

    /** The models as JSON: records by their components, dates as ISO strings. */
    static final ObjectMapper MAPPER = Json.mapper().copy().registerModule(new SimpleModule()
            .addSerializer(LocalDate.class, ToStringSerializer.instance)
            .addDeserializer(LocalDate.class, new StdDeserializer<>(LocalDate.class) {
                @Override
                public LocalDate deserialize(JsonParser p, DeserializationContext c) throws IOException { return LocalDate.parse(p.getValueAsString()); }
            }));

    /** Renders one relayed request with {@code renderer} (DocumentsFunction's handler). */
    public static ObjectNode serve(JsonNode request, DocumentRenderer renderer) {
        JsonNode model = request.path("model");
        try {
            byte[] out = switch (request.path("kind").asText("")) {
                case "labels" -> renderer.labels(List.of(MAPPER.treeToValue(model, ShippingLabel[].class)));
                case "label_image" -> renderer.labelImage(Base64.getDecoder().decode(request.path("pdf").asText("")));
                case "packing_slip" -> renderer.packingSlip(MAPPER.treeToValue(model, PackingSlip.class));
                case "manifest" -> renderer.manifest(MAPPER.treeToValue(model, ManifestSheet.class));
                case "billing_document" -> renderer.billingDocument(MAPPER.treeToValue(model, BillingDocument.class));
                default -> throw new IllegalArgumentException("no such document kind: " + request.path("kind").asText(""));
            };
            return Json.object().put("bytes", Base64.getEncoder().encodeToString(out));
        } catch (IOException e) {
            throw new IllegalArgumentException("the document model is not readable: " + e.getMessage(), e);
        }
    }

}
