package dev.oms.domain.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oms.domain.order.FulfillmentStatus;
import org.junit.jupiter.api.Test;

class WarehouseStatusTest {
    @Test
    void everyStepHasACanonicalStatusAndTheCanonicalViewMapsBackConsistently() {
        for (WarehouseStatus s : WarehouseStatus.values()) assertThat(s.canonical()).isNotNull();
        for (FulfillmentStatus f : FulfillmentStatus.values()) {
            FulfillmentStatus back = WarehouseStatus.of(f).canonical();
            assertThat(f.isShipped() ? back.isShipped() : back == f).as(f.wire()).isTrue();
        }
        assertThat(WarehouseStatus.OPEN).allSatisfy(s -> assertThat(s.canonical().isOpen()).isTrue());
    }

    @Test
    void stepsMoveForwardOnlyAndOnlyOpenStepsCancel() {
        assertThat(WarehouseStatus.ALLOCATED.mayMoveTo(WarehouseStatus.PACKING)).isTrue();
        assertThat(WarehouseStatus.PICKED.mayMoveTo(WarehouseStatus.PICKING)).isFalse();
        assertThat(WarehouseStatus.READY_TO_SHIP.mayMoveTo(WarehouseStatus.CANCELLED)).isTrue();
        assertThat(WarehouseStatus.SHIPPED.mayMoveTo(WarehouseStatus.CANCELLED)).isFalse();
        assertThat(WarehouseStatus.CLOSED.mayMoveTo(WarehouseStatus.CANCELLED)).isFalse();
        assertThat(WarehouseStatus.fromWire("ready_to_ship")).isEqualTo(WarehouseStatus.READY_TO_SHIP);
    }
}
