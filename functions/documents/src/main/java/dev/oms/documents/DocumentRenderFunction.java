package dev.oms.documents;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.oms.platform.documents.DocumentRenderer;
import dev.oms.platform.documents.PdfBoxRenderer;
import dev.oms.platform.json.Json;
import dev.oms.platform.rendering.RenderWire;
import java.util.Map;

/**
 * {@code DocumentsFunction}: renders one document per invocation for the API functions, which do not carry PDFBox
 * (shipping and return labels, label images, packing slips, manifests, invoices and credit notes; the wire format is
 * {@link RenderWire}'s). It renders with PDFBox itself, never through the relay, stores nothing and calls no AWS
 * service: the caller stores the bytes. Only functions granted {@code lambda:InvokeFunction} on it can call it.
 */
public final class DocumentRenderFunction implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private final DocumentRenderer renderer;

    public DocumentRenderFunction() { this(new PdfBoxRenderer()); }

    DocumentRenderFunction(DocumentRenderer renderer) { this.renderer = renderer; }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> request, Context context) {
        return Json.toMap(RenderWire.serve(Json.valueToTree(request), renderer));
    }
}
