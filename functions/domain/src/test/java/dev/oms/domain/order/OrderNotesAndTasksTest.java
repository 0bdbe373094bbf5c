package dev.oms.domain.order;

import static dev.oms.DomainAssertions.failsWith;
import static dev.oms.domain.order.OrderMother.NOW;
import static dev.oms.domain.order.OrderMother.anOrder;
import static dev.oms.domain.order.OrderMother.eventTypes;
import static dev.oms.domain.order.OrderMother.fresh;
import static dev.oms.domain.order.OrderMother.onlyEvent;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OrderNotesAndTasksTest {
    private static final Instant LATER = NOW.plus(Duration.ofMinutes(5));

    private static OrderNote note(String id, String visibility, String text) {
        return new OrderNote(id, visibility, text, "agent_1", List.of(), "agent_1", NOW, null, null, null);
    }

    private static OrderTask task(String id, Instant due) {
        return new OrderTask(id, "ord_1", "Call", null, "ann", due, "normal", OrderTask.OPEN, null, "agent_1", NOW, null, NOW, null);
    }

    private static OrderTasks.TaskChange status(String status, String note) {
        return new OrderTasks.TaskChange(null, null, null, false, null, false, null, status, note);
    }

    @Test
    void aNoteIsFiledWithItsEventAndCustomersSeeOnlyPublicOnes() {
        Order o = fresh(anOrder().build());
        OrderNotes.add(o, note("note_1", OrderNote.PUBLIC, "Shipped today"), NOW);
        OrderNotes.add(o, note("note_2", OrderNote.INTERNAL, "Angry customer"), NOW);
        assertThat(eventTypes(o)).containsExactly("order.note_added", "order.note_added");
        assertThat(OrderNotes.visible(o, true)).extracting(OrderNote::id).containsExactly("note_1");
        assertThat(OrderNotes.visible(o, false)).extracting(OrderNote::id).containsExactly("note_1", "note_2");
    }

    @Test
    void editsRecordTheTextBeforeAndAfterAndAnIdenticalEditChangesNothing() {
        Order o = fresh(anOrder().build());
        OrderNotes.add(o, note("note_1", OrderNote.INTERNAL, "Draft"), NOW);
        o = fresh(o);
        OrderNote edited = OrderNotes.edit(o, "note_1", "Final", null, "sup_1", LATER);
        assertThat(edited.updatedBy()).isEqualTo("sup_1");
        assertThat(onlyEvent(o).data()).containsEntry("text_before", "Draft").containsEntry("text", "Final").doesNotContainKey("visibility");
        o = fresh(o);
        OrderNotes.edit(o, "note_1", "Final", OrderNote.INTERNAL, "sup_1", LATER);
        assertThat(o.hasChanges()).isFalse();
    }

    @Test
    void aDeletedNoteKeepsNoTextIsNotListedAndCannotBeEditedAgain() {
        Order o = fresh(anOrder().build());
        OrderNotes.add(o, note("note_1", OrderNote.PUBLIC, "Oops"), NOW);
        o = fresh(o);
        OrderNote gone = OrderNotes.delete(o, "note_1", "agent_2", LATER);
        assertThat(gone.text()).isNull();
        assertThat(gone.isDeleted()).isTrue();
        assertThat(onlyEvent(o).data()).containsEntry("text", "Oops");
        assertThat(OrderNotes.visible(o, false)).isEmpty();
        Order after = o;
        failsWith(() -> OrderNotes.edit(after, "note_1", "again", null, "x", LATER), "note.not_found");
        failsWith(() -> OrderNotes.delete(after, "note_1", "x", LATER), "note.not_found");
    }

    @Test
    void notesHaveLimits() {
        Order o = fresh(anOrder().build());
        failsWith(() -> OrderNotes.add(o, note("note_x", "secret", "x"), NOW), "request.invalid");
        for (int i = 0; i < OrderNotes.MAX_NOTES; i++) OrderNotes.add(o, note("note_" + i, OrderNote.INTERNAL, "n"), NOW);
        failsWith(() -> OrderNotes.add(o, note("note_more", OrderNote.INTERNAL, "n"), NOW), "note.too_many");
    }

    @Test
    void aTaskMovesOpenInProgressDoneAndThenStays() {
        Order o = fresh(anOrder().build());
        OrderTasks.create(o, task("task_1", NOW.plus(Duration.ofDays(1))), NOW);
        assertThat(onlyEvent(o).type()).isEqualTo("order.task_created");
        o = fresh(o);
        assertThat(OrderTasks.update(o, "task_1", status(OrderTask.IN_PROGRESS, null), "ann", LATER).status()).isEqualTo("in_progress");
        OrderTask done = OrderTasks.update(o, "task_1", status(OrderTask.DONE, "Called back"), "ann", LATER);
        assertThat(done.completedAt()).isEqualTo(LATER);
        assertThat(done.completionNote()).isEqualTo("Called back");
        @SuppressWarnings("unchecked")
        Map<String, Object> changes = (Map<String, Object>) o.pendingEvents().get(1).data().get("changes");
        assertThat(changes).containsKeys("status", "completion_note");
        Order after = o;
        failsWith(() -> OrderTasks.update(after, "task_1", status(OrderTask.OPEN, null), "ann", LATER), "task.invalid_transition");
        failsWith(() -> OrderTasks.update(after, "task_1", new OrderTasks.TaskChange("New", null, null, false, null, false, null, null, null),
                "ann", LATER), "task.finished");
    }

    @Test
    void taskFieldsChangeAndClearAndBadValuesAreRefused() {
        Order o = fresh(anOrder().build());
        OrderTasks.create(o, task("task_1", NOW), NOW);
        OrderTask t = OrderTasks.update(o, "task_1", new OrderTasks.TaskChange(null, "More", null, true, null, true, "urgent", null, null), "x", LATER);
        assertThat(t.assignee()).isNull();
        assertThat(t.dueAt()).isNull();
        assertThat(t.priority()).isEqualTo("urgent");
        assertThat(t.description()).isEqualTo("More");
        failsWith(() -> OrderTasks.update(o, "task_1", status(OrderTask.CANCELLED, "why"), "x", LATER), "request.invalid");
        failsWith(() -> OrderTasks.update(o, "task_1", new OrderTasks.TaskChange(null, null, null, false, null, false, "asap", null, null),
                "x", LATER), "request.invalid");
        failsWith(() -> OrderTasks.update(o, "task_nope", status(OrderTask.DONE, null), "x", LATER), "task.not_found");
        assertThat(OrderTasks.update(o, "task_1", status(OrderTask.OPEN, null), "x", LATER).status()).isEqualTo(OrderTask.OPEN);
        assertThat(eventTypes(o)).containsExactly("order.task_created", "order.task_updated");
    }
}
