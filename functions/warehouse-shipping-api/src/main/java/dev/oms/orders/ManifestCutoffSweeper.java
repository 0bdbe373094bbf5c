package dev.oms.orders;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.oms.platform.observability.Observability;
import java.util.Map;

/**
 * Closes draft manifests at their cut-off (an EventBridge Scheduler target, every 5 minutes): each manifest whose
 * cut-off has passed is submitted with the carrier ({@link dev.oms.app.shipping.ManifestService#closeAtCutoff}).
 */
public final class ManifestCutoffSweeper implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    static final int LIMIT = 100;

    private final WarehouseShippingApi p;

    public ManifestCutoffSweeper() { this(WarehouseShippingApi.get()); }

    ManifestCutoffSweeper(WarehouseShippingApi p) { this.p = p; }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        Map<String, String> closed = p.manifests.closeAtCutoff(p.clock.instant(), LIMIT);
        if (!closed.isEmpty()) Observability.log().info("manifests at their cut-off: {}", closed);
        return Map.of("manifests", closed);
    }
}
