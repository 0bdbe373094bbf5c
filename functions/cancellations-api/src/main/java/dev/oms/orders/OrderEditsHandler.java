package dev.oms.orders;

import static dev.oms.app.security.Permission.ORDERS_EDIT_PRICES;
import static dev.oms.app.security.Permission.ORDERS_READ;
import static dev.oms.app.security.Permission.ORDERS_REPLACE;
import static dev.oms.app.security.Permission.ORDERS_WRITE;
import static dev.oms.platform.http.Route.get;
import static dev.oms.platform.http.Route.post;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.OrderEditService;
import dev.oms.app.OrderEditService.Applied;
import dev.oms.app.OrderEditService.NewPayment;
import dev.oms.app.OrderEditService.Quoted;
import dev.oms.app.OrderReplacements;
import dev.oms.app.security.RolePermissions;
import dev.oms.domain.money.Money;
import dev.oms.domain.order.EditCalculator;
import dev.oms.domain.order.EditChange;
import dev.oms.domain.order.OrderEdit;
import dev.oms.platform.dynamo.CancellationShapes;
import dev.oms.platform.http.ApiHandler;
import dev.oms.platform.http.ApiRequest;
import dev.oms.platform.http.ApiResponse;
import dev.oms.platform.http.Body;
import dev.oms.platform.http.Pages;
import dev.oms.platform.http.Routes;
import dev.oms.platform.json.Json;
import dev.oms.platform.views.EditViews;
import dev.oms.platform.views.OrderRequests;
import dev.oms.platform.views.OrderViews;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Seed 000 section 6, edits by quote: price a list of changes ({@code quote-change}, nothing changes), apply a quote
 * that is still current ({@code apply-quote}; the edit-order saga settles its money plan), list the edits, and replace
 * an order by a new one (the original is cancelled through the cancel-order saga).
 */
public final class OrderEditsHandler extends ApiHandler {
    private final CancellationsApi p;
    private final Routes routes;

    public OrderEditsHandler() { this(CancellationsApi.get()); }

    OrderEditsHandler(CancellationsApi p) {
        super(p.idempotency, p.clock);
        this.p = p;
        this.routes = Routes.of(
                post("/v1/orders/{orderId}/quote-change", this::quote).requires(ORDERS_WRITE),
                post("/v1/orders/{orderId}/apply-quote/{quoteId}", this::apply).requires(ORDERS_WRITE),
                post("/v1/orders/{orderId}/replace", this::replace).requires(ORDERS_REPLACE),
                get("/v1/orders/{orderId}/edits", this::list).requires(ORDERS_READ));
    }

    @Override
    public Routes routes() { return routes; }

    /** {@code {"changes": [{"type": "change_quantity", "line_id": "...", "quantity": 3}, ...], "reason": "...", "version": 4}}. */
    private ApiResponse quote(ApiRequest r) {
        Body b = Body.parse(r.body());
        b.allow("changes", "reason", "version");
        String reason = b.string("reason", false, 500);
        r.expectVersion(b.integer("version", false, 1, Long.MAX_VALUE));
        List<EditChange> changes = new ArrayList<>();
        List<Body> entries = b.objects("changes", true, 1, EditCalculator.MAX_CHANGES);
        if (entries != null) for (Body e : entries) {
            EditChange c = dev.oms.platform.views.EditRequests.change(e);
            if (c != null) changes.add(c);
        }
        b.check();
        boolean prices = mayEditPrices(r);
        return r.execute(OrderEditsHandler::quoted, ctx -> p.orderEdits.quote(ctx.withReason(reason), r.pathParam("orderId"), changes, prices));
    }

    /** Optional body {@code {"payments": [{"payment_id": "...", "amount": {...}}], "reason": "..."}}. */
    private ApiResponse apply(ApiRequest r) {
        Body b = Body.parseOptional(r.body());
        b.allow("payments", "reason", "version");
        String reason = b.string("reason", false, 500);
        r.expectVersion(b.integer("version", false, 1, Long.MAX_VALUE));
        List<NewPayment> payments = new ArrayList<>();
        List<Body> entries = b.objects("payments", false, 1, OrderEditService.MAX_NEW_PAYMENTS);
        if (entries != null) for (Body e : entries) {
            e.allow("payment_id", "amount");
            String id = e.string("payment_id", true, 128);
            Money amount = e.money("amount", true, null);
            if (id != null && amount != null) payments.add(new NewPayment(id, amount));
        }
        b.check();
        boolean prices = mayEditPrices(r);
        return r.execute(OrderEditsHandler::applied, ctx -> p.orderEdits.apply(ctx.withReason(reason), r.pathParam("orderId"),
                r.pathParam("quoteId"), payments, prices));
    }

    private ApiResponse list(ApiRequest r) {
        String orderId = r.pathParam("orderId");
        String fingerprint = "edits:" + orderId;
        var page = p.orderEdits.list(r.command(), orderId, r.page(p.cursors, fingerprint));
        return Pages.render(page, EditViews::edit, p.cursors, fingerprint);
    }

    /** {@code {"reason": "...", "payments": "refund" | "move"}}: a new order from this one's lines and addresses. */
    private ApiResponse replace(ApiRequest r) {
        Body b = Body.parse(r.body());
        b.allow("reason", "payments", "version");
        String reason = b.string("reason", true, 500);
        String payments = b.oneOf("payments", false, Set.of(OrderReplacements.REFUND, OrderReplacements.MOVE));
        r.expectVersion(b.integer("version", false, 1, Long.MAX_VALUE));
        b.check();
        return r.execute(OrderEditsHandler::replaced, ctx -> p.orderReplacements.replace(ctx.withReason(reason), r.pathParam("orderId"),
                payments == null ? OrderReplacements.REFUND : payments));
    }

    private static boolean mayEditPrices(ApiRequest r) {
        return r.caller() != null && RolePermissions.of(r.caller().roles()).contains(ORDERS_EDIT_PRICES);
    }

    private static ApiResponse quoted(Quoted q) {
        return ApiResponse.json(201, EditViews.quote(q.quote(), q.quote().createdAt())).withVersion(q.order().version());
    }

    private static ApiResponse applied(Applied a) {
        ObjectNode o = Json.object();
        o.set("edit", EditViews.edit(a.edit()));
        o.set("order", OrderViews.order(a.order()));
        String follow = "/v1/orders/" + a.order().id() + "/edits";
        o.putObject("links").put("edits", follow).put("order", "/v1/orders/" + a.order().id());
        ApiResponse res = a.edit().state().equals(OrderEdit.SETTLING) ? ApiResponse.accepted(o).withHeader("location", follow) : ApiResponse.ok(o);
        return res.withVersion(a.order().version());
    }

    private static ApiResponse replaced(OrderReplacements.Replaced res) {
        ObjectNode o = Json.object();
        o.set("order", OrderViews.order(res.replacement()));
        o.set("original", OrderViews.order(res.original()));
        o.set("cancellation", CancellationShapes.toJson(res.cancellation()));
        String follow = "/v1/orders/" + res.original().id() + "/cancellations/" + res.cancellation().id();
        o.putObject("links").put("order", "/v1/orders/" + res.replacement().id()).put("original", "/v1/orders/" + res.original().id())
                .put("cancellation", follow);
        return ApiResponse.created(o, "/v1/orders/" + res.replacement().id()).withVersion(res.replacement().version());
    }
}
