package dev.oms.app.port;

import java.util.List;
import java.util.function.Function;

/** A page of results and where the next one starts (null when there is none). */
public record Page<T>(List<T> items, String nextPosition) {
    public boolean hasMore() { return nextPosition != null; }

    public <R> Page<R> map(Function<T, R> f) { return new Page<>(items.stream().map(f).toList(), nextPosition); }
}
