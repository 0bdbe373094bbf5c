package dev.oms.jobs;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Works through a chunk on a few threads. Items with the same key go to the same lane and keep their order, so two
 * rows for one external reference never race; results come back in the chunk's order.
 */
final class Lanes {
    private final ExecutorService pool;
    private final int lanes;

    Lanes(ExecutorService pool, int lanes) {
        this.pool = pool;
        this.lanes = Math.max(1, lanes);
    }

    <T, R> List<R> map(List<T> items, Function<T, String> key, Function<T, R> work) {
        if (lanes == 1 || items.size() < 2) return items.stream().map(work).toList();
        List<List<Integer>> byLane = new ArrayList<>();
        for (int i = 0; i < lanes; i++) byLane.add(new ArrayList<>());
        for (int i = 0; i < items.size(); i++) byLane.get(Math.floorMod(key.apply(items.get(i)).hashCode(), lanes)).add(i);
        Object[] results = new Object[items.size()];
        List<Future<?>> running = new ArrayList<>();
        for (List<Integer> lane : byLane) {
            if (lane.isEmpty()) continue;
            running.add(pool.submit(() -> { for (int i : lane) results[i] = work.apply(items.get(i)); }));
        }
        RuntimeException failure = null;
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (ExecutionException e) {
                if (failure == null) failure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        if (failure != null) throw failure;
        @SuppressWarnings("unchecked")
        List<R> out = (List<R>) (List<?>) java.util.Arrays.asList(results);
        return out;
    }
}
