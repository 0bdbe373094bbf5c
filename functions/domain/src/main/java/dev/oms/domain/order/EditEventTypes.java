package dev.oms.domain.order;

import java.util.Set;

/** The event types of order edits by quote and the edit-order saga; part of {@link OrderEventTypes#ALL}. */
public final class EditEventTypes {
    public static final Set<String> ALL = Set.of("order.edited", "order.edit_settlement_requested", "order.edit_progressed",
            "order.edit_completed", "order.edit_failed");

    private EditEventTypes() { }
}
