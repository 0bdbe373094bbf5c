package dev.oms.platform.rendering;

import dev.oms.platform.config.Env;
import dev.oms.platform.documents.BillingDocument;
import dev.oms.platform.documents.DocumentRenderer;
import dev.oms.platform.documents.ManifestSheet;
import dev.oms.platform.documents.PackingSlip;
import dev.oms.platform.documents.ShippingLabel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.platform.aws.AwsJsonRequests;
import dev.oms.platform.aws.LambdaInvocations;
import dev.oms.platform.json.Json;
import java.util.Base64;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * {@link DocumentRenderer} by {@code DocumentsFunction}: each document is one synchronous Lambda {@code Invoke}
 * ({@link RenderWire}), so the API functions render without carrying PDFBox. An invocation that fails or is refused
 * is 503 {@code connector.unavailable} (nothing was
 * stored: the request can be retried).
 */
public final class RelayedRenderer implements DocumentRenderer {
    private final UnaryOperator<ObjectNode> transport;

    RelayedRenderer(String function) { this(request -> invoke(function, request)); }

    /** {@code DocumentsFunction} as the deployment names it ({@code DOCUMENTS_FUNCTION}, the template gives its alias). */
    public static DocumentRenderer fromEnvironment() { return new RelayedRenderer(Env.required("DOCUMENTS_FUNCTION")); }

    /** {@code transport}: sends a request and answers the function's answer. */
    public RelayedRenderer(UnaryOperator<ObjectNode> transport) { this.transport = transport; }

    @Override
    public byte[] labels(List<ShippingLabel> labels) { return call("labels", labels); }

    @Override
    public byte[] labelImage(byte[] labelsPdf) {
        return bytes(transport.apply(Json.object().put("kind", "label_image").put("pdf", Base64.getEncoder().encodeToString(labelsPdf))));
    }

    @Override
    public byte[] packingSlip(PackingSlip slip) { return call("packing_slip", slip); }

    @Override
    public byte[] manifest(ManifestSheet sheet) { return call("manifest", sheet); }

    @Override
    public byte[] billingDocument(BillingDocument document) { return call("billing_document", document); }

    private byte[] call(String kind, Object model) {
        ObjectNode request = Json.object().put("kind", kind);
        request.set("model", RenderWire.MAPPER.valueToTree(model));
        return bytes(transport.apply(request));
    }

    private static byte[] bytes(JsonNode answer) {
        if (!answer.path("bytes").isTextual()) throw new IllegalStateException("DocumentsFunction answered no document: " + answer.path("error").asText(""));
        return Base64.getDecoder().decode(answer.path("bytes").asText());
    }

    private static ObjectNode invoke(String function, ObjectNode request) {
        try {
            JsonNode answer = LambdaInvocations.invoke(function, request);
            if (!answer.isObject()) throw new IllegalStateException("DocumentsFunction answered no object");
            return (ObjectNode) answer;
        } catch (LambdaInvocations.FunctionError | AwsJsonRequests.AwsError e) {
            // nothing was stored or changed: the request can be retried (503 connector.unavailable)
            throw new dev.oms.app.connector.ConnectorException("documents", "render", "DocumentsFunction did not render the document (" + e.getMessage() + ")");
        }
    }
}
