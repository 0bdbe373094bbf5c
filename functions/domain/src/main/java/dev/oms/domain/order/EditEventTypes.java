package dev.oms.domain.order;

import java.util.Set;

/** The event types of order edits by quote, the edit-order saga and order replacement; part of {@link OrderEventTypes#ALL}. */
public final class EditEventTypes {
    public static final Set<String> ALL = Set.of("order.edited", "order.edit_settlement_requested", "order.edit_progressed",
            "order.edit_completed", "order.edit_failed", "order.replaced");

    private EditEventTypes() { }
}
