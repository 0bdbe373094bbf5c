package dev.oms.platform.ids;

import com.github.f4b6a3.ulid.UlidFactory;
import dev.oms.app.port.IdGenerator;

/** {@code prefix_} + a monotonic ULID: unique, time-ordered, URL-safe. */
public final class UlidIds implements IdGenerator {
    private static final UlidFactory FACTORY = UlidFactory.newMonotonicInstance();

    @Override
    public String next(String prefix) {
        return prefix + "_" + FACTORY.create().toString();
    }
}
