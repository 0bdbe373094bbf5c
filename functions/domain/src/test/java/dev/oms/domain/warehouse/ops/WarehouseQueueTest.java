package dev.oms.domain.warehouse.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oms.domain.DomainException;
import org.junit.jupiter.api.Test;

class WarehouseQueueTest {
    @Test
    void aQueueIsItsAssigneeAndBack() {
        assertThat(new WarehouseQueue("pick", "A-1").assignee()).isEqualTo("wh:pick@A-1");
        assertThat(new WarehouseQueue("qc", null).assignee()).isEqualTo("wh:qc");
        assertThat(WarehouseQueue.of("wh:pick@A-1")).contains(new WarehouseQueue("pick", "A-1"));
        assertThat(WarehouseQueue.of("wh:qc")).contains(new WarehouseQueue("qc", null));
    }

    @Test
    void otherAssigneesAreNoWarehouseQueue() {
        assertThat(WarehouseQueue.of(null)).isEmpty();
        assertThat(WarehouseQueue.of("team:support")).isEmpty();
        assertThat(WarehouseQueue.of("wh:dance")).isEmpty();
        assertThat(WarehouseQueue.of("wh:pick@a b")).isEmpty();
        assertThat(WarehouseQueue.of("agent-7")).isEmpty();
    }

    @Test
    void badTypesAndZonesAreNamed() {
        assertThatThrownBy(() -> new WarehouseQueue("dance", null)).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.fieldErrors().get(0).field()).isEqualTo("type"));
        assertThatThrownBy(() -> new WarehouseQueue("pick", "a b")).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.fieldErrors().get(0).field()).isEqualTo("zone"));
    }
}
