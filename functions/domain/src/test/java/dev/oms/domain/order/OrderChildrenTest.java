package dev.oms.domain.order;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.oms.domain.DomainException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OrderChildrenTest {
    /** A child that ships units of lines, as a fulfilment would. */
    record Parcel(String id, Map<String, Long> shipped) implements LineUnits {
        public String kind() { return "parcel"; }
        public long units(String lineId, UnitMeasure m) { return m == UnitMeasure.SHIPPED ? shipped.getOrDefault(lineId, 0L) : 0; }
    }

    record Note(String id, String text) implements OrderChild {
        public String kind() { return "note"; }
    }

    @Test
    void aNewChildIsChangedAndNewAndCountsItsUnits() {
        Order order = OrderMother.anOrder().build();
        order.putChild(new Parcel("p1", Map.of("line_a", 2L)));
        order.putChild(new Note("n1", "hello"));

        assertEquals(List.of("p1", "n1"), order.changedChildren().stream().map(OrderChild::id).toList());
        assertTrue(order.isNewChild(order.child(Parcel.class, "p1").orElseThrow()));
        assertEquals(2, order.units("line_a", UnitMeasure.SHIPPED));
        assertEquals(0, order.units("line_a", UnitMeasure.DELIVERED));
        assertEquals(List.of("n1"), order.children(Note.class).stream().map(Note::id).toList());
    }

    @Test
    void replacingAStoredChildKeepsItsPlaceAndIsNotNew() {
        Order stored = OrderMother.anOrder().build();
        stored.state().children.add(new Parcel("p1", Map.of("line_a", 1L)));
        stored.state().children.add(new Note("n1", "first"));
        Order order = OrderMother.fresh(stored);

        order.putChild(new Parcel("p1", Map.of("line_a", 3L)));

        assertEquals(List.of("p1"), order.changedChildren().stream().map(OrderChild::id).toList());
        assertFalse(order.isNewChild(order.child(Parcel.class, "p1").orElseThrow()));
        assertEquals(3, order.units("line_a", UnitMeasure.SHIPPED));
        assertEquals("p1", order.state().children.get(0).id());
    }

    @Test
    void aMissingChildIsANotFoundNamingIt() {
        Order order = OrderMother.anOrder().build();
        DomainException e = assertThrows(DomainException.class, () -> order.requireChild(Note.class, "n9", "note.not_found"));
        assertEquals("note.not_found", e.code());
        assertTrue(e.getMessage().contains("n9"));
    }
}
