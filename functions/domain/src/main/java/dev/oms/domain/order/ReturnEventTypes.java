package dev.oms.domain.order;

import java.util.Set;

/** The event types of returns and exchanges; part of {@link OrderEventTypes#ALL}. */
public final class ReturnEventTypes {
    public static final Set<String> ALL = Set.of("return.created", "return.label_issued", "return.received", "return.inspected",
            "return.refunded", "return.credited", "return.exchanged", "return.closed", "return.cancelled", "return.progressed");

    private ReturnEventTypes() { }
}
