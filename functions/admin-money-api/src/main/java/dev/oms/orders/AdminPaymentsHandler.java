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
                get("/v1/admin/orders/{orderId}/reconciliation", this::reconciliation).requires(ORDERS_READ),
                post("/v1/admin/payments/{paymentId}/reconcile", this::reconcilePayment).requires(dev.oms.app.security.Permission.PAYMENTS_RECONCILE).reason(),
                post("/v1/admin/orders/{orderId}/reconcile", this::reconcileOrder).requires(dev.oms.app.security.Permission.PAYMENTS_RECONCILE).reason());
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

    /**
     * {@code {"order_id", "dry_run", "reason", "settlement"}}: the payment against the payment service, and an external
     * settlement linked to it with its evidence ({@link dev.oms.app.reconciliation.PaymentReconciliations}).
     */
    private ApiResponse reconcilePayment(ApiRequest r) {
        Body b = Body.parse(r.body());
        b.allow("order_id", "dry_run", "reason", "settlement");
        String orderId = b.string("order_id", true, 128);
        boolean dryRun = Boolean.TRUE.equals(b.bool("dry_run", false));
        var settlement = settlement(b.object("settlement", false));
        b.check();
        String paymentId = r.pathParam("paymentId");
        return r.execute(res -> ApiResponse.ok(reconciled(res)).withVersion(res.order().version()),
                ctx -> p.reconciliations.reconcile(ctx, orderId, paymentId, dryRun, settlement));
    }

    /**
     * {@code {"reference", "amount", "fee", "settled_at", "evidence": [{"type", "reference", "url"}]}}: the settlement
     * to link (null when the body has none); a settlement date in the future is refused.
     */
    private dev.oms.app.reconciliation.PaymentReconciliations.SettlementLink settlement(Body s) {
        if (s == null) return null;
        s.allow("reference", "amount", "fee", "settled_at", "evidence");
        String reference = s.string("reference", true, 128);
        var amount = s.money("amount", true, null);
        var fee = s.money("fee", false, null);
        java.time.Instant at = s.time("settled_at", true);
        if (at != null && at.isAfter(p.clock.instant().plusSeconds(300))) s.error("settled_at", "field.in_future", "settled_at is in the future");
        List<dev.oms.domain.order.PaymentSettlement.Evidence> evidence = new java.util.ArrayList<>();
        List<Body> items = s.objects("evidence", true, 1, 10);
        if (items != null) {
            for (Body e : items) {
                e.allow("type", "reference", "url");
                String type = e.oneOf("type", true, dev.oms.domain.order.PaymentSettlement.EVIDENCE_TYPES);
                String ref = e.string("reference", true, 200);
                String url = e.string("url", false, 2000);
                if (url != null && !url.startsWith("https://")) e.error("url", "field.format", "url is an https link");
                evidence.add(new dev.oms.domain.order.PaymentSettlement.Evidence(type, ref, url));
            }
        }
        return new dev.oms.app.reconciliation.PaymentReconciliations.SettlementLink(reference, amount, fee, at, evidence);
    }

    /** {@code {"dry_run", "reason"}}: every payment of the order, then the order's reconciliation report. */
    private ApiResponse reconcileOrder(ApiRequest r) {
        Body b = Body.parse(r.body());
        b.allow("dry_run", "reason");
        boolean dryRun = Boolean.TRUE.equals(b.bool("dry_run", false));
        b.check();
        String orderId = r.pathParam("orderId");
        return r.execute(results -> {
            Order after = results.isEmpty() ? p.payments.get(r.command(), orderId) : results.get(results.size() - 1).order();
            ObjectNode o = Json.object();
            o.put("order_id", orderId);
            o.put("dry_run", dryRun);
            o.put("balanced", results.stream().allMatch(dev.oms.app.reconciliation.PaymentReconciliations.Result::balanced));
            var pays = o.putArray("payments");
            results.forEach(x -> pays.add(reconciled(x)));
            o.set("reconciliation", ReconciliationViews.report(OrderReconciliation.of(after)));
            return ApiResponse.ok(o).withVersion(after.version());
        }, ctx -> p.reconciliations.reconcileOrder(ctx, orderId, dryRun));
    }

    static ObjectNode reconciled(dev.oms.app.reconciliation.PaymentReconciliations.Result res) {
        ObjectNode o = Json.object();
        o.put("payment_id", res.paymentId());
        o.put("order_id", res.order().id());
        o.put("dry_run", res.dryRun());
        o.put("balanced", res.balanced());
        var st = res.provider();
        ObjectNode provider = o.putObject("provider");
        provider.put("state", st.state().name().toLowerCase(java.util.Locale.ROOT));
        if (st.amount() == null) provider.putNull("amount"); else provider.putObject("amount").put("amount", st.amount().minor()).put("currency", st.amount().currency());
        provider.put("captured", st.captured()).put("refunded", st.refunded()).put("voided", st.voided());
        o.putObject("before").put("status", res.before().status()).put("captured", res.before().captured()).put("refunded", res.before().refunded());
        var now = res.order().money().require(res.paymentId());
        o.putObject("after").put("status", now.status()).put("captured", now.captured()).put("refunded", now.refunded());
        var diffs = o.putArray("differences");
        res.differences().forEach(d -> diffs.addObject().put("field", d.field()).put("oms", d.oms()).put("provider", d.provider()).put("action", d.action()));
        if (res.settlement() != null) o.set("settlement", settlementOutcome(res));
        return o;
    }

    /**
     * The settlement asked to be linked: what it settled, what the payment's settlements add up to with it, what the
     * payment captured less refunded, the difference, and {@code linked} (or {@code would_link} in a dry run).
     */
    private static ObjectNode settlementOutcome(dev.oms.app.reconciliation.PaymentReconciliations.Result res) {
        var link = res.settlement();
        var order = res.order();
        String cur = order.state().currency;
        var pay = order.money().require(res.paymentId());
        long settled = order.money().settled(res.paymentId()) + (res.dryRun() ? link.amount().minor() : 0);
        long expected = pay.captured() - pay.refunded();
        ObjectNode o = Json.object().put("reference", link.reference()).put("action", res.dryRun() ? "would_link" : "linked");
        o.putObject("amount").put("amount", link.amount().minor()).put("currency", cur);
        o.putObject("fee").put("amount", link.fee() == null ? 0 : link.fee().minor()).put("currency", cur);
        o.put("settled_total", settled).put("expected", expected).put("difference", settled - expected).put("matched", settled == expected);
        return o;
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
