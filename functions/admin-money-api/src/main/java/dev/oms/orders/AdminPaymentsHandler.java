package dev.oms.orders;

import static dev.oms.app.security.Permission.ORDERS_READ;
import static dev.oms.app.security.Permission.PAYMENTS_MANAGE;
import static dev.oms.app.security.Permission.REFUNDS_ISSUE;
import static dev.oms.platform.http.Route.get;
import static dev.oms.platform.http.Route.post;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.PaymentService.Linked;
import dev.oms.app.RefundService.Result;
import dev.oms.app.reconciliation.OrderReconciliation;
import dev.oms.domain.DomainException;
import dev.oms.domain.money.Money;
import dev.oms.domain.order.Order;
import dev.oms.domain.order.Refund;
import dev.oms.domain.order.RefundRequest;
import dev.oms.platform.http.ApiHandler;
import dev.oms.platform.http.ApiRequest;
import dev.oms.platform.http.ApiResponse;
import dev.oms.platform.http.Body;
import dev.oms.platform.http.Routes;
import dev.oms.platform.json.Json;
import dev.oms.platform.views.MoneyViews;
import dev.oms.platform.views.ReconciliationViews;
import java.util.List;
import java.util.Set;

/**
 * Seed 001 section 2, money: an order's payments, manual capture and operator refunds of one payment (reason code and
 * reason, partial or full), and the order's reconciliation report ({@link OrderReconciliation}). A payment id is the
 * payment service's, and one payment may pay several orders, so capture and refund name the order in the body
 * ({@code order_id}). All through the canonical payment and refund use cases.
 */
public final class AdminPaymentsHandler extends ApiHandler {
    /** Why an operator gives money back (the {@code reason_code} of a refund; the free-text {@code reason} is audited beside it). */
    static final Set<String> REFUND_REASON_CODES = Set.of("customer_request", "duplicate", "fraudulent", "damaged", "not_received",
            "price_adjustment", "goodwill", "other");

    private final AdminMoneyApi p;
    private final Routes routes;

    public AdminPaymentsHandler() { this(AdminMoneyApi.get()); }

    AdminPaymentsHandler(AdminMoneyApi p) {
        super(p.idempotency, p.clock);
        this.p = p;
        this.routes = Routes.of(
                get("/v1/admin/orders/{orderId}/payments", this::list).requires(ORDERS_READ),
                post("/v1/admin/payments/{paymentId}/capture", this::capture).requires(PAYMENTS_MANAGE),
                post("/v1/admin/payments/{paymentId}/refund", this::refund).requires(REFUNDS_ISSUE).sudo().reason(),
                get("/v1/admin/orders/{orderId}/reconciliation", this::reconciliation).requires(ORDERS_READ));
    }

    @Override
    public Routes routes() { return routes; }

    private ApiResponse list(ApiRequest r) {
        Order order = p.payments.get(r.command(), r.pathParam("orderId"));
        ObjectNode o = MoneyViews.payments(order);
        return ApiResponse.ok(o).withVersion(order.version());
    }

    /** {@code {"order_id", "amount": {...}, "reason"}}: without amount, all that is left. */
    private ApiResponse capture(ApiRequest r) {
        Body b = Body.parse(r.body());
        b.allow("order_id", "amount", "reason", "version");
        String orderId = b.string("order_id", true, 128);
        Money amount = b.money("amount", false, null);
        if (amount != null && amount.minor() == 0) b.error("amount.amount", "field.out_of_range", "amount must be positive");
        String reason = b.string("reason", false, 500);
        r.expectVersion(b.integer("version", false, 1, Long.MAX_VALUE));
        b.check();
        String paymentId = r.pathParam("paymentId");
        return r.execute(AdminPaymentsHandler::captured, ctx -> {
            Order order = linkedOrder(ctx, orderId, paymentId);
            if (amount != null && !amount.currency().equals(order.state().currency)) {
                throw DomainException.invalidField("amount.currency", "currency.mismatch", "The order is in " + order.state().currency + ", not " + amount.currency());
            }
            return p.payments.capture(ctx.withReason(reason), orderId, paymentId, amount == null ? null : amount.minor());
        });
    }

    /** {@code {"order_id", "amount": {...}, "reason_code", "reason", "destination"}}: without amount, all the payment can give back. */
    private ApiResponse refund(ApiRequest r) {
        Body b = Body.parse(r.body());
        b.allow("order_id", "amount", "reason_code", "reason", "version");
        String orderId = b.string("order_id", true, 128);
        Money amount = b.money("amount", false, null);
        if (amount != null && amount.minor() == 0) b.error("amount.amount", "field.out_of_range", "amount must be positive");
        String code = b.oneOf("reason_code", true, REFUND_REASON_CODES);
        String reason = b.string("reason", true, 500);
        r.expectVersion(b.integer("version", false, 1, Long.MAX_VALUE));
        b.check();
        String paymentId = r.pathParam("paymentId");
        String audited = code + ": " + reason;
        return r.execute(AdminPaymentsHandler::refunded, ctx -> {
            Order order = linkedOrder(ctx, orderId, paymentId);
            if (amount != null && !amount.currency().equals(order.state().currency)) {
                throw DomainException.invalidField("amount.currency", "currency.mismatch", "The order is in " + order.state().currency + ", not " + amount.currency());
            }
            long value = amount != null ? amount.minor() : order.money().require(paymentId).refundable();
            if (value <= 0) {
                throw DomainException.unprocessable("refund.exceeds_refundable", "Payment " + paymentId + " has nothing left to give back",
                        "Capture it first, or refund another payment.").with("refundable", 0L);
            }
            RefundRequest req = new RefundRequest(value, audited, List.of(), null, Refund.ORIGINAL_METHOD, 0, Refund.MANUAL, null, paymentId);
            return p.refunds.refund(ctx.withReason(audited), orderId, req);
        });
    }

    private ApiResponse reconciliation(ApiRequest r) {
        Order order = p.payments.get(r.command(), r.pathParam("orderId"));
        return ApiResponse.ok(ReconciliationViews.report(OrderReconciliation.of(order))).withVersion(order.version());
    }

    /** The order, when the payment is linked to it: 404 {@code payment.not_found} otherwise (as for another tenant's). */
    private Order linkedOrder(dev.oms.app.CommandContext ctx, String orderId, String paymentId) {
        Order order = p.payments.get(ctx, orderId);
        if (order.state().payments.stream().noneMatch(x -> x.paymentId().equals(paymentId))) {
            throw DomainException.notFound("payment.not_found", "Payment " + paymentId + " is not linked to order " + orderId);
        }
        return order;
    }

    private static ApiResponse captured(Linked res) {
        ObjectNode o = Json.object();
        o.set("payment", MoneyViews.payment(res.order(), res.order().money().require(res.payment().paymentId())));
        o.set("summary", MoneyViews.summary(res.order()));
        o.put("order_version", res.order().version());
        return ApiResponse.ok(o).withVersion(res.order().version());
    }

    private static ApiResponse refunded(Result res) {
        ObjectNode o = Json.object();
        o.set("refund", MoneyViews.refund(res.order(), res.refund()));
        o.set("summary", MoneyViews.summary(res.order()));
        return ApiResponse.created(o, "/v1/orders/" + res.order().id() + "/refunds/" + res.refund().id()).withVersion(res.order().version());
    }
}
