package dev.oms.domain.order;

import java.util.Set;

/** The event types of order notes and tasks (seed 000 section 13) and support cases (issue 13); part of {@link OrderEventTypes#ALL}. */
public final class CaseEventTypes {
    public static final Set<String> ALL = Set.of("order.note_added", "order.note_updated", "order.note_deleted",
            "order.task_created", "order.task_updated", "order.case_opened", "order.case_resolved");

    private CaseEventTypes() { }
}
