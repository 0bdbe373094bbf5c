package dev.oms.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Records the name of every AWS SDK operation (GetItem, Query, TransactWriteItems...) while enabled, so the cost
 * table can tell transactions from reads. The SDK adds it to every client it builds because this module lists it in
 * {@code software/amazon/awssdk/global/handlers/execution.interceptors}; it does nothing until {@link #enable()}.
 */
public final class OperationLog implements ExecutionInterceptor {
    private static volatile boolean enabled;
    private static final List<String> OPERATIONS = new ArrayList<>();

    static void enable() { enabled = true; }

    static synchronized void reset() { OPERATIONS.clear(); }

    /** Operation name to how often it ran since the last {@link #reset()}. */
    static synchronized Map<String, Integer> counts() {
        Map<String, Integer> out = new TreeMap<>();
        for (String op : OPERATIONS) out.merge(op, 1, Integer::sum);
        return out;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (!enabled) return;
        String op = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        synchronized (OperationLog.class) {
            OPERATIONS.add(op == null ? "?" : op);
        }
    }
}
