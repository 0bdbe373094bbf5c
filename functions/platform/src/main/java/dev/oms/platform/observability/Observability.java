package dev.oms.platform.observability;

import com.amazonaws.services.lambda.runtime.Context;
import dev.oms.platform.config.Env;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * Powertools logging and metrics through their functional API (no AspectJ): structured JSON logs with the Lambda
 * context, and EMF metrics per request. Metrics are off when {@code OMS_METRICS=off} (the local runtime's default).
 * The per-request access line is at DEBUG (API Gateway's access logs and the metrics count requests); failures are
 * logged at ERROR with their stack trace.
 */
public final class Observability {
    private static final Logger LOG = LoggerFactory.getLogger("oms");
    private static final boolean METRICS = !"off".equals(Env.get("OMS_METRICS", "on"));

    private Observability() { }

    /** Starts Log4j now rather than at the first log line (cold-start warm-up). */
    public static void warmUp() { LOG.isDebugEnabled(); }

    public static void start(Context context) {
        if (context != null) PowertoolsLogging.initializeLogging(context);
    }

    public static void request(String function, String route, int status, long millis) {
        LOG.debug("{} {} -> {} in {} ms", function, route, status, millis);
        if (!METRICS) return;
        Metrics m = MetricsFactory.getMetricsInstance();
        m.setNamespace("OMS");
        m.addDimension("function", function);
        m.addMetric("Requests", 1, MetricUnit.COUNT);
        m.addMetric("Latency", millis, MetricUnit.MILLISECONDS);
        if (status >= 500) m.addMetric("Faults", 1, MetricUnit.COUNT);
        else if (status >= 400) m.addMetric("ClientErrors", 1, MetricUnit.COUNT);
        m.flush();
    }

    public static void error(String message, Throwable t) { LOG.error(message, t); }

    /** Counts something (namespace OMS, dimension {@code function}) when metrics are on; alarms read these. */
    public static void count(String function, String metric, long n) {
        if (!METRICS || n == 0) return;
        Metrics m = MetricsFactory.getMetricsInstance();
        m.setNamespace("OMS");
        m.addDimension("function", function);
        m.addMetric(metric, n, MetricUnit.COUNT);
        m.flush();
    }

    public static Logger log() { return LOG; }
}
