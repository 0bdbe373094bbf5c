package dev.oms.local.aws;

import dev.oms.platform.template.SamTemplate;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

final class TestSupport {
    private TestSupport() { }

    static SamTemplate template(String resource) {
        try (InputStream in = TestSupport.class.getResourceAsStream("/" + resource)) {
            if (in == null) throw new IllegalStateException("No test resource " + resource);
            return SamTemplate.read(in);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the condition holds, or fails after the timeout. */
    static void eventually(Duration timeout, String what, BooleanSupplier condition) {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) return;
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
        if (!condition.getAsBoolean()) throw new AssertionError("Timed out after " + timeout + " waiting for " + what);
    }

    /** A LambdaInvoker that records every call and runs a behaviour per function. */
    static final class FakeLambda implements LambdaInvoker {
        record Call(String functionId, Object event) { }

        interface Behaviour {
            Object handle(Object event) throws Exception;
        }

        final List<Call> calls = new CopyOnWriteArrayList<>();
        private final Map<String, Behaviour> behaviours = new ConcurrentHashMap<>();

        FakeLambda on(String functionId, Behaviour behaviour) {
            behaviours.put(functionId, behaviour);
            return this;
        }

        @Override
        public Object invoke(String functionLogicalId, Object event) throws Exception {
            calls.add(new Call(functionLogicalId, event));
            Behaviour b = behaviours.get(functionLogicalId);
            return b == null ? null : b.handle(event);
        }

        @SuppressWarnings("unchecked")
        <T> List<T> events(String functionId, Class<T> type) {
            return calls.stream().filter(c -> c.functionId().equals(functionId)).map(c -> (T) type.cast(c.event())).toList();
        }
    }
}
