package dev.oms.domain.order;

import static dev.oms.domain.order.OrderMother.AGENT;
import static dev.oms.domain.order.OrderMother.NOW;
import static dev.oms.domain.order.OrderMother.anOrder;
import static dev.oms.domain.order.OrderMother.eventTypes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.oms.domain.DomainException;
import dev.oms.domain.warehouse.WarehouseStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One record, two views: the warehouse's steps move the same fulfilment the OMS routes show. */
class WarehouseFlowTest {
    private static FulfillmentRequest req() {
        return new FulfillmentRequest("wh_1", List.of(new FulfillmentLine("line_1", 2, null, null)), "dhl", "express", null, null);
    }

    private static Order withFulfilment() {
        Order o = anOrder().line("SKU-1", 3, 1000).confirmed();
        WarehouseFlow.create(o, req(), "ful_1", NOW, "order_service", true, AGENT, NOW);
        return o;
    }

    private static Fulfillment ful(Order o) { return o.requireChild(Fulfillment.class, "ful_1", "fulfillment.not_found"); }

    private static String code(Runnable r) { return assertThrows(DomainException.class, r::run).code(); }

    @Test
    void warehouseStepsMoveTheCanonicalStatusAndTheOrderFollows() {
        Order o = withFulfilment();
        assertEquals(WarehouseStatus.CREATED, ful(o).warehouseStatus());
        assertEquals(FulfillmentStatus.PENDING, ful(o).status());
        WarehouseFlow.link(o, "ful_1", "alc_1", null, WarehouseStatus.ALLOCATED, Map.of(), NOW);
        assertEquals("alc_1", ful(o).warehouse().allocationId());
        WarehouseFlow.advance(o, "ful_1", WarehouseStatus.PICKING, Map.of(), NOW);
        assertEquals(FulfillmentStatus.PICKING, ful(o).status());
        WarehouseFlow.advance(o, "ful_1", WarehouseStatus.PICKED, Map.of(), NOW);
        WarehouseFlow.advance(o, "ful_1", WarehouseStatus.PACKING, Map.of(), NOW);
        assertEquals(FulfillmentStatus.PACKED, ful(o).status());
        WarehouseFlow.advance(o, "ful_1", WarehouseStatus.READY_TO_SHIP, Map.of(), NOW);
        Shipment s = WarehouseFlow.ship(o, "ful_1", new ShipmentRequest(List.of("ful_1"), "dhl", "express", List.of("TRK1"), null, 1000, null),
                "shp_1", AGENT, NOW);
        assertEquals("shp_1", s.id());
        assertEquals(WarehouseStatus.SHIPPED, ful(o).warehouseStatus());
        assertEquals(FulfillmentStatus.SHIPPED, ful(o).status());
        assertEquals("partially_fulfilled", o.state().fulfillmentStatus);
        assertEquals("shipped", o.state().shippingStatus);
        WarehouseFlow.advance(o, "ful_1", WarehouseStatus.CLOSED, Map.of(), NOW);
        assertEquals(FulfillmentStatus.SHIPPED, ful(o).status());
        assertTrue(eventTypes(o).contains("fulfillment.warehouse_status_changed"));
    }

    @Test
    void stepsNeverGoBackAndShippingNeedsReadyToShip() {
        Order o = withFulfilment();
        WarehouseFlow.advance(o, "ful_1", WarehouseStatus.PICKING, Map.of(), NOW);
        assertEquals("fulfillment.invalid_transition", code(() -> WarehouseFlow.advance(o, "ful_1", WarehouseStatus.ALLOCATED, Map.of(), NOW)));
        assertEquals("fulfillment.invalid_transition", code(() -> WarehouseFlow.advance(o, "ful_1", WarehouseStatus.CLOSED, Map.of(), NOW)));
        assertEquals("fulfillment.invalid_transition", code(() -> WarehouseFlow.ship(o, "ful_1",
                new ShipmentRequest(List.of("ful_1"), "dhl", "express", List.of("TRK1"), null, 1000, null), "shp_1", AGENT, NOW)));
        // the same step again changes nothing
        int events = eventTypes(o).size();
        WarehouseFlow.advance(o, "ful_1", WarehouseStatus.PICKING, Map.of(), NOW);
        assertEquals(events, eventTypes(o).size());
    }

    @Test
    void theOmsRoutesMoveTheWarehouseViewToo() {
        Order o = withFulfilment();
        WarehouseFlow.advance(o, "ful_1", WarehouseStatus.PICKED, Map.of(), NOW);
        // a PATCH to picking of a picked fulfilment keeps the finer step; packed is ready_to_ship; cancel cancels
        OrderFulfillment.update(o, "ful_1", FulfillmentStatus.PACKED, null, null, NOW);
        assertEquals(WarehouseStatus.READY_TO_SHIP, ful(o).warehouseStatus());
        OrderFulfillment.cancel(o, "ful_1", "customer", NOW);
        assertEquals(WarehouseStatus.CANCELLED, ful(o).warehouseStatus());
        assertEquals("fulfillment.closed", code(() -> WarehouseFlow.link(o, "ful_1", "alc_2", null, null, Map.of(), NOW)));
    }

    @Test
    void aFulfilmentCreatedByTheOmsRoutesHasADerivedWarehouseStatus() {
        Order o = anOrder().line("SKU-1", 3, 1000).confirmed();
        Fulfillment f = OrderFulfillment.create(o, req(), "ful_9", Fulfillment.DIRECT, true, AGENT, NOW);
        assertEquals(WarehouseStatus.CREATED, f.warehouseStatus());
        OrderFulfillment.update(o, "ful_9", FulfillmentStatus.PICKING, null, null, NOW);
        assertEquals(WarehouseStatus.PICKING, o.requireChild(Fulfillment.class, "ful_9", "x").warehouseStatus());
    }

    @Test
    void theWarehouseChangesOnlyBeforeAllocation() {
        Order o = withFulfilment();
        WarehouseFlow.reschedule(o, "ful_1", "wh_2", null, NOW);
        assertEquals("wh_2", ful(o).warehouseId());
        WarehouseFlow.advance(o, "ful_1", WarehouseStatus.ALLOCATED, Map.of(), NOW);
        assertEquals("fulfillment.already_allocated", code(() -> WarehouseFlow.reschedule(o, "ful_1", "wh_3", null, NOW)));
    }
    @Test
    void linkingAPickListOnTheSameStepIsAChangeWithAnEvent() {
        Order o = withFulfilment();
        WarehouseFlow.allocated(o, "ful_1", "alc_1", true, Map.of(), NOW);
        int events = eventTypes(o).size();
        WarehouseFlow.link(o, "ful_1", null, "pkl_1", null, Map.of(), NOW);
        assertEquals("pkl_1", ful(o).warehouse().picklistId());
        assertEquals(WarehouseStatus.ALLOCATED, ful(o).warehouseStatus());
        assertEquals("fulfillment.updated", eventTypes(o).get(events));
        assertTrue(o.hasChanges());
    }
}
