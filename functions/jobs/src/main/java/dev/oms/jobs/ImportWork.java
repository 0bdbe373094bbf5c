package dev.oms.jobs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.CommandContext;
import dev.oms.app.port.IdempotencyRecord;
import dev.oms.app.port.ResponseJournal;
import dev.oms.domain.DomainException;
import dev.oms.domain.job.JobCounts;
import dev.oms.domain.order.Order;
import dev.oms.domain.order.OrderDraft;
import dev.oms.platform.Platform;
import dev.oms.platform.dynamo.IdempotencyStore;
import dev.oms.platform.http.Body;
import dev.oms.platform.json.Json;
import dev.oms.platform.storage.ObjectStore;
import dev.oms.platform.storage.S3Uri;
import dev.oms.platform.views.OrderRequests;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An import: streams the source line by line; each row is validated as {@code POST /v1/orders} would
 * ({@link OrderRequests#draft}) and created through {@code OrderService.create}, or, in upsert mode, updates the
 * metadata and addresses of the order with its external reference. A bad row is reported and the others go on.
 * <p>Nothing is created twice when a file is imported again or a chunk runs again after a crash: an existing
 * external reference means "already imported" (skipped), and a row without one is guarded by an idempotency record
 * keyed by (source, line), written in the same transaction as its order and kept {@link #ROW_KEY_TTL}.
 */
final class ImportWork implements JobWork {
    static final List<String> COLUMNS = List.of("line", "status", "external_reference", "order_id", "code", "detail", "problem");
    static final Duration ROW_KEY_TTL = Duration.ofDays(30);

    private final Platform platform;
    private final Lanes lanes;
    private final int chunkRows;

    ImportWork(Platform platform, Lanes lanes, int chunkRows) {
        this.platform = platform;
        this.lanes = lanes;
        this.chunkRows = chunkRows;
    }

    private enum Outcome { CREATED, UPDATED, VALID, SKIPPED, FAILED }

    private record Result(Row row, Outcome outcome, String externalReference, String orderId, ObjectNode problem) { }

    @Override
    public void run(JobRun run) throws IOException {
        S3Uri source = S3Uri.parse(run.parameter("source"));
        String format = run.parameter("format");
        String mode = run.parameter("mode");
        boolean dryRun = Boolean.TRUE.equals(run.parameters().get("dry_run"));
        @SuppressWarnings("unchecked")
        Map<String, String> mapping = (Map<String, String>) run.parameters().getOrDefault("mapping", Map.of());
        ObjectStore store = run.store();
        Report report = new Report(store, run.tenantId(), run.id(), format, COLUMNS);
        long position = run.checkpoint() == null ? 0 : Long.parseLong(run.checkpoint());
        JobCounts counts = run.counts();
        Map<String, Long> summary = new LinkedHashMap<>(run.summary());
        try (InputStream in = store.open(source); RowSource rows = RowSource.open(in, format, mapping)) {
            rows.skipThrough(position);
            for (List<Row> chunk = rows.next(chunkRows); !chunk.isEmpty(); chunk = rows.next(chunkRows)) {
                if (!run.proceed(true)) return;
                List<Result> results = lanes.map(chunk, ImportWork::laneKey, row -> importRow(run, row, source, mode, dryRun));
                List<ObjectNode> reported = new ArrayList<>();
                for (Result r : results) {
                    counts = switch (r.outcome()) {
                        case CREATED, UPDATED, VALID -> counts.plus(1, 0, 0);
                        case SKIPPED -> counts.plus(0, 0, 1);
                        case FAILED -> counts.plus(0, 1, 0);
                    };
                    summary.merge(r.outcome().name().toLowerCase(java.util.Locale.ROOT), 1L, Long::sum);
                    if (r.problem() != null) reported.add(reportRow(r));
                }
                report.writePart(chunk.get(0).line(), reported);
                position = chunk.get(chunk.size() - 1).line();
                run.checkpoint(counts, Long.toString(position), summary);
            }
        }
        String key = report.assemble();
        run.complete(key == null ? Map.of() : Map.of("report", key));
    }

    /** Rows of one external reference share a lane, so they are imported in file order. */
    private static String laneKey(Row row) {
        String ref = row.body() == null ? null : row.body().path("external_reference").asText(null);
        return ref != null ? ref : Long.toString(row.line());
    }

    private Result importRow(JobRun run, Row row, S3Uri source, String mode, boolean dryRun) {
        if (row.error() != null) return new Result(row, Outcome.FAILED, null, null, Problem.unreadable(row.error()));
        if ("update".equals(mode)) return correct(run, row, dryRun);
        boolean upsert = "upsert".equals(mode);
        String ref = row.body().path("external_reference").isTextual() ? row.body().get("external_reference").textValue() : null;
        try {
            if (!row.body().has("source")) row.body().put("source", "order_import");
            OrderDraft draft = OrderRequests.draft(Body.of(row.body()));
            CommandContext ctx = run.context(run.parameter("reason"), ResponseJournal.NONE);
            Optional<Order> existing = ref == null || !(upsert || dryRun) ? Optional.empty() : platform.orders.findByExternalReference(ctx, ref);
            if (upsert && existing.isPresent()) {
                String id = existing.get().id();
                platform.orders.update(ctx, id, draft.metadata(), draft.shippingAddress(), draft.billingAddress(), dryRun);
                return new Result(row, dryRun ? Outcome.VALID : Outcome.UPDATED, ref, id, null);
            }
            if (dryRun) {
                platform.orders.check(ctx, draft);
                return existing.isPresent() ? alreadyImported(row, ref, existing.get().id()) : new Result(row, Outcome.VALID, ref, null, null);
            }
            return ref != null ? create(ctx, row, draft) : createOnce(run, row, source, draft);
        } catch (RuntimeException e) {
            ObjectNode problem = Problem.of(e);
            if (problem == null) throw e;
            return new Result(row, Outcome.FAILED, ref, null, problem);
        }
    }

    /**
     * Mode {@code update} (the admin's corrections): a row is a change of an existing order named by its
     * {@code external_reference}, with the fields of {@code PATCH /v1/orders/{orderId}} ({@code metadata},
     * {@code shipping_address}, {@code billing_address}); an unknown reference fails ({@code order.not_found}), nothing
     * is created. The dry run runs the same change on a copy never written.
     */
    private Result correct(JobRun run, Row row, boolean dryRun) {
        String ref = row.body().path("external_reference").isTextual() ? row.body().get("external_reference").textValue() : null;
        try {
            Body b = Body.of(row.body());
            b.allow("external_reference", "metadata", "shipping_address", "billing_address");
            b.string("external_reference", true, 100);
            var metadata = b.metadata("metadata", true);
            var shipping = b.address("shipping_address", false);
            var billing = b.address("billing_address", false);
            if (metadata == null && shipping == null && billing == null && b.errors().isEmpty()) {
                b.error("metadata", "request.empty_patch", "A correction changes at least one of metadata, shipping_address, billing_address");
            }
            b.check();
            CommandContext ctx = run.context(run.parameter("reason"), ResponseJournal.NONE);
            Order order = platform.orders.findByExternalReference(ctx, ref)
                    .orElseThrow(() -> DomainException.notFound("order.not_found", "No order has the external_reference " + ref));
            platform.orders.update(ctx, order.id(), metadata, shipping, billing, dryRun);
            return new Result(row, dryRun ? Outcome.VALID : Outcome.UPDATED, ref, order.id(), null);
        } catch (RuntimeException e) {
            ObjectNode problem = Problem.of(e);
            if (problem == null) throw e;
            return new Result(row, Outcome.FAILED, ref, null, problem);
        }
    }

    private Result create(CommandContext ctx, Row row, OrderDraft draft) {
        try {
            return new Result(row, Outcome.CREATED, draft.externalReference(), platform.orders.create(ctx, draft).id(), null);
        } catch (DomainException e) {
            if (!e.code().equals("order.duplicate_external_reference")) throw e;
            return alreadyImported(row, draft.externalReference(), (String) e.details().get("existing_order_id"));
        }
    }

    /** A row without an external reference: created at most once per (source, line), by an idempotency record. */
    private Result createOnce(JobRun run, Row row, S3Uri source, OrderDraft draft) {
        String tenant = run.tenantId();
        String scope = "import-row\n" + source + "\n" + row.line();
        // job:run:line; a claim left by an earlier run of this job (one that crashed, or that this run superseded) is taken over
        String owner = run.id() + ":" + run.job().state().runId + ":" + row.line();
        IdempotencyStore.Claim claim = platform.idempotency.claim(tenant, scope, owner, "import-row", run.id() + ":");
        if (claim instanceof IdempotencyStore.Completed done) return alreadyImported(row, null, done.body());
        if (claim instanceof IdempotencyStore.InProgress) {
            throw new IllegalStateException("line " + row.line() + " is being imported by another run; retry later");
        }
        long expires = platform.clock.instant().plus(ROW_KEY_TTL).getEpochSecond();
        ResponseJournal journal = new ResponseJournal() {
            @Override
            public IdempotencyRecord recordFor(Object result) {
                return new IdempotencyRecord(tenant, scope, owner, "import-row", 201, ((Order) result).id(), Map.of(), expires);
            }

            @Override
            public void written() { }
        };
        try {
            Order order = platform.orders.create(run.context(null, journal), draft);
            return new Result(row, Outcome.CREATED, null, order.id(), null);
        } catch (RuntimeException e) {
            platform.idempotency.release(tenant, scope, owner);
            throw e;
        }
    }

    private static Result alreadyImported(Row row, String ref, String orderId) {
        ObjectNode problem = Problem.of(DomainException.conflict("import.already_imported",
                "This row was imported before" + (orderId == null ? "" : " as order " + orderId), "Nothing to do."));
        return new Result(row, Outcome.SKIPPED, ref, orderId, problem);
    }

    private static ObjectNode reportRow(Result r) {
        ObjectNode o = Json.object();
        o.put("line", r.row().line());
        o.put("status", r.outcome() == Outcome.SKIPPED ? "skipped" : "failed");
        o.put("external_reference", r.externalReference());
        o.put("order_id", r.orderId());
        o.put("code", r.problem().path("code").asText());
        o.put("detail", r.problem().path("detail").asText());
        o.set("problem", r.problem());
        return o;
    }
}
