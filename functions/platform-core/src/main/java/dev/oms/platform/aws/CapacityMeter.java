package dev.oms.platform.aws;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * Counts DynamoDB requests and consumed capacity units, for benchmarks and cost tests. Off unless
 * {@link #enable()} is called, so production requests do not ask for capacity figures.
 */
public final class CapacityMeter {
    public static final ExecutionInterceptor INTERCEPTOR = new Interceptor();
    private static volatile boolean enabled;
    private static final AtomicLong REQUESTS = new AtomicLong();
    private static final DoubleAdder UNITS = new DoubleAdder();
    private static final DoubleAdder READ_UNITS = new DoubleAdder();

    private CapacityMeter() { }

    public static void enable() { enabled = true; }

    /**
     * Counts only what the calling thread (and the threads it starts, such as the parallel Queries of a sharded list)
     * asks of DynamoDB from now on (until {@link #meterAllThreads()}), so a measurement in a running system is not
     * disturbed by background work such as stream subscribers.
     */
    public static void meterThisThreadOnly() {
        enabled = true;
        METERED.set(true);
        oneThread = true;
    }

    public static void meterAllThreads() {
        oneThread = false;
        METERED.remove();
    }

    private static volatile boolean oneThread;
    private static final InheritableThreadLocal<Boolean> METERED = new InheritableThreadLocal<>();

    private static boolean counts() {
        return enabled && (!oneThread || Boolean.TRUE.equals(METERED.get()));
    }

    public static void reset() {
        REQUESTS.set(0);
        UNITS.reset();
        READ_UNITS.reset();
    }

    public static long requests() { return REQUESTS.get(); }

    public static double units() { return UNITS.sum(); }

    /** The read units among {@link #units()} (GetItem and Query); the rest are write units. */
    public static double readUnits() { return READ_UNITS.sum(); }

    private static final class Interceptor implements ExecutionInterceptor {
        @Override
        public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
            if (!counts()) return context.request();
            REQUESTS.incrementAndGet();
            SdkRequest r = context.request();
            if (r instanceof software.amazon.awssdk.services.dynamodb.model.GetItemRequest g) return g.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
            if (r instanceof software.amazon.awssdk.services.dynamodb.model.PutItemRequest p) return p.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
            if (r instanceof software.amazon.awssdk.services.dynamodb.model.QueryRequest q) return q.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
            if (r instanceof software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest u) return u.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
            if (r instanceof software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest d) return d.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
            if (r instanceof software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest t) return t.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
            if (r instanceof software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest b) return b.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
            return r;
        }

        @Override
        public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
            if (!counts()) return;
            Object resp = context.response();
            if (resp instanceof GetItemResponse g) addRead(g.consumedCapacity());
            else if (resp instanceof PutItemResponse p) add(p.consumedCapacity());
            else if (resp instanceof QueryResponse q) addRead(q.consumedCapacity());
            else if (resp instanceof UpdateItemResponse u) add(u.consumedCapacity());
            else if (resp instanceof DeleteItemResponse d) add(d.consumedCapacity());
            else if (resp instanceof TransactWriteItemsResponse t && t.hasConsumedCapacity()) t.consumedCapacity().forEach(CapacityMeter::add);
            else if (resp instanceof BatchWriteItemResponse b && b.hasConsumedCapacity()) b.consumedCapacity().forEach(CapacityMeter::add);
        }
    }

    private static void addRead(ConsumedCapacity c) {
        add(c);
        if (c != null && c.capacityUnits() != null) READ_UNITS.add(c.capacityUnits());
    }

    private static void add(ConsumedCapacity c) {
        if (c != null && c.capacityUnits() != null) UNITS.add(c.capacityUnits());
    }
}
