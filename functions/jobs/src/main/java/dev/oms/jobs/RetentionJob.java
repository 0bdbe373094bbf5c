package dev.oms.jobs;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.oms.app.OrderRetention;
import dev.oms.platform.Platform;
import dev.oms.platform.dynamo.DynamoOrderSettings;
import dev.oms.platform.jobs.Jobs;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scheduled retention job ({@code OrderRetentionSchedule}, daily): archives and removes the orders older than
 * each tenant's {@code order_retention_days} ({@link OrderRetention}), at most {@value #PER_TENANT} per tenant a run;
 * the next run goes on where this one stopped.
 */
public final class RetentionJob implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    static final int PER_TENANT = 1000;
    private final OrderRetention retention;
    private final Platform p;

    public RetentionJob() { this(Platform.get(), Jobs.get()); }

    RetentionJob(Platform p, Jobs jobs) {
        this.p = p;
        this.retention = new OrderRetention(p.core.repository, p.orders.transactions(), new DynamoOrderSettings(p.table),
                new ParquetOrderArchive(p.table, JobExecutor.store(jobs)), p.clock);
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        List<OrderRetention.Outcome> outcomes = retention.run(p.clock.instant(), PER_TENANT);
        Map<String, Object> out = new LinkedHashMap<>(OrderRetention.summary(outcomes));
        out.put("looked_at", outcomes.size());
        return out;
    }
}
