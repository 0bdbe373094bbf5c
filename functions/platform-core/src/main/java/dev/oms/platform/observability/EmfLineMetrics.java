package dev.oms.platform.observability;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.lambda.powertools.common.internal.LambdaHandlerProcessor;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.internal.Validator;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricResolution;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;
import software.amazon.lambda.powertools.metrics.provider.MetricsProvider;

/**
 * Powertools metrics written as CloudWatch Embedded Metric Format lines with jackson-core's generator, plugged in
 * through Powertools' own {@link MetricsProvider} extension point ({@code MetricsFactory.setMetricsProvider}).
 *
 * <p>Why not Powertools' default provider: it goes through the EMF library, which serialises with a Jackson
 * {@code ObjectMapper} and bean introspection and resolves its environment on a thread pool; in a fresh JVM its first
 * flush costs about 300 ms of CPU, half of what a function that stores and reads one item costs in all
 * (docs/benchmarks.md). This writes the same lines (Powertools' semantics: a namespace, the default dimension set
 * {@code Service}, each {@code addDimension} call its own dimension set, metadata as properties, at most 100 metrics
 * per line, custom dimensions, metadata and metrics cleared by a flush) to standard output, where Lambda hands them to
 * CloudWatch Logs, which extracts the metrics.
 */
public final class EmfLineMetrics implements Metrics {
    /** EMF's limit of metrics per line; more go into further lines. */
    static final int MAX_METRICS_PER_LINE = 100;
    private static final JsonFactory JSON = new JsonFactory();
    private static final String COLD_START_METRIC = "ColdStart";

    private final PrintStream out;
    private final Clock clock;
    private String namespace;
    private final Map<String, String> defaultDimensions = new LinkedHashMap<>();
    private final List<Map<String, String>> dimensionSets = new ArrayList<>();
    private final Map<String, Metric> metrics = new LinkedHashMap<>();
    /** Metadata of the next line (a flush clears it, as the EMF library does). */
    private final Map<String, Object> properties = new LinkedHashMap<>();
    /** All metadata ever added: what {@link #flushMetrics} passes on, as Powertools does. */
    private final Map<String, Object> metadata = new LinkedHashMap<>();
    private Instant timestamp;
    private boolean raiseOnEmptyMetrics;

    /** A metric's unit, resolution and the values recorded since the last flush. */
    private record Metric(MetricUnit unit, MetricResolution resolution, List<Double> values) { }

    public EmfLineMetrics(PrintStream out, Clock clock) {
        this.out = out;
        this.clock = clock;
    }

    /** The provider {@code MetricsFactory} takes: one instance per request scope, lines to standard output. */
    public static MetricsProvider provider() {
        return new MetricsProvider() {
            @Override
            public Metrics getMetricsInstance() { return new EmfLineMetrics(System.out, Clock.systemUTC()); }
        };
    }

    @Override
    public synchronized void addMetric(String key, double value, MetricUnit unit, MetricResolution resolution) {
        if (key == null || key.isBlank() || key.length() > 1024) {
            throw new IllegalArgumentException("Metric name must be 1 to 1024 characters: " + key);
        }
        if (!Double.isFinite(value)) throw new IllegalArgumentException("Metric value must be a finite number: " + value);
        if (unit == null) throw new IllegalArgumentException("Metric unit cannot be null");
        metrics.computeIfAbsent(key, k -> new Metric(unit, resolution == null ? MetricResolution.STANDARD : resolution, new ArrayList<>()))
                .values().add(value);
    }

    @Override
    public synchronized void addDimension(DimensionSet dimensionSet) {
        if (dimensionSet == null) throw new IllegalArgumentException("DimensionSet cannot be null");
        dimensionSets.add(new LinkedHashMap<>(dimensionSet.getDimensions()));
    }

    @Override
    public synchronized void setTimestamp(Instant timestamp) {
        Validator.validateTimestamp(timestamp);
        this.timestamp = timestamp;
    }

    @Override
    public synchronized void addMetadata(String key, Object value) {
        properties.put(key, value);
        metadata.put(key, value);
    }

    @Override
    public synchronized void setDefaultDimensions(DimensionSet dimensionSet) {
        if (dimensionSet == null) throw new IllegalArgumentException("DimensionSet cannot be null");
        defaultDimensions.clear();
        defaultDimensions.putAll(dimensionSet.getDimensions());
    }

    @Override
    public synchronized DimensionSet getDefaultDimensions() { return DimensionSet.of(defaultDimensions); }

    @Override
    public synchronized void setNamespace(String namespace) {
        Validator.validateNamespace(namespace);
        this.namespace = namespace;
    }

    @Override
    public synchronized void setRaiseOnEmptyMetrics(boolean raiseOnEmptyMetrics) { this.raiseOnEmptyMetrics = raiseOnEmptyMetrics; }

    @Override
    public synchronized void clearDefaultDimensions() { defaultDimensions.clear(); }

    @Override
    public synchronized void flush() {
        if (metricsDisabled()) return;
        Validator.validateNamespace(namespace);
        if (metrics.isEmpty()) {
            if (raiseOnEmptyMetrics) throw new IllegalStateException("No metrics were emitted");
            return;
        }
        long millis = (timestamp != null ? timestamp : clock.instant()).toEpochMilli();
        List<Map.Entry<String, Metric>> all = new ArrayList<>(metrics.entrySet());
        for (int from = 0; from < all.size(); from += MAX_METRICS_PER_LINE) {
            out.println(line(millis, all.subList(from, Math.min(all.size(), from + MAX_METRICS_PER_LINE))));
        }
        metrics.clear();
        dimensionSets.clear();
        properties.clear();
        timestamp = null;
    }

    @Override
    public void captureColdStartMetric(Context context, DimensionSet dimensions) {
        if (!LambdaHandlerProcessor.isColdStart()) return;
        flushMetrics(m -> {
            if (context != null && context.getAwsRequestId() != null) m.addMetadata("function_request_id", context.getAwsRequestId());
            LambdaHandlerProcessor.getXrayTraceId().ifPresent(id -> m.addMetadata("xray_trace_id", id));
            if (dimensions != null) m.setDefaultDimensions(dimensions);
            m.addMetric(COLD_START_METRIC, 1, MetricUnit.COUNT);
        });
    }

    @Override
    public void captureColdStartMetric(DimensionSet dimensions) { captureColdStartMetric(null, dimensions); }

    @Override
    public void flushMetrics(Consumer<Metrics> metricsConsumer) {
        if (metricsDisabled()) return;
        EmfLineMetrics single = new EmfLineMetrics(out, clock);
        synchronized (this) {
            if (namespace != null) single.setNamespace(namespace);
            single.defaultDimensions.putAll(defaultDimensions);
            metadata.forEach(single::addMetadata);
        }
        metricsConsumer.accept(single);
        single.flush();
    }

    private static boolean metricsDisabled() {
        return "true".equalsIgnoreCase(System.getenv("POWERTOOLS_METRICS_DISABLED"));
    }

    /** One EMF line: the {@code _aws} directive, then the dimension values, the properties and the metric values. */
    private String line(long millis, List<Map.Entry<String, Metric>> chunk) {
        List<Map<String, String>> sets = new ArrayList<>();
        if (!defaultDimensions.isEmpty()) sets.add(defaultDimensions);
        sets.addAll(dimensionSets);
        StringWriter text = new StringWriter(256);
        try (JsonGenerator g = JSON.createGenerator(text)) {
            g.writeStartObject();
            g.writeObjectFieldStart("_aws");
            g.writeNumberField("Timestamp", millis);
            g.writeArrayFieldStart("CloudWatchMetrics");
            g.writeStartObject();
            g.writeStringField("Namespace", namespace);
            g.writeArrayFieldStart("Metrics");
            for (Map.Entry<String, Metric> m : chunk) {
                g.writeStartObject();
                g.writeStringField("Name", m.getKey());
                g.writeStringField("Unit", m.getValue().unit().getName());
                if (m.getValue().resolution() == MetricResolution.HIGH) g.writeNumberField("StorageResolution", 1);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("Dimensions");
            for (Map<String, String> set : sets) {
                g.writeStartArray();
                for (String key : set.keySet()) g.writeString(key);
                g.writeEndArray();
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
            Map<String, Object> fields = new LinkedHashMap<>(properties);
            for (Map<String, String> set : sets) fields.putAll(set);
            for (Map.Entry<String, Object> f : fields.entrySet()) {
                g.writeFieldName(f.getKey());
                writeValue(g, f.getValue());
            }
            for (Map.Entry<String, Metric> m : chunk) {
                List<Double> values = m.getValue().values();
                g.writeFieldName(m.getKey());
                if (values.size() == 1) {
                    g.writeNumber(values.get(0));
                } else {
                    g.writeStartArray();
                    for (double v : values) g.writeNumber(v);
                    g.writeEndArray();
                }
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /** Metadata values: strings, numbers, booleans, lists and maps of those; anything else as its text. */
    private static void writeValue(JsonGenerator g, Object v) throws IOException {
        switch (v) {
            case null -> g.writeNull();
            case String s -> g.writeString(s);
            case Boolean b -> g.writeBoolean(b);
            case Integer i -> g.writeNumber(i);
            case Long l -> g.writeNumber(l);
            case java.math.BigDecimal d -> g.writeNumber(d);
            case Number n -> g.writeNumber(n.doubleValue());
            case Map<?, ?> map -> {
                g.writeStartObject();
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    g.writeFieldName(String.valueOf(e.getKey()));
                    writeValue(g, e.getValue());
                }
                g.writeEndObject();
            }
            case Iterable<?> list -> {
                g.writeStartArray();
                for (Object o : list) writeValue(g, o);
                g.writeEndArray();
            }
            default -> g.writeString(v.toString());
        }
    }
}
