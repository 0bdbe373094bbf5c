package dev.oms.local;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the local runtime plays that AWS bills by use: API requests and Lambda invocations with their durations, per
 * function. Off unless {@link #enable()} is called (the cost model, docs/cost-model.md).
 */
final class LocalMeters {
    record Invocations(long count, long millis) { }

    private static volatile boolean enabled;
    private static final LongAdder API_REQUESTS = new LongAdder();
    private static final Map<String, LongAdder> COUNTS = new ConcurrentHashMap<>();
    private static final Map<String, LongAdder> NANOS = new ConcurrentHashMap<>();

    private LocalMeters() { }

    static void enable() { enabled = true; }

    static void disable() { enabled = false; }

    static void reset() {
        API_REQUESTS.reset();
        COUNTS.clear();
        NANOS.clear();
    }

    static void apiRequest() {
        if (enabled) API_REQUESTS.increment();
    }

    static void invoked(String function, long nanos) {
        if (!enabled) return;
        COUNTS.computeIfAbsent(function, f -> new LongAdder()).increment();
        NANOS.computeIfAbsent(function, f -> new LongAdder()).add(nanos);
    }

    static long apiRequests() { return API_REQUESTS.sum(); }

    static Map<String, Invocations> invocations() {
        Map<String, Invocations> out = new TreeMap<>();
        COUNTS.forEach((f, c) -> out.put(f, new Invocations(c.sum(), NANOS.getOrDefault(f, new LongAdder()).sum() / 1_000_000)));
        return out;
    }
}
