package dev.oms.domain.order;

import java.util.Set;

/** The event types of returns and exchanges; part of {@link OrderEventTypes#ALL}. */
public final class ReturnEventTypes {
    public static final Set<String> ALL = Set.of();

    private ReturnEventTypes() { }
}
