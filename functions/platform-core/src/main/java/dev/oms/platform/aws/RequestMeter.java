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
 * (docs/cost-model.md). Off unless {@link #enable()} is called: in production it costs one volatile read per request.
 */
public final class RequestMeter {
    public static final ExecutionInterceptor INTERCEPTOR = new Interceptor();
    private static volatile boolean enabled;
    private static final Map<String, LongAdder> COUNTS = new ConcurrentHashMap<>();

    private RequestMeter() { }

    public static void enable() { enabled = true; }

    public static void disable() { enabled = false; }

    public static void reset() { COUNTS.clear(); }

    /** Requests per {@code Service.Operation} since the last reset. */
    public static Map<String, Long> counts() {
        Map<String, Long> out = new TreeMap<>();
        COUNTS.forEach((k, v) -> out.put(k, v.sum()));
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
        }
    }
}
