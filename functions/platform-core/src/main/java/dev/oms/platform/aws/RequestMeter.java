package dev.oms.platform.aws;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts the AWS requests the functions make, by service and operation ({@code SQS.SendMessage}; the entries of batch
 * calls as {@code EventBridge.PutEvents.Entries}), for the cost model
 * (docs/cost-model.md), and the DynamoDB partitions written ({@link WrittenPartitions}, for the load test of
 * docs/scaling.md). Off unless {@link #enable()} is called: in production it costs one volatile read per request.
 */
public final class RequestMeter {
    public static final ExecutionInterceptor INTERCEPTOR = new Interceptor();
    private static volatile boolean enabled;
    private static final Map<String, LongAdder> COUNTS = new ConcurrentHashMap<>();
    private static final Map<String, LongAdder> PARTITION_WRITES = new ConcurrentHashMap<>();
    private static final Map<String, LongAdder> PARTITION_UNITS = new ConcurrentHashMap<>();

    private RequestMeter() { }

    public static void enable() { enabled = true; }

    public static void disable() { enabled = false; }

    public static void reset() {
        COUNTS.clear();
        PARTITION_WRITES.clear();
        PARTITION_UNITS.clear();
    }

    /** Requests per {@code Service.Operation} since the last reset. */
    public static Map<String, Long> counts() {
        Map<String, Long> out = new TreeMap<>();
        COUNTS.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /** Item writes per partition ({@code table PK} or {@code GSI1 GSI1PK}) since the last reset. */
    public static Map<String, Long> partitionWrites() { return sums(PARTITION_WRITES); }

    /** The write units of {@link #partitionWrites()}, per partition (estimated from the items' sizes). */
    public static Map<String, Long> partitionWriteUnits() { return sums(PARTITION_UNITS); }

    private static Map<String, Long> sums(Map<String, LongAdder> adders) {
        Map<String, Long> out = new TreeMap<>();
        adders.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    private static final class Interceptor implements ExecutionInterceptor {
        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            if (!enabled) return;
            String key = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + "."
                    + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
            COUNTS.computeIfAbsent(key, k -> new LongAdder()).increment();
            // batch calls (PutEvents, SendMessageBatch, PublishBatch): their entries too, read without the model class
            context.request().getValueForField("Entries", java.util.List.class)
                    .ifPresent(entries -> COUNTS.computeIfAbsent(key + ".Entries", k -> new LongAdder()).add(entries.size()));
            for (WrittenPartitions.Write w : WrittenPartitions.of(context.request())) {
                PARTITION_WRITES.computeIfAbsent(w.partition(), k -> new LongAdder()).increment();
                PARTITION_UNITS.computeIfAbsent(w.partition(), k -> new LongAdder()).add(w.units());
            }
        }
    }
}
