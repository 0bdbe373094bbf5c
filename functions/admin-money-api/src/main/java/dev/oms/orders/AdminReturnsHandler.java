package dev.oms.orders;

import static dev.oms.app.security.Permission.ORDERS_READ;
import static dev.oms.app.security.Permission.REFUNDS_ISSUE;
import static dev.oms.app.security.Permission.RETURNS_MANAGE;
import static dev.oms.platform.http.Route.get;
import static dev.oms.platform.http.Route.post;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.ReturnService.Result;
import dev.oms.domain.order.Order;
import dev.oms.domain.order.ReturnDraft;
import dev.oms.domain.order.ReturnRequest;
import dev.oms.platform.http.ApiHandler;
import dev.oms.platform.http.ApiRequest;
import dev.oms.platform.http.ApiResponse;
import dev.oms.platform.http.Body;
import dev.oms.platform.http.ReturnLines;
import dev.oms.platform.http.Routes;
import dev.oms.platform.views.ReturnViews;
import java.util.List;
import java.util.Set;

/**
 * Seed 001 section 2, returns: read an RMA with its inspection history (its steps), approve it (issue the return label
 * through the carrier, or answer the one issued before: never a second one), record an inspection, and issue its
 * refund or store credit with a reason. The canonical return use cases ({@code ReturnService}, {@code ReturnLabels},
 * {@code ReturnSettlements}).
 */
public final class AdminReturnsHandler extends ApiHandler {
    private final AdminMoneyApi p;
    private final Routes routes;

    public AdminReturnsHandler() { this(AdminMoneyApi.get()); }

    AdminReturnsHandler(AdminMoneyApi p) {
        super(p.idempotency, p.clock);
        this.p = p;
        this.routes = Routes.of(
                get("/v1/admin/returns/{returnId}", this::read).requires(ORDERS_READ),
                post("/v1/admin/returns/{returnId}/approve", this::approve).requires(RETURNS_MANAGE),
                post("/v1/admin/returns/{returnId}/inspect", this::inspect).requires(RETURNS_MANAGE),
                post("/v1/admin/returns/{returnId}/issue-refund", this::issueRefund).requires(REFUNDS_ISSUE).sudo().reason());
    }

    @Override
    public Routes routes() { return routes; }

    private ApiResponse read(ApiRequest r) { return view(p.returns.find(r.command(), r.pathParam("returnId"))); }

    /** Optional {@code {"reason"}}: the return label, issued once. */
    private ApiResponse approve(ApiRequest r) {
        Body b = Body.parseOptional(r.body());
        b.allow("reason");
        String reason = b.string("reason", false, 500);
        b.check();
        return r.execute(issued -> {
            ObjectNode o = ReturnViews.ret(issued.result().order(), issued.result().ret());
            ((ObjectNode) o.path("label")).put("download_url", issued.downloadUrl()).put("content_type", "application/pdf");
            return ApiResponse.ok(o).withVersion(issued.result().order().version());
        }, ctx -> p.returnLabels.issue(ctx.withReason(reason), r.pathParam("returnId")));
    }

    /** {@code {"lines": [{"line_id", "decision", "quantity", "restockable_quantity", "restocking_fee", "reason"}], "resolution", "version"}}. */
    private ApiResponse inspect(ApiRequest r) {
        Body b = Body.parse(r.body());
        b.allow("lines", "resolution", "version");
        List<ReturnDraft.Decision> decisions = ReturnLines.decisions(b, Order.MAX_LINES);
        String resolution = b.oneOf("resolution", false, Set.copyOf(ReturnRequest.RESOLUTIONS));
        r.expectVersion(b.integer("version", false, 1, Long.MAX_VALUE));
        b.check();
        return r.execute(AdminReturnsHandler::view, ctx -> p.returns.inspect(ctx, r.pathParam("returnId"), decisions, resolution));
    }

    /** {@code {"method": "refund_to_card|store_credit", "reason"}}: the reason is required (money moves). */
    private ApiResponse issueRefund(ApiRequest r) {
        Body b = Body.parse(r.body());
        b.allow("method", "reason");
        String method = b.oneOf("method", false, Set.copyOf(ReturnRequest.REFUND_METHODS));
        String reason = b.string("reason", true, 500);
        b.check();
        return r.execute(res -> ApiResponse.ok(ReturnViews.settled(res.order(), res.ret())).withVersion(res.order().version()),
                ctx -> p.returnSettlements.issueRefund(ctx.withReason(reason), r.pathParam("returnId"), method));
    }

    private static ApiResponse view(Result res) { return ApiResponse.ok(ReturnViews.ret(res.order(), res.ret())).withVersion(res.order().version()); }
}
