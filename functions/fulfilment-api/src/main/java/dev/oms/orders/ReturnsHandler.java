package dev.oms.orders;

import static dev.oms.app.security.Permission.ORDERS_READ;
import static dev.oms.app.security.Permission.REFUNDS_ISSUE;
import static dev.oms.app.security.Permission.RETURNS_CREATE;
import static dev.oms.app.security.Permission.RETURNS_MANAGE;
import static dev.oms.platform.http.Route.get;
import static dev.oms.platform.http.Route.post;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.CommandContext;
import dev.oms.app.ReturnService.Result;
import dev.oms.domain.job.JobKind;
import dev.oms.platform.jobs.JobViews;
import dev.oms.platform.jobs.Jobs;
import java.util.Map;
import dev.oms.domain.order.Order;
import dev.oms.domain.order.Refund;
import dev.oms.domain.order.ReturnDraft;
import dev.oms.domain.order.ReturnLine;
import dev.oms.domain.order.ReturnRequest;
import dev.oms.platform.http.ApiHandler;
import dev.oms.platform.http.ApiRequest;
import dev.oms.platform.http.ApiResponse;
import dev.oms.platform.http.Body;
import dev.oms.platform.http.Routes;
import dev.oms.platform.json.Json;
import dev.oms.platform.views.ReturnViews;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Seed 000 section 5: returns (RMAs), receiving, inspection, settlement by refund, store credit or exchange. Creating
 * a return starts the return-order saga (through {@code return.created}); receipts and inspections recorded here
 * move it on.
 */
public final class ReturnsHandler extends ApiHandler {
    static final int MAX_RETURN_LINES = Order.MAX_LINES;
    /** Returns per bulk receipt: the entries travel in the job's parameters, so the job item stays small. */
    static final int MAX_BULK_RETURNS = 200;
    static final int MAX_BULK_LINES = 50;
    static final String BULK_PATH = "/v1/orders/returns/bulk/receive/";

    private final FulfilmentApi p;
    private final Routes routes;

    public ReturnsHandler() { this(FulfilmentApi.get()); }

    ReturnsHandler(FulfilmentApi p) {
        super(p.idempotency, p.clock);
        this.p = p;
        this.routes = Routes.of(
                post("/v1/orders/{orderId}/returns", this::create).requires(RETURNS_CREATE),
                get("/v1/orders/{orderId}/returns", this::list).requires(ORDERS_READ),
                get("/v1/orders/{orderId}/returns/{returnId}", this::read).requires(ORDERS_READ),
                post("/v1/orders/returns/{returnId}/receive", this::receive).requires(RETURNS_MANAGE),
                post("/v1/orders/returns/{returnId}/inspect", this::inspect).requires(RETURNS_MANAGE),
                post("/v1/orders/returns/{returnId}/cancel", this::cancel).requires(RETURNS_CREATE),
                post("/v1/orders/returns/{returnId}/ship-return-label", this::label).requires(RETURNS_CREATE),
                post("/v1/orders/returns/{returnId}/issue-refund", this::issueRefund).requires(REFUNDS_ISSUE),
                post("/v1/orders/returns/{returnId}/exchange", this::exchange).requires(RETURNS_MANAGE),
                post("/v1/orders/returns/bulk/receive", this::bulkReceive).requires(RETURNS_MANAGE),
                get("/v1/orders/returns/bulk/receive/{jobId}", this::bulkReceipt).requires(RETURNS_MANAGE));
    }

    @Override
    public Routes routes() { return routes; }

    /**
     * {@code {"lines": [{"line_id", "quantity", "reason_code"}], "return_method": "ship|dropoff|pickup",
     * "refund": "refund_to_card|store_credit", "instructions": "...", "metadata": {...}}}.
     */
    private ApiResponse create(ApiRequest r) {
        Body b = Body.parse(r.body());
        b.allow("lines", "return_method", "refund", "instructions", "metadata", "version");
        List<ReturnDraft.Item> items = dev.oms.platform.http.ReturnLines.read(b, MAX_RETURN_LINES);
        String method = b.oneOf("return_method", true, Set.copyOf(ReturnRequest.METHODS));
        String refund = b.oneOf("refund", false, Set.copyOf(ReturnRequest.REFUND_METHODS));
        String instructions = b.string("instructions", false, 1000);
        var metadata = b.metadata("metadata", false);
        r.expectVersion(b.integer("version", false, 1, Long.MAX_VALUE));
        b.check();
        ReturnDraft draft = new ReturnDraft(items, method, refund == null ? "refund_to_card" : refund, instructions, metadata);
        var address = p.returnLabels.returnAddress(r.caller().tenantId());
        return r.execute(res -> ApiResponse.created(ReturnViews.created(res.order(), res.ret(), address), "/v1/orders/" + res.order().id()
                        + "/returns/" + res.ret().id()).withVersion(res.order().version()),
                ctx -> p.returns.create(ctx, r.pathParam("orderId"), draft));
    }

    private ApiResponse list(ApiRequest r) {
        Order order = p.returns.order(r.command(), r.pathParam("orderId"));
        ObjectNode o = Json.object();
        o.set("data", ReturnViews.list(order));
        o.put("has_more", false);
        o.putNull("next_cursor");
        return ApiResponse.ok(o).withVersion(order.version());
    }

    private ApiResponse read(ApiRequest r) { return view(p.returns.get(r.command(), r.pathParam("orderId"), r.pathParam("returnId"))); }

    /** {@code {"lines": [{"line_id", "quantity", "condition", "serials": [...]}]}}; partial receipts add up. */
    private ApiResponse receive(ApiRequest r) {
        Body b = Body.parse(r.body());
        b.allow("lines", "version");
        List<ReturnDraft.Receipt> receipts = receipts(b);
        r.expectVersion(b.integer("version", false, 1, Long.MAX_VALUE));
        b.check();
        return r.execute(ReturnsHandler::view, ctx -> p.returns.receive(ctx, r.pathParam("returnId"), receipts));
    }

    static List<ReturnDraft.Receipt> receipts(Body b) { return receipts(b.objects("lines", true, 1, MAX_RETURN_LINES)); }

    /** Receipt lines: {@code line_id}, {@code quantity}, {@code condition}, {@code serials}. */
    private static List<ReturnDraft.Receipt> receipts(List<Body> lines) {
        List<ReturnDraft.Receipt> out = new ArrayList<>();
        if (lines == null) return out;
        for (Body e : lines) {
            e.allow("line_id", "quantity", "condition", "serials");
            String lineId = e.string("line_id", true, 64);
            Long quantity = e.integer("quantity", true, 1, 100_000);
            String condition = e.oneOf("condition", true, Set.copyOf(ReturnLine.CONDITIONS));
            List<String> serials = e.strings("serials", false, 0, 1000, 128);
            if (lineId != null && quantity != null && condition != null) {
                out.add(new ReturnDraft.Receipt(lineId, quantity, condition, serials == null ? List.of() : serials));
            }
        }
        return out;
    }

    /**
     * {@code {"lines": [{"line_id", "decision": "approve|reject", "quantity", "restockable_quantity",
     * "restocking_fee": {"amount", "currency"}, "reason"}], "resolution": "refund_to_card|store_credit|exchange"}}.
     */
    private ApiResponse inspect(ApiRequest r) {
        Body b = Body.parse(r.body());
        b.allow("lines", "resolution", "version");
        List<ReturnDraft.Decision> decisions = dev.oms.platform.http.ReturnLines.decisions(b, MAX_RETURN_LINES);
        String resolution = b.oneOf("resolution", false, Set.copyOf(ReturnRequest.RESOLUTIONS));
        r.expectVersion(b.integer("version", false, 1, Long.MAX_VALUE));
        b.check();
        return r.execute(ReturnsHandler::view, ctx -> p.returns.inspect(ctx, r.pathParam("returnId"), decisions, resolution));
    }

    /** {@code {"reason": "..."}}: withdraws a return nothing has arrived for. */
    private ApiResponse cancel(ApiRequest r) {
        Body b = Body.parseOptional(r.body());
        b.allow("reason");
        String reason = b.string("reason", false, 500);
        b.check();
        return r.execute(ReturnsHandler::view, ctx -> p.returnLabels.withdraw(ctx, r.pathParam("returnId"), reason));
    }

    /**
     * Issues the return label (the carrier books the return shipment; the PDF is stored and filed on the order as a
     * {@code return_label} document), or answers the one issued before, with a download link valid for 15 minutes.
     */
    private ApiResponse label(ApiRequest r) {
        Body.parseOptional(r.body()).allow().check();
        return r.execute(issued -> {
            ObjectNode o = ReturnViews.ret(issued.result().order(), issued.result().ret());
            ((ObjectNode) o.path("label")).put("download_url", issued.downloadUrl()).put("content_type", "application/pdf");
            return ApiResponse.ok(o).withVersion(issued.result().order().version());
        }, ctx -> p.returnLabels.issue(ctx, r.pathParam("returnId")));
    }

    /** {@code {"method": "refund_to_card|store_credit"}} (optional: the inspection's resolution). */
    private ApiResponse issueRefund(ApiRequest r) {
        Body b = Body.parseOptional(r.body());
        b.allow("method");
        String method = b.oneOf("method", false, Set.copyOf(ReturnRequest.REFUND_METHODS));
        b.check();
        return r.execute(ReturnsHandler::settled, ctx -> p.returnSettlements.issueRefund(ctx, r.pathParam("returnId"), method));
    }

    private ApiResponse exchange(ApiRequest r) {
        Body.parseOptional(r.body()).allow().check();
        return r.execute(ReturnsHandler::settled, ctx -> p.returnSettlements.exchange(ctx, r.pathParam("returnId")));
    }

    /**
     * {@code {"returns": [{"return_id", "lines": [{"line_id", "quantity", "condition", "serials"}]}]}}: up to 200
     * returns of 50 lines each, booked by a job (202 with the job to follow at
     * {@code /v1/orders/returns/bulk/receive/{jobId}}).
     */
    private ApiResponse bulkReceive(ApiRequest r) {
        Body b = Body.parse(r.body());
        b.allow("returns");
        List<Map<String, Object>> entries = new ArrayList<>();
        List<Body> returns = b.objects("returns", true, 1, MAX_BULK_RETURNS);
        if (returns != null) {
            for (Body e : returns) {
                e.allow("return_id", "lines");
                String returnId = e.string("return_id", true, 64);
                List<Body> lines = e.objects("lines", true, 1, MAX_BULK_LINES);
                List<Map<String, Object>> receipts = new ArrayList<>();
                if (lines != null) for (ReturnDraft.Receipt rc : receipts(lines)) receipts.add(Map.of("line_id", rc.lineId(), "quantity", rc.quantity(),
                        "condition", rc.condition(), "serials", rc.serials()));
                if (returnId != null) entries.add(Map.of("return_id", returnId, "lines", receipts));
            }
        }
        b.check();
        Jobs jobs = Jobs.get();
        Map<String, Object> params = Map.of("returns", entries);
        return r.execute(job -> ApiResponse.accepted(JobViews.job(job, jobs.links())).withHeader("location", BULK_PATH + job.id())
                .withVersion(job.version()), (CommandContext ctx) -> jobs.service.submit(ctx, jobs.service.newId(), JobKind.BULK_RECEIVE_RETURNS, params, false));
    }

    /** The bulk receipt job: status, counts, and the report of what each entry did. */
    private ApiResponse bulkReceipt(ApiRequest r) {
        Jobs jobs = Jobs.get();
        var job = jobs.service.get(r.command(), r.pathParam("jobId"), JobKind.BULK_RECEIVE_RETURNS);
        return ApiResponse.ok(JobViews.job(job, jobs.links())).withVersion(job.version());
    }

    private static ApiResponse view(Result res) { return ApiResponse.ok(ReturnViews.ret(res.order(), res.ret())).withVersion(res.order().version()); }

    private static ApiResponse settled(Result res) {
        return ApiResponse.ok(ReturnViews.settled(res.order(), res.ret())).withVersion(res.order().version());
    }
}
