package dev.oms.orders;

import static dev.oms.app.security.Permission.DOCUMENTS_UPLOAD;
import static dev.oms.app.security.Permission.ORDERS_READ;
import static dev.oms.platform.http.Route.get;
import static dev.oms.platform.http.Route.post;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.DocumentService;
import dev.oms.app.DocumentService.UploadTicket;
import dev.oms.domain.order.Order;
import dev.oms.domain.order.OrderDocument;
import dev.oms.platform.http.ApiHandler;
import dev.oms.platform.http.ApiRequest;
import dev.oms.platform.http.ApiResponse;
import dev.oms.platform.http.Body;
import dev.oms.platform.http.Routes;
import dev.oms.platform.json.Times;
import dev.oms.platform.views.DocumentViews;
import dev.oms.platform.views.MoneyViews;

/**
 * Seed 000 section 8: the order's documents (labels, packing slips, invoices, credit notes, uploads). Reading one
 * answers a presigned download link; uploading answers a presigned PUT signed for the declared type and size.
 */
public final class OrderDocumentsHandler extends ApiHandler {
    private final MoneyApi p;
    private final Routes routes;

    public OrderDocumentsHandler() { this(MoneyApi.get()); }

    OrderDocumentsHandler(MoneyApi p) {
        super(p.idempotency, p.clock);
        this.p = p;
        this.routes = Routes.of(
                get("/v1/orders/{orderId}/documents", this::list).requires(ORDERS_READ),
                get("/v1/orders/{orderId}/documents/{docId}", this::read).requires(ORDERS_READ),
                post("/v1/orders/{orderId}/documents/upload", this::upload).requires(DOCUMENTS_UPLOAD));
    }

    @Override
    public Routes routes() { return routes; }

    private ApiResponse list(ApiRequest r) {
        Order order = p.documents.get(r.command(), r.pathParam("orderId"));
        boolean customer = r.caller().isCustomer();
        var visible = order.children(OrderDocument.class).stream()
                .filter(d -> dev.oms.domain.order.OrderNotes.documentVisible(order, d, customer)).toList();
        return ApiResponse.ok(MoneyViews.list(visible, d -> DocumentViews.document(order, d))).withVersion(order.version());
    }

    private ApiResponse read(ApiRequest r) {
        if (r.caller().isCustomer()) {
            // an internal note's attachment is not the customer's to see: 404, as for any document it does not have
            Order order = p.documents.get(r.command(), r.pathParam("orderId"));
            order.child(OrderDocument.class, r.pathParam("docId")).filter(doc -> !dev.oms.domain.order.OrderNotes.documentVisible(order, doc, true))
                    .ifPresent(doc -> { throw dev.oms.domain.DomainException.notFound("document.not_found", "No document " + doc.id()); });
        }
        DocumentService.Download d = p.documents.download(r.command(), r.pathParam("orderId"), r.pathParam("docId"));
        ObjectNode o = DocumentViews.document(d.order(), d.document());
        o.put("download_url", d.url());
        o.put("download_expires_at", Times.format(p.clock.instant().plus(DocumentService.DOWNLOAD_TTL)));
        return ApiResponse.ok(o).withVersion(d.order().version());
    }

    /** {@code {"type": "proof_of_delivery", "file_name": "pod.pdf", "content_type": "application/pdf", "size_bytes": 12345}}. */
    private ApiResponse upload(ApiRequest r) {
        Body b = Body.parse(r.body());
        b.allow("type", "file_name", "content_type", "size_bytes", "version");
        String type = b.string("type", true, 64);
        String fileName = b.string("file_name", true, 200);
        String contentType = b.string("content_type", true, 100);
        Long size = b.integer("size_bytes", true, 0, Long.MAX_VALUE);
        r.expectVersion(b.integer("version", false, 1, Long.MAX_VALUE));
        b.check();
        return r.execute(OrderDocumentsHandler::ticket, ctx -> p.documents.requestUpload(ctx, r.pathParam("orderId"), type, fileName, contentType, size));
    }

    private static ApiResponse ticket(UploadTicket t) {
        ObjectNode o = DocumentViews.document(t.order(), t.document());
        o.set("upload", DocumentViews.uploadLink(t.upload()));
        return ApiResponse.created(o, "/v1/orders/" + t.order().id() + "/documents/" + t.document().id()).withVersion(t.order().version());
    }
}
