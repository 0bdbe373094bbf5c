package dev.oms.orders;

import static dev.oms.app.security.Permission.CONNECTORS_MANAGE;
import static dev.oms.app.security.Permission.ALERTS_READ;
import static dev.oms.app.security.Permission.BULK_OPERATIONS;
import static dev.oms.app.security.Permission.TASKS_MANAGE;
import static dev.oms.platform.http.Route.get;
import static dev.oms.platform.http.Route.post;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.admin.OperationalAlerts;
import dev.oms.app.cases.OrderTasksService.TaskDraft;
import dev.oms.app.port.TaskIndex.TaskFilter;
import dev.oms.app.security.Permission;
import dev.oms.domain.job.JobKind;
import dev.oms.app.OrderStatusActions;
import dev.oms.app.admin.BulkStatusPreview;
import dev.oms.app.port.OrderFilter;
import dev.oms.platform.http.ApiHandler;
import dev.oms.platform.http.ApiProblem;
import dev.oms.platform.http.ApiRequest;
import dev.oms.platform.http.ApiResponse;
import dev.oms.platform.http.Body;
import dev.oms.platform.http.Pages;
import dev.oms.platform.http.Routes;
import dev.oms.platform.http.TaskRequests;
import dev.oms.platform.jobs.JobFiles;
import dev.oms.platform.jobs.JobParameters;
import dev.oms.platform.jobs.JobViews;
import dev.oms.platform.json.Json;
import dev.oms.platform.views.ConnectorViews;
import dev.oms.platform.views.TaskViews;
import java.util.List;
import java.util.Map;

/**
 * Issue 13 (seed 001 section 2), operations and support: the admin task list and task creation (the tasks use case of
 * docs/notes-and-tasks.md), the connector registry with each connector's circuit state (docs/connectors.md), the
 * order export job (docs/jobs.md) and the operational alerts. Each route calls the existing use case; no rule is written here a second time.
 */
public final class AdminOpsHandler extends ApiHandler {
    private final AdminOpsApi p;
    private final Routes routes;

    public AdminOpsHandler() { this(AdminOpsApi.get()); }

    AdminOpsHandler(AdminOpsApi p) {
        super(p.idempotency, p.clock);
        this.p = p;
        this.routes = Routes.of(
                post("/v1/admin/tasks", this::createTask).requires(TASKS_MANAGE),
                get("/v1/admin/tasks", this::listTasks).requires(TASKS_MANAGE),
                get("/v1/admin/connectors", this::connectors).requires(CONNECTORS_MANAGE),
                post("/v1/admin/orders/exports", this::export).requires(BULK_OPERATIONS),
                post("/v1/admin/orders/bulk/update-status", this::bulkStatus).requires(BULK_OPERATIONS).sudo().reason(),
                post("/v1/admin/orders/import", this::importCorrections).requires(BULK_OPERATIONS).sudo().reason(),
                post("/v1/admin/gdpr/export", this::subjectExport).requires(Permission.GDPR_EXPORT).sudo().reason(),
                get("/v1/admin/alerts", this::alerts).requires(ALERTS_READ));
    }

    @Override
    public Routes routes() { return routes; }

    /** {@code {"order_id", "title", "description"?, "assignee"?, "due_at"?, "priority"?}}: a task on that order. */
    private ApiResponse createTask(ApiRequest r) {
        Body b = Body.parse(r.body());
        b.allow("order_id", "title", "description", "assignee", "due_at", "priority");
        String orderId = b.string("order_id", true, 128);
        TaskDraft draft = TaskRequests.draft(b);
        b.check();
        return r.execute(t -> ApiResponse.created(TaskViews.task(t), "/v1/admin/tasks?order_id=" + t.orderId()),
                ctx -> p.tasks.create(ctx, orderId, draft));
    }

    /** The tenant's tasks by due time: {@code ?status=open&assignee=&order_id=&due_before=} (an agent's or a team's queue). */
    private ApiResponse listTasks(ApiRequest r) {
        TaskFilter filter = TaskRequests.filter(r);
        String fingerprint = "admin-" + TaskRequests.fingerprint(filter);
        return Pages.render(p.tasks.list(r.command(), filter, r.page(p.cursors, fingerprint)), TaskViews::task, p.cursors, fingerprint);
    }

    /** Every port of the tenant's registry, with the adapter, its health and its circuit state; one page. */
    private ApiResponse connectors(ApiRequest r) {
        ObjectNode body = Json.object();
        var data = body.putArray("data");
        p.connectorAdmin.list(r.command()).forEach(v -> data.add(ConnectorViews.connector(v)));
        body.putNull("next_cursor");
        body.put("has_more", false);
        return ApiResponse.ok(body);
    }

    /** The export job of docs/jobs.md (202, read at {@code /v1/orders/exports/{jobId}}); it needs orders:read too. */
    private ApiResponse export(ApiRequest r) {
        Map<String, Object> params = JobParameters.export(Body.parse(r.body()));
        if (!r.caller().can(Permission.ORDERS_READ)) throw ApiProblem.forbidden("This job needs the " + Permission.ORDERS_READ.wire() + " permission");
        String jobId = p.jobs.service.newId();
        return r.execute(job -> ApiResponse.accepted(JobViews.job(job, p.jobs.links())).withHeader("location", JobViews.path(job)).withVersion(job.version()),
                ctx -> p.jobs.service.submit(ctx, jobId, JobKind.EXPORT, params, false));
    }

    /**
     * {@code {"order_ids"|"filter", "action", "hold_type"?, "reason", "dry_run"?}}: the bulk status job of
     * {@code POST /v1/orders/bulk/update-status} (202), or its preview order by order (200, {@code dry_run}).
     */
    @SuppressWarnings("unchecked")
    private ApiResponse bulkStatus(ApiRequest r) {
        Body b = Body.parse(r.body());
        b.allow("order_ids", "filter", "action", "reason", "hold_type", "dry_run");
        String reason = r.requiredReason();
        Map<String, Object> params = JobParameters.bulkStatus(b);
        boolean dryRun = Boolean.TRUE.equals(b.bool("dry_run", false));
        b.check();
        params.put("reason", reason);
        String action = (String) params.get("action");
        Permission needed = OrderStatusActions.PERMISSIONS.get(action);
        if (!r.caller().can(needed)) throw ApiProblem.forbidden("This action needs the " + needed.wire() + " permission");
        if (dryRun) {
            List<String> ids = (List<String>) params.get("order_ids");
            OrderFilter filter = ids != null ? null : JobParameters.orderFilter((Map<String, Object>) params.get("filter"));
            BulkStatusPreview.Preview preview = p.bulkPreview.preview(r.command().withReason(reason), ids, filter, action, (String) params.get("hold_type"));
            ObjectNode body = Json.object();
            body.put("dry_run", true);
            body.put("action", action);
            body.put("total", preview.outcomes().size());
            body.put("ok", preview.outcomes().stream().filter(BulkStatusPreview.Outcome::ok).count());
            body.put("failed", preview.outcomes().stream().filter(o -> !o.ok()).count());
            body.put("truncated", preview.truncated());
            var orders = body.putArray("orders");
            for (BulkStatusPreview.Outcome o : preview.outcomes()) {
                orders.addObject().put("order_id", o.orderId()).put("status", o.ok() ? "ok" : "failed").put("order_status", o.orderStatus())
                        .put("code", o.code()).put("detail", o.detail());
            }
            return ApiResponse.ok(body);
        }
        String jobId = p.jobs.service.newId();
        return r.execute(job -> ApiResponse.accepted(JobViews.job(job, p.jobs.links())).withHeader("location", JobViews.path(job)).withVersion(job.version()),
                ctx -> p.jobs.service.submit(ctx.withReason(reason), jobId, JobKind.BULK_UPDATE_STATUS, params, false));
    }

    /**
     * {@code {"orders": [{"external_reference", "metadata"?, "shipping_address"?, "billing_address"?}], "dry_run"?, "reason"}}:
     * corrections of existing orders as an import job in mode {@code update} (202); the dry run is the same job,
     * writing nothing.
     */
    private ApiResponse importCorrections(ApiRequest r) {
        Body b = Body.parse(r.body());
        b.allow("orders", "dry_run", "reason");
        String reason = r.requiredReason();
        // each row is a correction the job validates row by row (its report names the bad ones): here only its shape
        com.fasterxml.jackson.databind.JsonNode rows = b.node().get("orders");
        if (rows == null || !rows.isArray() || rows.isEmpty() || rows.size() > JobParameters.MAX_BULK_ORDERS) {
            b.error("orders", "field.size", "orders must be an array of 1 to " + JobParameters.MAX_BULK_ORDERS + " objects");
        } else {
            for (int i = 0; i < rows.size(); i++) if (!rows.get(i).isObject()) b.error("orders[" + i + "]", "field.type", "must be an object");
        }
        boolean dryRun = Boolean.TRUE.equals(b.bool("dry_run", false));
        b.check();
        if (!r.caller().can(Permission.ORDERS_WRITE)) throw ApiProblem.forbidden("This job needs the " + Permission.ORDERS_WRITE.wire() + " permission");
        String tenant = r.caller().tenantId();
        String jobId = p.jobs.service.newId();
        StringBuilder feed = new StringBuilder();
        for (com.fasterxml.jackson.databind.JsonNode row : rows) feed.append(Json.write(row)).append('\n');
        Map<String, Object> params = new java.util.LinkedHashMap<>();
        params.put("format", "ndjson");
        params.put("mode", "update");
        params.put("mapping", Map.of());
        params.put("dry_run", dryRun);
        params.put("reason", reason);
        return r.execute(job -> ApiResponse.accepted(JobViews.job(job, p.jobs.links())).withHeader("location", JobViews.path(job)).withVersion(job.version()),
                ctx -> {
                    String key = JobFiles.inlineFeed(tenant, jobId);
                    p.jobs.links().put(key, "application/x-ndjson", feed.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    params.put("source", p.jobs.links().uri(key));
                    return p.jobs.service.submit(ctx.withReason(reason), jobId, JobKind.IMPORT, params, false);
                });
    }

    /** {@code {"customer_id", "reason"}}: a data subject's orders, events, messages and document index as a zip (202, a job). */
    private ApiResponse subjectExport(ApiRequest r) {
        Body b = Body.parse(r.body());
        b.allow("customer_id", "reason");
        String reason = r.requiredReason();
        String customerId = b.string("customer_id", true, 128);
        b.check();
        Map<String, Object> params = new java.util.LinkedHashMap<>();
        params.put("customer_id", customerId);
        params.put("reason", reason);
        String jobId = p.jobs.service.newId();
        return r.execute(job -> ApiResponse.accepted(JobViews.job(job, p.jobs.links())).withHeader("location", JobViews.path(job)).withVersion(job.version()),
                ctx -> p.jobs.service.submit(ctx.withReason(reason), jobId, JobKind.GDPR_EXPORT, params, false));
    }

    /** Open repair items, connectors whose circuit is not closed, overdue tasks: one entry per alert, one page. */
    private ApiResponse alerts(ApiRequest r) {
        ObjectNode body = Json.object();
        var data = body.putArray("data");
        for (OperationalAlerts.Alert a : p.alerts.current(r.command())) {
            ObjectNode o = data.addObject();
            o.put("kind", a.kind());
            o.put("severity", a.severity());
            o.put("count", a.count());
            o.put("more", a.more());
            o.put("subject", a.subject());
            o.put("detail", a.detail());
        }
        body.putNull("next_cursor");
        body.put("has_more", false);
        return ApiResponse.ok(body);
    }
}
