package dev.oms.orders;

import static dev.oms.app.security.Permission.ORDERS_ADJUST_PRICE;
import static dev.oms.app.security.Permission.ORDERS_EDIT_PRICES;
import static dev.oms.app.security.Permission.ORDERS_READ;
import static dev.oms.app.security.Permission.ORDERS_WRITE;
import static dev.oms.platform.http.Route.get;
import static dev.oms.platform.http.Route.patch;
import static dev.oms.platform.http.Route.post;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.CommandContext;
import dev.oms.app.OrderEditService;
import dev.oms.app.OrderEditService.Applied;
import dev.oms.app.OrderEditService.NewPayment;
import dev.oms.app.OrderEditService.Quoted;
import dev.oms.app.PriceAdjustments;
import dev.oms.app.security.RolePermissions;
import dev.oms.domain.money.Money;
import dev.oms.domain.order.EditCalculator;
import dev.oms.domain.order.EditChange;
import dev.oms.domain.order.OrderEdit;
import dev.oms.platform.http.ApiHandler;
import dev.oms.platform.http.ApiRequest;
import dev.oms.platform.http.ApiResponse;
import dev.oms.platform.http.Body;
import dev.oms.platform.http.Routes;
import dev.oms.platform.json.Json;
import dev.oms.platform.views.EditRequests;
import dev.oms.platform.views.EditViews;
import dev.oms.platform.views.OrderViews;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Seed 001 section 2, edits: quote changes of an order (typed changes or the seed's JSON-patch-like operations), read a
 * quote by its id, revise it (PATCH), apply it, all on the canonical quote engine ({@link OrderEditService}); and adjust a
 * price ({@link PriceAdjustments}: a credit is a refund documented by a credit note, a debit an edit of a line's discount). Every call takes
 * {@code dry_run=true}: the same checks and the same answer as the real call, nothing stored or changed.
 */
public final class AdminEditsHandler extends ApiHandler {
    private final AdminMoneyApi p;
    private final Routes routes;

    public AdminEditsHandler() { this(AdminMoneyApi.get()); }

    AdminEditsHandler(AdminMoneyApi p) {
        super(p.idempotency, p.clock);
        this.p = p;
        this.routes = Routes.of(
                post("/v1/admin/orders/{orderId}/quote", this::quote).requires(ORDERS_WRITE),
                get("/v1/admin/quotes/{quoteId}", this::read).requires(ORDERS_READ),
                patch("/v1/admin/quotes/{quoteId}", this::revise).requires(ORDERS_WRITE),
                post("/v1/admin/orders/{orderId}/adjust-price", this::adjustPrice).requires(ORDERS_ADJUST_PRICE).sudo().reason(),
                post("/v1/admin/quotes/{quoteId}/apply", this::apply).requires(ORDERS_WRITE));
    }

    @Override
    public Routes routes() { return routes; }

    /** {@code {"changes": [{"type": ...} | {"op", "path", "value"}], "reason", "version"}}. */
    private ApiResponse quote(ApiRequest r) {
        EditBody body = editBody(r);
        String reason = body.reason();
        List<EditChange> changes = body.changes();
        boolean prices = mayEditPrices(r);
        boolean dryRun = r.boolQuery("dry_run");
        String orderId = r.pathParam("orderId");
        Function<CommandContext, Quoted> action = ctx -> p.edits.quote(ctx.withReason(reason), orderId,
                EditRequests.resolveLines(p.edits.order(ctx, orderId), changes), prices, dryRun);
        return run(r, dryRun, q -> quoted(q, dryRun), action);
    }

    /** The body of a quote and of its revision: the changes, an optional reason, the order version read. */
    private record EditBody(String reason, List<EditChange> changes) { }

    private static EditBody editBody(ApiRequest r) {
        Body b = Body.parse(r.body());
        b.allow("changes", "reason", "version");
        String reason = b.string("reason", false, 500);
        r.expectVersion(b.integer("version", false, 1, Long.MAX_VALUE));
        List<EditChange> changes = EditRequests.changes(b, "changes", EditCalculator.MAX_CHANGES);
        b.check();
        return new EditBody(reason, changes);
    }

    private ApiResponse read(ApiRequest r) {
        Quoted q = p.edits.getQuote(r.command(), r.pathParam("quoteId"));
        return ApiResponse.ok(view(q, false)).withVersion(q.order().version());
    }

    /** {@code {"changes": [...], "reason", "version"}}: the quote's changes replaced and priced again, under the same id. */
    private ApiResponse revise(ApiRequest r) {
        EditBody body = editBody(r);
        String reason = body.reason();
        List<EditChange> changes = body.changes();
        boolean prices = mayEditPrices(r);
        boolean dryRun = r.boolQuery("dry_run");
        String quoteId = r.pathParam("quoteId");
        return run(r, dryRun, q -> ApiResponse.ok(view(q, dryRun)).withVersion(q.order().version()), ctx -> {
            var order = p.edits.order(ctx, p.edits.getQuote(ctx, quoteId).quote().orderId());
            return p.edits.revise(ctx.withReason(reason), quoteId, EditRequests.resolveLines(order, changes), prices, dryRun);
        });
    }

    /**
     * {@code {"line_id"?, "direction": "credit"|"debit", "amount": {...}, "reason", "destination"?, "payments"?}}: a credit
     * is a refund that credits the order (credit note through billing), a debit an edit of the line's discount.
     */
    private ApiResponse adjustPrice(ApiRequest r) {
        Body b = Body.parse(r.body());
        b.allow("line_id", "direction", "amount", "reason", "destination", "payments");
        String lineId = b.string("line_id", false, 64);
        String direction = b.oneOf("direction", true, java.util.Set.of(PriceAdjustments.CREDIT, PriceAdjustments.DEBIT));
        Money amount = b.money("amount", true, null);
        if (amount != null && amount.minor() == 0) b.error("amount.amount", "field.out_of_range", "amount must be positive");
        String reason = b.string("reason", true, 500);
        String destination = b.oneOf("destination", false, java.util.Set.of(dev.oms.domain.order.Refund.ORIGINAL_METHOD, dev.oms.domain.order.Refund.STORE_CREDIT));
        List<NewPayment> payments = newPayments(b);
        b.check();
        boolean dryRun = r.boolQuery("dry_run");
        var a = new PriceAdjustments.Adjustment(lineId, direction, amount, reason, destination, payments);
        return run(r, dryRun, res -> adjusted(res, dryRun), ctx -> p.adjustments.adjust(ctx, r.pathParam("orderId"), a, dryRun));
    }

    private static List<NewPayment> newPayments(Body b) {
        List<NewPayment> payments = new ArrayList<>();
        List<Body> entries = b.objects("payments", false, 1, OrderEditService.MAX_NEW_PAYMENTS);
        if (entries != null) for (Body e : entries) {
            e.allow("payment_id", "amount");
            String id = e.string("payment_id", true, 128);
            Money amount = e.money("amount", true, null);
            if (id != null && amount != null) payments.add(new NewPayment(id, amount));
        }
        return payments;
    }

    private static ApiResponse adjusted(PriceAdjustments.Adjusted res, boolean dryRun) {
        ObjectNode o = Json.object();
        o.put("dry_run", dryRun);
        if (res.credit() != null) {
            o.put("direction", PriceAdjustments.CREDIT);
            o.set("refund", dev.oms.platform.views.MoneyViews.refund(res.order(), res.credit().refund()));
            o.set("summary", dev.oms.platform.views.MoneyViews.summary(res.order()));
        } else {
            o.put("direction", PriceAdjustments.DEBIT);
            o.set("edit", EditViews.edit(res.debit().edit()));
            o.set("order", OrderViews.order(res.order()));
        }
        ApiResponse out = dryRun ? ApiResponse.ok(o) : ApiResponse.json(res.credit() != null ? 201 : 200, o).withVersion(res.order().version());
        return res.debit() != null && !dryRun && res.debit().edit().state().equals(OrderEdit.SETTLING) ? ApiResponse.accepted(o).withVersion(res.order().version()) : out;
    }

    /** Optional {@code {"payments": [{"payment_id", "amount"}], "reason", "version"}}. */
    private ApiResponse apply(ApiRequest r) {
        Body b = Body.parseOptional(r.body());
        b.allow("payments", "reason", "version");
        String reason = b.string("reason", false, 500);
        r.expectVersion(b.integer("version", false, 1, Long.MAX_VALUE));
        List<NewPayment> payments = newPayments(b);
        b.check();
        boolean prices = mayEditPrices(r);
        boolean dryRun = r.boolQuery("dry_run");
        String quoteId = r.pathParam("quoteId");
        return run(r, dryRun, a -> applied(a, dryRun), ctx -> {
            String orderId = p.edits.getQuote(ctx, quoteId).quote().orderId();
            return p.edits.apply(ctx.withReason(reason), orderId, quoteId, payments, prices, dryRun);
        });
    }

    /** The real call through the use case's idempotency journal; a dry run straight (its answer is still kept under its own Idempotency-Key, as any request's). */
    static <T> ApiResponse run(ApiRequest r, boolean dryRun, Function<T, ApiResponse> render, Function<CommandContext, T> action) {
        return dryRun ? render.apply(action.apply(r.command())) : r.execute(render, action);
    }

    private static boolean mayEditPrices(ApiRequest r) {
        return r.caller() != null && RolePermissions.of(r.caller().roles()).contains(ORDERS_EDIT_PRICES);
    }

    private static ObjectNode view(Quoted q, boolean dryRun) {
        ObjectNode o = Json.object();
        o.put("dry_run", dryRun);
        o.set("quote", EditViews.quote(q.quote(), q.quote().createdAt()));
        if (!dryRun) o.putObject("links").put("apply", "/v1/admin/quotes/" + q.quote().id() + "/apply").put("order", "/v1/orders/" + q.order().id());
        return o;
    }

    private static ApiResponse quoted(Quoted q, boolean dryRun) {
        return ApiResponse.json(dryRun ? 200 : 201, view(q, dryRun)).withVersion(q.order().version());
    }

    private static ApiResponse applied(Applied a, boolean dryRun) {
        ObjectNode o = Json.object();
        o.put("dry_run", dryRun);
        o.set("edit", EditViews.edit(a.edit()));
        o.set("order", OrderViews.order(a.order()));
        if (dryRun) return ApiResponse.ok(o);
        ApiResponse res = a.edit().state().equals(OrderEdit.SETTLING) ? ApiResponse.accepted(o) : ApiResponse.ok(o);
        return res.withVersion(a.order().version());
    }
}
