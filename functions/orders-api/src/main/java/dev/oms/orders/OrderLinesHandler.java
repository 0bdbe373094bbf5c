package dev.oms.orders;

import static dev.oms.app.security.Permission.ORDERS_WRITE;
import static dev.oms.platform.http.Route.delete;
import static dev.oms.platform.http.Route.patch;
import static dev.oms.platform.http.Route.post;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.OrderService.LineResult;
import dev.oms.domain.order.LineChange;
import dev.oms.domain.order.LineSpec;
import dev.oms.platform.http.ApiHandler;
import dev.oms.platform.http.ApiRequest;
import dev.oms.platform.http.ApiResponse;
import dev.oms.platform.http.Body;
import dev.oms.platform.http.Routes;
import dev.oms.platform.json.Json;
import dev.oms.platform.views.OrderRequests;
import dev.oms.platform.views.OrderViews;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Seed 000 section 2: add, update, remove, split and bulk-edit order lines. Totals are recomputed on every change. */
public final class OrderLinesHandler extends ApiHandler {
    /** A bulk request changes at most this many lines, all or nothing. */
    public static final int MAX_BULK_LINES = 50;

    private final OrdersApi p;
    private final Routes routes;

    public OrderLinesHandler() { this(OrdersApi.get()); }

    OrderLinesHandler(OrdersApi p) {
        super(p.idempotency, p.clock);
        this.p = p;
        this.routes = Routes.of(
                post("/v1/orders/{orderId}/lines", this::add).requires(ORDERS_WRITE),
                patch("/v1/orders/{orderId}/lines/{lineId}", this::update).requires(ORDERS_WRITE),
                delete("/v1/orders/{orderId}/lines/{lineId}", this::remove).requires(ORDERS_WRITE),
                post("/v1/orders/{orderId}/lines/{lineId}/split", this::split).requires(ORDERS_WRITE),
                post("/v1/orders/{orderId}/lines/bulk", this::bulk).requires(ORDERS_WRITE));
    }

    @Override
    public Routes routes() { return routes; }

    private ApiResponse add(ApiRequest r) {
        Body b = Body.parse(r.body());
        LineSpec spec = OrderRequests.line(b, null);
        b.check();
        return r.execute(res -> lineResponse(201, res), ctx -> p.orders.addLine(ctx, r.pathParam("orderId"), spec));
    }

    private ApiResponse update(ApiRequest r) {
        Body b = Body.parse(r.body());
        LineChange change = OrderRequests.lineChange(b, null);
        r.expectVersion(b.integer("version", false, 1, Long.MAX_VALUE));
        String reason = b.string("reason", false, 500);
        if (OrderRequests.isEmpty(change) && b.errors().isEmpty()) b.error("quantity", "request.empty_patch", "Nothing to change");
        b.check();
        return r.execute(res -> lineResponse(200, res),
                ctx -> p.orders.updateLine(ctx.withReason(reason), r.pathParam("orderId"), r.pathParam("lineId"), change));
    }

    private ApiResponse remove(ApiRequest r) {
        return r.execute(OrderCrudHandler::ok, ctx -> p.orders.removeLine(ctx, r.pathParam("orderId"), r.pathParam("lineId")));
    }

    private ApiResponse split(ApiRequest r) {
        Body b = Body.parse(r.body());
        b.allow("quantities", "version");
        List<Long> quantities = b.integers("quantities", true, 2, 50, 1, OrderRequests.MAX_QUANTITY);
        r.expectVersion(b.integer("version", false, 1, Long.MAX_VALUE));
        b.check();
        return r.execute(res -> lineResponse(200, res),
                ctx -> p.orders.splitLine(ctx, r.pathParam("orderId"), r.pathParam("lineId"), quantities));
    }

    /**
     * {@code {"lines": [...]}}: an entry with {@code line_id} edits that line, one without adds a line. At most
     * {@link #MAX_BULK_LINES} entries; all are validated first, then applied in one transaction.
     */
    private ApiResponse bulk(ApiRequest r) {
        Body b = Body.parse(r.body());
        b.allow("lines", "version");
        r.expectVersion(b.integer("version", false, 1, Long.MAX_VALUE));
        List<Body> entries = b.objects("lines", true, 1, MAX_BULK_LINES);
        List<LineSpec> adds = new ArrayList<>();
        Map<String, LineChange> edits = new LinkedHashMap<>();
        if (entries != null) {
            for (Body e : entries) {
                if (e.has("line_id")) {
                    String lineId = e.string("line_id", true, 64);
                    ObjectNode rest = e.node().deepCopy();
                    rest.remove("line_id");
                    Body change = Body.parse(Json.write(rest));
                    LineChange c = OrderRequests.lineChange(change, null);
                    change.errors().forEach(err -> e.error(err.field(), err.code(), err.message()));
                    if (lineId != null && edits.put(lineId, c) != null) e.error("line_id", "line_id.duplicate", "A line may appear once per request");
                } else {
                    LineSpec spec = OrderRequests.line(e, null);
                    if (spec != null) adds.add(spec);
                }
            }
        }
        b.check();
        return r.execute(OrderCrudHandler::ok, ctx -> p.orders.bulkLines(ctx, r.pathParam("orderId"), adds, edits));
    }

    private static ApiResponse lineResponse(int status, LineResult res) {
        ObjectNode o = Json.object();
        ArrayNode lines = o.putArray("lines");
        res.lines().forEach(l -> lines.add(OrderViews.line(l)));
        o.set("order", OrderViews.order(res.order()));
        return ApiResponse.json(status, o).withVersion(res.order().version());
    }
}
