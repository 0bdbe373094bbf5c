package dev.oms.orders;

import static dev.oms.app.security.Permission.JOBS_MANAGE;
import static dev.oms.platform.http.Route.get;
import static dev.oms.platform.http.Route.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.security.Permission;
import dev.oms.domain.job.Job;
import dev.oms.domain.job.JobKind;
import dev.oms.domain.order.OrderStatus;
import dev.oms.platform.config.Env;
import dev.oms.platform.http.ApiHandler;
import dev.oms.platform.http.ApiProblem;
import dev.oms.platform.http.ApiRequest;
import dev.oms.platform.http.ApiResponse;
import dev.oms.platform.http.Body;
import dev.oms.platform.http.Pages;
import dev.oms.platform.http.Routes;
import dev.oms.platform.jobs.FieldPaths;
import dev.oms.platform.jobs.JobFiles;
import dev.oms.platform.jobs.JobParameters;
import dev.oms.platform.jobs.JobViews;
import dev.oms.app.OrderStatusActions;
import dev.oms.platform.jobs.Jobs;
import dev.oms.platform.json.Json;
import dev.oms.platform.storage.S3Uri;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Seed 000 section 11: imports, exports, bulk status changes and reconciliations, each an asynchronous job (202) that
 * the job runner (functions/jobs) works through; and reading, listing and cancelling jobs. Seed 003 section 14 for the
 * warehouse: imports of fulfilments or pick lists, exports of shipments, manifests and exceptions, and cancelling the
 * warehouse's jobs.
 */
public final class JobsHandler extends ApiHandler {
    public static final int MAX_BULK_ORDERS = JobParameters.MAX_BULK_ORDERS;
    public static final int MAX_MAPPING_ENTRIES = 200;
    public static final Duration UPLOAD_TTL = Duration.ofHours(1);
    static final Set<String> IMPORT_FIELDS = Set.of("external_reference", "customer_id", "channel", "source", "currency", "items",
            "shipping_address", "billing_address", "shipping", "discount", "payments", "metadata");

    private final Jobs jobs;
    private final dev.oms.platform.http.Cursors cursors = dev.oms.platform.http.Cursors.fromEnvironment();
    private final Routes routes;

    public JobsHandler() { this(Jobs.get()); }

    JobsHandler(Jobs jobs) {
        super(jobs.core.idempotency, jobs.core.clock);
        this.jobs = jobs;
        this.routes = Routes.of(
                post("/v1/orders/imports", this::startImport).requires(JOBS_MANAGE),
                get("/v1/orders/imports/{jobId}", r -> read(r, JobKind.IMPORT)).requires(JOBS_MANAGE),
                post("/v1/orders/exports", this::startExport).requires(JOBS_MANAGE),
                get("/v1/orders/exports/{jobId}", r -> read(r, JobKind.EXPORT)).requires(JOBS_MANAGE),
                post("/v1/orders/bulk/update-status", this::bulkUpdateStatus).requires(JOBS_MANAGE),
                post("/v1/orders/bulk/reconcile", this::reconcile).requires(JOBS_MANAGE),
                get("/v1/orders/jobs", this::list).requires(JOBS_MANAGE),
                get("/v1/orders/jobs/{jobId}", r -> read(r, null)).requires(JOBS_MANAGE),
                post("/v1/orders/jobs/{jobId}/cancel", this::cancel).requires(JOBS_MANAGE),
                post("/v1/fulfillment/imports", this::startFulfilmentImport).requires(Permission.WAREHOUSE_WRITE),
                get("/v1/fulfillment/imports/{jobId}", r -> read(r, JobKind.FULFILLMENT_IMPORT)).requires(Permission.WAREHOUSE_READ),
                post("/v1/fulfillment/exports", this::startFulfilmentExport).requires(Permission.WAREHOUSE_READ),
                get("/v1/fulfillment/exports/{jobId}", r -> read(r, JobKind.FULFILLMENT_EXPORT)).requires(Permission.WAREHOUSE_READ),
                get("/v1/fulfillment/jobs/{jobId}", this::readWarehouseJob).requires(Permission.WAREHOUSE_READ),
                post("/v1/fulfillment/jobs/{jobId}/cancel", this::cancelWarehouseJob).requires(Permission.WAREHOUSE_WRITE));
    }

    @Override
    public Routes routes() { return routes; }

    // ---- imports -------------------------------------------------------------------------------------------

    private ApiResponse startImport(ApiRequest r) {
        Body b = Body.parse(r.body());
        b.allow("source", "format", "mode", "mapping", "dry_run");
        String tenant = r.caller().tenantId();
        String sourceText = b.string("source", false, 1100);
        S3Uri source = sourceText == null ? null : checkSource(b, sourceText, tenant);
        String format = b.oneOf("format", false, Set.of("ndjson", "csv"));
        String mode = b.oneOf("mode", false, Set.of("create", "upsert", "update"));
        Map<String, String> mapping = mapping(b);
        Boolean dryRun = b.bool("dry_run", false);
        b.check();
        mode = mode == null ? "create" : mode;
        if (!mode.equals("update")) need(r, Permission.ORDERS_CREATE);
        if (!mode.equals("create")) need(r, Permission.ORDERS_WRITE);
        if (format == null) format = source != null && source.key().toLowerCase(java.util.Locale.ROOT).endsWith(".csv") ? "csv" : "ndjson";
        String jobId = jobs.service.newId();
        String upload = source == null ? JobFiles.upload(tenant, jobId, format) : null;
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("source", source != null ? source.toString() : jobs.links().uri(upload));
        params.put("format", format);
        params.put("mode", mode);
        params.put("mapping", mapping);
        params.put("dry_run", Boolean.TRUE.equals(dryRun));
        String chosen = format;
        return submit(r, jobId, JobKind.IMPORT, params, upload != null, view -> uploadLink(view, upload, chosen));
    }

    /** The presigned PUT of an import's file, when the request named no source. */
    private void uploadLink(ObjectNode view, String upload, String format) {
        if (upload == null) return;
        String contentType = format.equals("csv") ? "text/csv" : "application/x-ndjson";
        view.put("upload_url", jobs.links().presignPut(upload, contentType, UPLOAD_TTL));
        view.put("upload_method", "PUT");
        view.put("upload_content_type", contentType);
        view.put("upload_expires_at", dev.oms.platform.json.Times.format(jobs.core.clock.instant().plus(UPLOAD_TTL)));
    }

    // ---- seed 003: the warehouse's imports, exports and cancellations ---------------------------------------------

    static final Set<String> FULFILMENT_IMPORT_TYPES = Set.of("fulfillments", "picklists");
    static final Set<String> FULFILMENT_EXPORT_TYPES = Set.of("shipments", "manifests", "exceptions");
    /** The jobs {@code POST /v1/fulfillment/jobs/{jobId}/cancel} may cancel; any other is 404 there. */
    static final Set<JobKind> WAREHOUSE_JOBS = java.util.EnumSet.of(JobKind.FULFILLMENT_IMPORT, JobKind.FULFILLMENT_EXPORT,
            JobKind.BULK_FULFILLMENTS, JobKind.BULK_RECEIVE_RETURNS, JobKind.CONNECTOR_PUSH, JobKind.CONNECTOR_INVENTORY_SYNC,
            JobKind.SHIPMENT_LABELS, JobKind.BULK_ALLOCATIONS);

    /** {@code {"type": "fulfillments|picklists", "source", "format"}}: rows are the bodies of the warehouse's create routes. */
    private ApiResponse startFulfilmentImport(ApiRequest r) {
        Body b = Body.parse(r.body());
        b.allow("type", "source", "format");
        String type = b.oneOf("type", true, FULFILMENT_IMPORT_TYPES);
        String tenant = r.caller().tenantId();
        String sourceText = b.string("source", false, 1100);
        S3Uri source = sourceText == null ? null : checkSource(b, sourceText, tenant);
        String format = b.oneOf("format", false, Set.of("ndjson", "csv"));
        b.check();
        if (format == null) format = source != null && source.key().toLowerCase(java.util.Locale.ROOT).endsWith(".csv") ? "csv" : "ndjson";
        String jobId = jobs.service.newId();
        String upload = source == null ? JobFiles.upload(tenant, jobId, format) : null;
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("type", type);
        params.put("source", source != null ? source.toString() : jobs.links().uri(upload));
        params.put("format", format);
        String chosen = format;
        return submit(r, jobId, JobKind.FULFILLMENT_IMPORT, params, upload != null, view -> uploadLink(view, upload, chosen));
    }

    /** {@code {"type": "shipments|manifests|exceptions", "format": "csv|ndjson|parquet", "warehouse_id", "from", "to"}}. */
    private ApiResponse startFulfilmentExport(ApiRequest r) {
        Body b = Body.parse(r.body());
        b.allow("type", "format", "warehouse_id", "from", "to");
        String type = b.oneOf("type", true, FULFILMENT_EXPORT_TYPES);
        String format = b.oneOf("format", false, Set.of("csv", "ndjson", "parquet"));
        String warehouse = b.string("warehouse_id", false, 64);
        java.time.Instant from = b.time("from", false);
        java.time.Instant to = b.time("to", false);
        if (from != null && to != null && !from.isBefore(to)) b.error("to", "field.range", "to must be after from");
        b.check();
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("type", type);
        params.put("format", format == null ? "csv" : format);
        if (warehouse != null) params.put("warehouse_id", warehouse);
        if (from != null) params.put("from", from.toString());
        if (to != null) params.put("to", to.toString());
        return submit(r, jobs.service.newId(), JobKind.FULFILLMENT_EXPORT, params, false, view -> { });
    }

    /** Any of the warehouse's jobs (imports, exports, connector pushes and inventory syncs); another kind is 404. */
    private ApiResponse readWarehouseJob(ApiRequest r) {
        String jobId = r.pathParam("jobId");
        Job job = jobs.service.get(r.command(), jobId);
        if (!WAREHOUSE_JOBS.contains(job.kind())) throw dev.oms.domain.DomainException.notFound("job.not_found", "No job " + jobId);
        return ApiResponse.ok(JobViews.job(job, jobs.links())).withVersion(job.version());
    }

    private ApiResponse cancelWarehouseJob(ApiRequest r) {
        Body.parseOptional(r.body()).allow().check();
        return r.execute(this::accepted, ctx -> jobs.service.cancel(ctx, r.pathParam("jobId"), WAREHOUSE_JOBS));
    }

    /**
     * A source must be in the jobs bucket under the caller's tenant's {@code imports/} prefix, or in a bucket the
     * operator allowed ({@code JOBS_SOURCE_BUCKETS}, comma-separated): a tenant never reads another tenant's files.
     */
    private S3Uri checkSource(Body b, String text, String tenant) {
        S3Uri uri = S3Uri.parse(text);
        if (uri == null) {
            b.error("source", "source.invalid", "source must be an s3://bucket/key URI");
            return null;
        }
        boolean own = uri.bucket().equals(jobs.links().bucket()) && uri.key().startsWith(JobFiles.uploadPrefix(tenant));
        List<String> allowed = Arrays.asList(Env.get("JOBS_SOURCE_BUCKETS", "").split(","));
        if (!own && !(allowed.contains(uri.bucket()) && !uri.bucket().equals(jobs.links().bucket()))) {
            b.error("source", "source.not_allowed", "source must be under s3://" + jobs.links().bucket() + "/" + JobFiles.uploadPrefix(tenant)
                    + " or in a bucket allowed for imports");
            return null;
        }
        return uri;
    }

    private static Map<String, String> mapping(Body b) {
        JsonNode m = b.node().get("mapping");
        Map<String, String> out = new LinkedHashMap<>();
        if (m == null || m.isNull()) return out;
        if (!m.isObject() || m.size() > MAX_MAPPING_ENTRIES) {
            b.error("mapping", "field.type", "mapping must be an object of at most " + MAX_MAPPING_ENTRIES + " \"column\": \"order field path\" entries");
            return out;
        }
        m.properties().forEach(e -> {
            String from = e.getKey();
            JsonNode to = e.getValue();
            if (from.isEmpty() || from.length() > 200) {
                b.error("mapping", "mapping.column_invalid", "column names must have 1 to 200 characters");
            } else if (!to.isTextual() || !FieldPaths.isValid(to.textValue()) || !IMPORT_FIELDS.contains(FieldPaths.root(to.textValue()))) {
                b.error("mapping." + from, "mapping.path_invalid", "must name an order field path such as items[0].unit_price.amount or shipping_address.city");
            } else {
                out.put(from, to.textValue());
            }
        });
        return out;
    }

    // ---- exports -------------------------------------------------------------------------------------------

    private ApiResponse startExport(ApiRequest r) {
        Map<String, Object> params = JobParameters.export(Body.parse(r.body()));
        need(r, Permission.ORDERS_READ);
        return submit(r, jobs.service.newId(), JobKind.EXPORT, params, false, view -> { });
    }

    // ---- bulk ----------------------------------------------------------------------------------------------

    private ApiResponse bulkUpdateStatus(ApiRequest r) {
        Body b = Body.parse(r.body());
        b.allow("order_ids", "filter", "action", "reason", "hold_type");
        Map<String, Object> params = JobParameters.bulkStatus(b);
        b.check();
        need(r, OrderStatusActions.PERMISSIONS.get((String) params.get("action")));
        return submit(r, jobs.service.newId(), JobKind.BULK_UPDATE_STATUS, params, false, view -> { });
    }

    private ApiResponse reconcile(ApiRequest r) {
        Body b = Body.parse(r.body());
        b.allow("source", "format", "orders", "channel", "from", "to");
        String tenant = r.caller().tenantId();
        String sourceText = b.string("source", false, 1100);
        S3Uri source = sourceText == null ? null : checkSource(b, sourceText, tenant);
        String format = b.oneOf("format", false, Set.of("ndjson", "csv"));
        List<Body> orders = b.objects("orders", false, 1, MAX_BULK_ORDERS);
        if ((sourceText == null) == (orders == null) && b.errors().isEmpty()) {
            b.error("source", "field.exclusive", "Give either source or orders");
        }
        StringBuilder feed = new StringBuilder();
        if (orders != null) for (Body o : orders) feed.append(Json.write(feedRow(o))).append('\n');
        Map<String, Object> params = new LinkedHashMap<>();
        Map<String, Object> window = JobParameters.filter(b);
        b.check();
        need(r, Permission.ORDERS_READ);
        String jobId = jobs.service.newId();
        if (orders != null) {
            String key = JobFiles.inlineFeed(tenant, jobId);
            jobs.links().put(key, "application/x-ndjson", feed.toString().getBytes(StandardCharsets.UTF_8));
            params.put("source", jobs.links().uri(key));
            params.put("format", "ndjson");
            params.put("inline_rows", orders.size());
        } else {
            params.put("source", source.toString());
            params.put("format", format != null ? format : source.key().toLowerCase(java.util.Locale.ROOT).endsWith(".csv") ? "csv" : "ndjson");
        }
        params.put("window", window);
        return submit(r, jobId, JobKind.BULK_RECONCILE, params, false, view -> { });
    }

    /** One inline feed row: {@code external_reference}, optional {@code status} and {@code total}. */
    private static ObjectNode feedRow(Body o) {
        o.allow("external_reference", "status", "total");
        ObjectNode row = Json.object();
        row.put("external_reference", o.string("external_reference", true, 100));
        String status = o.string("status", false, 32);
        if (status != null && !OrderStatus.isWire(status)) o.error("status", "field.not_allowed", "Unknown status " + status);
        if (status != null) row.put("status", status);
        var total = o.money("total", false, null);
        if (total != null) row.putObject("total").put("amount", total.minor()).put("currency", total.currency());
        return row;
    }

    // ---- reading and cancelling ------------------------------------------------------------------------------

    private ApiResponse read(ApiRequest r, JobKind kind) {
        String jobId = r.pathParam("jobId");
        Job job = kind == null ? jobs.service.get(r.command(), jobId) : jobs.service.get(r.command(), jobId, kind);
        return ApiResponse.ok(JobViews.job(job, jobs.links())).withVersion(job.version());
    }

    private ApiResponse list(ApiRequest r) {
        String fingerprint = "jobs|" + r.caller().tenantId();
        return Pages.render(jobs.service.list(r.command(), r.page(cursors, fingerprint)),
                j -> JobViews.job(j, jobs.links()), cursors, fingerprint);
    }

    private ApiResponse cancel(ApiRequest r) {
        Body.parseOptional(r.body()).allow().check();
        return r.execute(this::accepted, ctx -> jobs.service.cancel(ctx, r.pathParam("jobId")));
    }

    // ---- shared ------------------------------------------------------------------------------------------------

    private ApiResponse submit(ApiRequest r, String jobId, JobKind kind, Map<String, Object> params, boolean awaitingUpload,
                               java.util.function.Consumer<ObjectNode> extra) {
        return dev.oms.platform.jobs.JobSubmission.submit(r, jobs, jobId, kind, params, awaitingUpload, extra);
    }

    private ApiResponse accepted(Job job) { return ApiResponse.accepted(JobViews.job(job, jobs.links())).withVersion(job.version()); }

    /** A job acts as its submitter: it may only do what the submitter may do. */
    private static void need(ApiRequest r, Permission p) {
        if (!r.caller().can(p)) throw ApiProblem.forbidden("This job needs the " + p.wire() + " permission");
    }
}
