package dev.oms.streams;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.oms.platform.dynamo.CountersRebuild;
import dev.oms.platform.dynamo.OrderNumberItemsBackfill;
import dev.oms.platform.dynamo.OrderReferenceKeysBackfill;
import dev.oms.platform.dynamo.SingleTable;
import dev.oms.platform.dynamo.TenantShardKeysMigration;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Operator tasks on one tenant's data (docs/metrics.md, "Rebuilding the counters"), invoked directly
 * ({@code aws lambda invoke}), never by a route:
 * <ul>
 *   <li>{@code {"task": "rebuild_counters", "tenant_id": "t", "from": "2026-01-01", "to": "2026-11-30"}}: the metrics
 *   counters of those days recomputed from the table ({@link CountersRebuild}; {@code to} defaults to the last settled
 *   day, {@code from} to 365 days before it);</li>
 *   <li>{@code {"task": "backfill_reference_keys", "tenant_id": "t"}}: the GSI4/GSI5 lookup keys given to the order
 *   headers that lack them ({@link OrderReferenceKeysBackfill});</li>
 *   <li>{@code {"task": "backfill_order_numbers", "tenant_id": "t"}}: the order-number items the guest lookup finds
 *   orders by, for the orders created before it existed ({@link OrderNumberItemsBackfill});</li>
 *   <li>{@code {"task": "shard_tenant_keys", "tenant_id": "t"}}: the order headers and event items written before the
 *   tenant-wide lists were sharded moved into their shards ({@link TenantShardKeysMigration}; run it first, once per
 *   tenant, after deploying the version that shards).</li>
 * </ul>
 * The answer says what was done; a bad request answers {@code error} and changes nothing.
 */
public final class MaintenanceTasks implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private final SingleTable table;
    private final Clock clock;

    public MaintenanceTasks() { this(SingleTable.fromEnvironment(), Clock.systemUTC()); }

    public MaintenanceTasks(SingleTable table, Clock clock) {
        this.table = table;
        this.clock = clock;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        Map<String, Object> out = new LinkedHashMap<>();
        String task = String.valueOf(input.get("task"));
        Object tenant = input.get("tenant_id");
        out.put("task", task);
        if (!(tenant instanceof String t) || t.isBlank()) return error(out, "tenant_id is required");
        try {
            switch (task) {
                case "rebuild_counters" -> {
                    LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
                    LocalDate to = input.get("to") == null ? today.minusDays(CountersRebuild.SETTLED_DAYS) : LocalDate.parse(String.valueOf(input.get("to")));
                    LocalDate from = input.get("from") == null ? to.minusDays(365) : LocalDate.parse(String.valueOf(input.get("from")));
                    var r = new CountersRebuild(table).rebuild(t, from, to, today);
                    out.put("tenant_id", r.tenantId());
                    out.put("from", r.from());
                    out.put("to", r.to());
                    out.put("orders", r.orders());
                    out.put("events", r.events());
                    out.put("written", r.written());
                    out.put("deleted", r.deleted());
                }
                case "backfill_reference_keys" -> {
                    var r = new OrderReferenceKeysBackfill(table).run(t);
                    out.put("tenant_id", r.tenantId());
                    out.put("examined", r.examined());
                    out.put("updated", r.updated());
                    out.put("changed_meanwhile", r.changedMeanwhile());
                }
                case "backfill_order_numbers" -> {
                    var r = new OrderNumberItemsBackfill(table).run(t);
                    out.put("tenant_id", r.tenantId());
                    out.put("examined", r.examined());
                    out.put("written", r.written());
                    out.put("already_present", r.present());
                }
                case "shard_tenant_keys" -> {
                    var r = new TenantShardKeysMigration(table).run(t);
                    out.put("tenant_id", r.tenantId());
                    out.put("orders", r.orders());
                    out.put("events", r.events());
                    out.put("changed_meanwhile", r.changedMeanwhile());
                }
                default -> { return error(out, "task must be rebuild_counters, backfill_reference_keys, backfill_order_numbers or shard_tenant_keys"); }
            }
        } catch (DateTimeParseException e) {
            return error(out, "from and to are days, YYYY-MM-DD");
        } catch (IllegalArgumentException e) {
            return error(out, e.getMessage());
        }
        return out;
    }

    private static Map<String, Object> error(Map<String, Object> out, String message) {
        out.put("error", message);
        return out;
    }
}
