package dev.oms.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.CommandContext;
import dev.oms.app.port.OrderFilter;
import dev.oms.app.port.Page;
import dev.oms.app.port.ResponseJournal;
import dev.oms.domain.DomainException;
import dev.oms.domain.job.JobCounts;
import dev.oms.domain.order.Order;
import dev.oms.platform.Platform;
import dev.oms.platform.jobs.JobParameters;
import dev.oms.platform.json.Json;
import dev.oms.platform.storage.ObjectStore;
import dev.oms.platform.storage.S3Uri;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A reconciliation of an external feed ({@code external_reference}, optional {@code status} and {@code total}) with the
 * OMS: each feed row is looked up by its external reference and reported {@code missing} (not in the OMS) or
 * {@code different} (status or total differ); then the orders of the window ({@code channel}, {@code from},
 * {@code to}) that the feed did not name are reported {@code extra}. It writes nothing but its report, so a run that
 * dies simply starts again; it holds the feed's references in memory, up to {@link #MAX_FEED_ROWS}.
 */
final class ReconcileWork implements JobWork {
    static final int MAX_FEED_ROWS = 200_000;
    static final List<String> COLUMNS = List.of("kind", "external_reference", "order_id", "differences", "feed", "oms", "line", "problem");

    private final Platform platform;
    private final OrderPages pages;
    private final int chunkRows;

    ReconcileWork(Platform platform, OrderPages pages, int chunkRows) {
        this.platform = platform;
        this.pages = pages;
        this.chunkRows = chunkRows;
    }

    @Override
    public void run(JobRun run) throws IOException {
        ObjectStore store = run.store();
        Report report = new Report(store, run.tenantId(), run.id(), "ndjson", COLUMNS);
        CommandContext ctx = run.context(null, ResponseJournal.NONE);
        Set<String> seen = new HashSet<>();
        Map<String, Long> summary = new LinkedHashMap<>();
        for (String k : new String[] {"matched", "missing", "different", "extra", "invalid"}) summary.put(k, 0L);
        JobCounts counts = JobCounts.ZERO;
        long part = 0;
        try (InputStream in = store.open(S3Uri.parse(run.parameter("source")));
             RowSource rows = RowSource.open(in, run.parameter("format"), Map.of())) {
            for (List<Row> chunk = rows.next(chunkRows); !chunk.isEmpty(); chunk = rows.next(chunkRows)) {
                if (!run.proceed(false)) return;
                List<ObjectNode> found = new ArrayList<>();
                for (Row row : chunk) {
                    ObjectNode finding = compare(ctx, row, seen);
                    String kind = finding == null ? "matched" : finding.path("kind").asText();
                    summary.merge(kind, 1L, Long::sum);
                    counts = kind.equals("invalid") ? counts.plus(0, 1, 0) : counts.plus(1, 0, 0);
                    if (finding != null) found.add(finding);
                }
                report.writePart(part, found);
                part += chunk.size();
                run.checkpoint(counts, null, summary);
            }
        }
        @SuppressWarnings("unchecked")
        OrderFilter window = JobParameters.orderFilter((Map<String, Object>) run.parameters().getOrDefault("window", Map.of()));
        String position = null;
        do {
            if (!run.proceed(false)) return;
            Page<Order> page = pages.page(ctx, window, position, OrderPages.PAGE);
            List<ObjectNode> extra = new ArrayList<>();
            for (Order o : page.items()) {
                String ref = o.state().externalReference;
                if (ref == null || !seen.contains(ref)) extra.add(finding("extra", ref, o));
            }
            summary.merge("extra", (long) extra.size(), Long::sum);
            report.writePart(part, extra);
            part += page.items().size();
            position = page.nextPosition();
            run.checkpoint(counts, null, summary);
        } while (position != null);
        String key = report.assemble();
        run.complete(key == null ? Map.of() : Map.of("report", key));
    }

    /** What a feed row shows: null when it matches the OMS, otherwise a report row. */
    private ObjectNode compare(CommandContext ctx, Row row, Set<String> seen) {
        if (row.error() != null) return invalid(row, Problem.unreadable(row.error()));
        JsonNode refNode = row.body().get("external_reference");
        if (refNode == null || !refNode.isTextual() || refNode.textValue().isBlank()) {
            return invalid(row, Problem.of(DomainException.invalidField("external_reference", "field.required", "external_reference is required")));
        }
        String ref = refNode.textValue();
        seen.add(ref);
        if (seen.size() > MAX_FEED_ROWS) throw new BadInput("reconcile.feed_too_large", "The feed has more than " + MAX_FEED_ROWS + " orders");
        Optional<Order> order = platform.orders.findByExternalReference(ctx, ref);
        if (order.isEmpty()) return finding("missing", ref, null).set("feed", row.body());
        Order o = order.get();
        List<String> differences = new ArrayList<>();
        JsonNode status = row.body().get("status");
        if (status != null && !status.asText().equals(o.status().wire())) differences.add("status");
        JsonNode total = row.body().get("total");
        if (total != null && (total.path("amount").asLong(Long.MIN_VALUE) != o.totals().total()
                || !total.path("currency").asText().equals(o.state().currency))) {
            differences.add("total");
        }
        if (differences.isEmpty()) return null;
        ObjectNode f = finding("different", ref, o);
        f.set("differences", Json.valueToTree(differences));
        f.set("feed", row.body());
        return f;
    }

    private static ObjectNode finding(String kind, String ref, Order o) {
        ObjectNode f = Json.object().put("kind", kind).put("external_reference", ref);
        if (o != null) {
            f.put("order_id", o.id());
            ObjectNode oms = f.putObject("oms").put("status", o.status().wire());
            oms.putObject("total").put("amount", o.totals().total()).put("currency", o.state().currency);
            oms.put("channel", o.state().channel);
        }
        return f;
    }

    private static ObjectNode invalid(Row row, ObjectNode problem) {
        ObjectNode f = Json.object().put("kind", "invalid").put("line", row.line());
        f.set("problem", problem);
        return f;
    }
}
