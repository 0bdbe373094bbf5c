package dev.oms.platform.observability;

import dev.oms.platform.config.Env;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * Logs ({@link Log}: Lambda's JSON log format on Lambda, text lines locally) and Powertools metrics through their
 * functional API (no AspectJ): EMF metrics per request, written by {@link EmfLineMetrics}. Metrics are off when {@code OMS_METRICS=off} (the local
 * runtime's default).
 * The per-request access line is at DEBUG (API Gateway's access logs and the metrics count requests); failures are
 * logged at ERROR with their stack trace.
 */
public final class Observability {
    private static final Log LOG = Log.fromEnvironment();
    private static final boolean METRICS = !"off".equals(Env.get("OMS_METRICS", "on"));

    static {
        // Powertools' metrics API with lines written by EmfLineMetrics (its own extension point), not the EMF library
        if (METRICS) MetricsFactory.setMetricsProvider(EmfLineMetrics.provider());
    }

    private Observability() { }

    /** Loads the metrics classes now rather than at the first request (cold-start warm-up, on a second thread). */
    public static void warmUp() {
        if (METRICS) MetricsFactory.getMetricsInstance();
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

    /**
     * Counts something per value of a second dimension (namespace OMS, dimensions {@code function} and {@code name}),
     * e.g. failed webhook attempts per subscription; alarms read these with a Metrics Insights query.
     */
    public static void count(String function, String metric, String dimension, String value, long n) {
        if (!METRICS || n == 0) return;
        Metrics m = MetricsFactory.getMetricsInstance();
        m.setNamespace("OMS");
        m.addDimension("function", function);
        m.addDimension(dimension, value);
        m.addMetric(metric, n, MetricUnit.COUNT);
        m.flush();
    }

    public static Log log() { return LOG; }
}
