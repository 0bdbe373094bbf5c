package dev.oms.orders;

import static dev.oms.app.security.Permission.INVOICES_MANAGE;
import static dev.oms.app.security.Permission.ORDERS_READ;
import static dev.oms.platform.http.Route.get;
import static dev.oms.platform.http.Route.post;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.InvoiceService.Issued;
import dev.oms.domain.order.Invoice;
import dev.oms.domain.order.Order;
import dev.oms.platform.http.ApiHandler;
import dev.oms.platform.http.ApiRequest;
import dev.oms.platform.http.ApiResponse;
import dev.oms.platform.http.Body;
import dev.oms.platform.http.Routes;
import dev.oms.platform.views.DocumentViews;
import dev.oms.platform.views.MoneyViews;
import java.util.Set;

/**
 * Seed 000 section 8: invoices and credit notes of an order. Generating delegates to billing, which renders the PDF;
 * numbers are per tenant and without gaps. Credit notes are issued with each refund (or here, for a refund).
 */
public final class OrderInvoicesHandler extends ApiHandler {
    private final MoneyApi p;
    private final Routes routes;

    public OrderInvoicesHandler() { this(MoneyApi.get()); }

    OrderInvoicesHandler(MoneyApi p) {
        super(p.idempotency, p.clock);
        this.p = p;
        this.routes = Routes.of(
                get("/v1/orders/{orderId}/invoices", this::list).requires(ORDERS_READ),
                get("/v1/orders/{orderId}/invoices/{invoiceId}", this::read).requires(ORDERS_READ),
                post("/v1/orders/{orderId}/invoices/generate", this::generate).requires(INVOICES_MANAGE));
    }

    @Override
    public Routes routes() { return routes; }

    private ApiResponse list(ApiRequest r) {
        Order order = p.invoices.get(r.command(), r.pathParam("orderId"));
        return ApiResponse.ok(MoneyViews.list(order.children(Invoice.class), i -> DocumentViews.invoice(order, i))).withVersion(order.version());
    }

    private ApiResponse read(ApiRequest r) {
        Order order = p.invoices.get(r.command(), r.pathParam("orderId"));
        return ApiResponse.ok(DocumentViews.invoice(order, order.invoices().require(r.pathParam("invoiceId")))).withVersion(order.version());
    }

    /** {@code {}} (the order's invoice) or {@code {"type": "credit_note", "refund_id": "rf_..."}}. */
    private ApiResponse generate(ApiRequest r) {
        Body b = Body.parseOptional(r.body());
        b.allow("type", "refund_id", "version");
        String type = b.oneOf("type", false, Set.of(Invoice.INVOICE, Invoice.CREDIT_NOTE));
        boolean credit = Invoice.CREDIT_NOTE.equals(type);
        String refundId = b.string("refund_id", credit, 64);
        if (!credit && refundId != null) b.error("refund_id", "field.not_allowed", "refund_id goes with type credit_note");
        r.expectVersion(b.integer("version", false, 1, Long.MAX_VALUE));
        b.check();
        String orderId = r.pathParam("orderId");
        return r.execute(OrderInvoicesHandler::created, ctx -> credit ? p.invoices.creditNote(ctx, orderId, refundId)
                : p.invoices.generateInvoice(ctx, orderId));
    }

    private static ApiResponse created(Issued res) {
        ObjectNode o = DocumentViews.invoice(res.order(), res.invoice());
        return ApiResponse.created(o, "/v1/orders/" + res.order().id() + "/invoices/" + res.invoice().id()).withVersion(res.order().version());
    }
}
