package dev.oms.streams;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.oms.app.settings.PolicyEngine;
import dev.oms.platform.Platform;
import java.util.List;
import java.util.Map;

/**
 * The scheduled sweeper of policy deadlines ({@code PolicyDeadlinesSchedule}, every minute): each due
 * {@code auto_cancel_unpaid} deadline cancels its order if it is still unpaid ({@link PolicyEngine#sweep}).
 */
public final class PolicyDeadlineSweeper implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    static final int BATCH = 100;
    private final Platform p;

    public PolicyDeadlineSweeper() { this(Platform.get()); }

    PolicyDeadlineSweeper(Platform p) { this.p = p; }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        List<PolicyEngine.Swept> swept = p.cases().policyEngine.sweep(p.clock.instant(), BATCH);
        return Map.of("swept", swept.size(), "cancelled", swept.stream().filter(s -> s.outcome().equals("cancellation_requested")).count());
    }
}
