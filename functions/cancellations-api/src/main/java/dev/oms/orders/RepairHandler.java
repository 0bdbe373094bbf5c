package dev.oms.orders;

import static dev.oms.app.security.Permission.REPAIRS_MANAGE;
import static dev.oms.platform.http.Route.get;
import static dev.oms.platform.http.Route.post;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.RepairService;
import dev.oms.app.port.RepairItem;
import dev.oms.domain.DomainException;
import dev.oms.platform.dynamo.CancellationShapes;
import dev.oms.platform.http.ApiHandler;
import dev.oms.platform.http.ApiRequest;
import dev.oms.platform.http.ApiResponse;
import dev.oms.platform.http.Body;
import dev.oms.platform.http.Pages;
import dev.oms.platform.http.Routes;
import dev.oms.platform.json.Json;
import dev.oms.platform.json.Times;
import dev.oms.platform.views.OrderViews;

/** The repair queue of failed sagas: list, read, retry, skip, force (supervisors and admins). */
public final class RepairHandler extends ApiHandler {
    private final CancellationsApi p;
    private final Routes routes;

    public RepairHandler() { this(CancellationsApi.get()); }

    RepairHandler(CancellationsApi p) {
        super(p.idempotency, p.clock);
        this.p = p;
        this.routes = Routes.of(
                get("/v1/orders/repairs", this::list).requires(REPAIRS_MANAGE),
                get("/v1/orders/repairs/{repairId}", this::read).requires(REPAIRS_MANAGE),
                post("/v1/orders/repairs/{repairId}/retry", this::retry).requires(REPAIRS_MANAGE),
                post("/v1/orders/repairs/{repairId}/skip", this::skip).requires(REPAIRS_MANAGE),
                post("/v1/orders/repairs/{repairId}/force", this::force).requires(REPAIRS_MANAGE));
    }

    @Override
    public Routes routes() { return routes; }

    private ApiResponse list(ApiRequest r) {
        String state = r.query("state") == null ? "open" : r.query("state");
        if (!RepairService.STATES.contains(state)) {
            throw DomainException.invalidField("state", "field.not_allowed", "state must be one of " + RepairService.STATES);
        }
        String fingerprint = "repairs|" + state;
        return Pages.render(p.repairs.list(r.command(), state, r.page(p.cursors, fingerprint)), RepairHandler::view, p.cursors, fingerprint);
    }

    private ApiResponse read(ApiRequest r) { return ApiResponse.ok(view(p.repairs.get(r.command(), r.pathParam("repairId")))); }

    private ApiResponse retry(ApiRequest r) {
        Body.parseOptional(r.body()).allow().check();
        return r.execute(RepairHandler::outcome, ctx -> p.repairs.retry(ctx, r.pathParam("repairId")));
    }

    private ApiResponse skip(ApiRequest r) {
        String note = note(r);
        return r.execute(RepairHandler::outcome, ctx -> p.repairs.skip(ctx.withReason(note), r.pathParam("repairId"), note));
    }

    private ApiResponse force(ApiRequest r) {
        String note = note(r);
        return r.execute(RepairHandler::outcome, ctx -> p.repairs.force(ctx.withReason(note), r.pathParam("repairId"), note));
    }

    private static String note(ApiRequest r) {
        Body b = Body.parse(r.body());
        b.allow("note");
        String note = b.string("note", true, 2000);
        b.check();
        return note;
    }

    private static ApiResponse outcome(RepairService.Outcome o) {
        ObjectNode body = Json.object();
        body.set("repair", view(o.item()));
        body.set("order", OrderViews.order(o.order()));
        if (o.newCancellation() != null) body.set("cancellation", CancellationShapes.toJson(o.newCancellation()));
        return ApiResponse.ok(body);
    }

    static ObjectNode view(RepairItem i) {
        ObjectNode o = Json.object();
        o.put("id", i.id());
        o.put("order_id", i.orderId());
        o.put("cancellation_id", i.cancellationId());
        o.put("kind", i.kind());
        o.put("failed_step", i.failedStep());
        o.put("failure", i.failure());
        o.put("state", i.state());
        o.put("created_at", Times.format(i.createdAt()));
        o.put("updated_at", Times.format(i.updatedAt()));
        o.set("history", Json.valueToTree(i.history()));
        return o;
    }
}
