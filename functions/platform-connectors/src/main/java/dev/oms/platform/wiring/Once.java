package dev.oms.platform.wiring;

import java.util.function.Supplier;

/** A part of a composition root built on first use, once, safely across threads (routes that never use it never build it). */
public final class Once<T> implements Supplier<T> {
    private final Supplier<T> factory;
    private volatile T value;

    private Once(Supplier<T> factory) { this.factory = factory; }

    public static <T> Once<T> of(Supplier<T> factory) { return new Once<>(factory); }

    @Override
    public T get() {
        T v = value;
        if (v == null) {
            synchronized (this) {
                if (value == null) value = factory.get();
                v = value;
            }
        }
        return v;
    }
}
