package dev.oms.platform.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.cloudwatchlogs.emf.environment.Environment;
import software.amazon.cloudwatchlogs.emf.environment.EnvironmentProvider;
import software.amazon.cloudwatchlogs.emf.environment.LambdaEnvironment;
import software.amazon.cloudwatchlogs.emf.model.MetricsContext;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.internal.EmfMetricsLogger;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricResolution;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * {@link EmfLineMetrics} is held to Powertools' own EMF provider (the EMF library, Lambda environment): the same calls
 * give the same lines, compared as JSON.
 */
class EmfLineMetricsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant AT = Instant.now().minusSeconds(60);

    @Test
    void a_request_line_is_the_one_powertools_writes() throws Exception {
        assertSameLines(m -> {
            m.setNamespace("OMS");
            m.setDefaultDimensions(DimensionSet.of("Service", "oms"));
            m.addDimension("function", "OrdersApiFunction");
            m.addMetric("Requests", 1, MetricUnit.COUNT);
            m.addMetric("Latency", 37, MetricUnit.MILLISECONDS);
            m.addMetric("ClientErrors", 1, MetricUnit.COUNT);
            m.setTimestamp(AT);
            m.flush();
        });
    }

    @Test
    void repeated_metrics_high_resolution_metadata_and_dimension_sets_match_too() throws Exception {
        assertSameLines(m -> {
            m.setNamespace("OMS");
            m.setDefaultDimensions(DimensionSet.of("Service", "oms"));
            m.addDimension("function", "WebhookDispatcher");
            m.addDimension(DimensionSet.of("webhook_id", "wh_1", "tenant", "t1"));
            m.addMetric("WebhookAttemptsFailed", 1, MetricUnit.COUNT);
            m.addMetric("WebhookAttemptsFailed", 2, MetricUnit.COUNT);
            m.addMetric("Bytes", 2048.5, MetricUnit.BYTES_SECOND, MetricResolution.HIGH);
            m.addMetadata("function_request_id", "req-1");
            m.addMetadata("attempt", 3);
            m.setTimestamp(AT);
            m.flush();
            // a second flush keeps the default dimensions and the metadata, not the custom dimensions
            m.addDimension("function", "Other");
            m.addMetric("Requests", 1, MetricUnit.COUNT);
            m.setTimestamp(AT);
            m.flush();
        });
    }

    @Test
    void more_than_100_metrics_go_into_further_lines_as_the_emf_library_splits_them() throws Exception {
        List<String> lines = assertSameLines(m -> {
            m.setNamespace("OMS");
            m.setDefaultDimensions(DimensionSet.of("Service", "oms"));
            for (int i = 0; i < 150; i++) m.addMetric("M" + i, i, MetricUnit.COUNT);
            m.setTimestamp(AT);
            m.flush();
        });
        assertThat(lines).hasSize(2);
    }

    @Test
    void flush_single_metric_inherits_the_namespace_and_default_dimensions() throws Exception {
        assertSameLines(m -> {
            m.setNamespace("OMS");
            m.setDefaultDimensions(DimensionSet.of("Service", "oms"));
            m.flushSingleMetric("SagaStartsParked", 2, MetricUnit.COUNT, "OMS", DimensionSet.of("function", "SagaSweeper"));
        }, true);
    }

    @Test
    void nothing_is_written_without_metrics_and_a_bad_namespace_or_value_is_refused() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        EmfLineMetrics m = new EmfLineMetrics(new PrintStream(buffer, true, StandardCharsets.UTF_8), Clock.systemUTC());
        m.setNamespace("OMS");
        m.flush();
        assertThat(buffer.size()).isZero();
        m.setRaiseOnEmptyMetrics(true);
        assertThatThrownBy(m::flush).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> m.setNamespace("has space")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> m.addMetric("Latency", Double.NaN, MetricUnit.MILLISECONDS)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> m.addMetric("", 1, MetricUnit.COUNT)).isInstanceOf(IllegalArgumentException.class);
    }

    private static List<String> assertSameLines(Consumer<Metrics> calls) throws Exception {
        return assertSameLines(calls, false);
    }

    /**
     * Runs the calls on both providers and asserts that they say the same: as many lines, and the same metrics, each with
     * its unit, resolution, value, dimension sets, dimension values and properties (the library orders metrics by hash,
     * so which metric goes first, or into which of several lines, may differ). Returns this provider's lines.
     */
    private static List<String> assertSameLines(Consumer<Metrics> calls, boolean ignoreTimestamp) throws Exception {
        ByteArrayOutputStream ours = new ByteArrayOutputStream();
        calls.accept(new EmfLineMetrics(new PrintStream(ours, true, StandardCharsets.UTF_8), Clock.systemUTC()));
        List<String> expected = libraryLines(calls);
        List<String> actual = ours.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(actual).hasSameSizeAs(expected).isNotEmpty();
        assertThat(metricsOf(actual, ignoreTimestamp)).as("our lines %s", actual)
                .containsExactlyInAnyOrderElementsOf(metricsOf(expected, ignoreTimestamp));
        return actual;
    }

    /** Each metric of the lines as one JSON object: what CloudWatch would extract for it. */
    private static List<JsonNode> metricsOf(List<String> lines, boolean ignoreTimestamp) throws Exception {
        List<JsonNode> metrics = new ArrayList<>();
        for (String line : lines) {
            ObjectNode event = (ObjectNode) JSON.readTree(line);
            ObjectNode aws = (ObjectNode) event.remove("_aws");
            JsonNode directive = aws.path("CloudWatchMetrics").get(0);
            assertThat(directive.path("Metrics").size()).isLessThanOrEqualTo(EmfLineMetrics.MAX_METRICS_PER_LINE);
            for (JsonNode definition : directive.path("Metrics")) {
                ObjectNode metric = JSON.createObjectNode();
                metric.set("definition", definition);
                metric.put("namespace", directive.path("Namespace").asText());
                metric.set("dimensions", directive.path("Dimensions"));
                if (!ignoreTimestamp) metric.set("timestamp", aws.path("Timestamp"));
                ObjectNode fields = event.deepCopy();
                for (JsonNode other : directive.path("Metrics")) fields.remove(other.path("Name").asText());
                metric.set("fields", fields);
                metric.set("value", event.path(definition.path("Name").asText()));
                metrics.add(metric);
            }
        }
        return metrics;
    }

    /** The lines Powertools' default provider writes (the EMF library in its Lambda environment, to standard output). */
    private static synchronized List<String> libraryLines(Consumer<Metrics> calls) {
        EnvironmentProvider lambda = new EnvironmentProvider() {
            @Override
            public CompletableFuture<Environment> resolveEnvironment() {
                return CompletableFuture.completedFuture(new LambdaEnvironment());
            }
        };
        PrintStream stdout = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            calls.accept(new EmfMetricsLogger(lambda, new MetricsContext()));
        } finally {
            System.setOut(stdout);
        }
        List<String> lines = new ArrayList<>();
        buffer.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("{")).forEach(lines::add);
        return lines;
    }
}
