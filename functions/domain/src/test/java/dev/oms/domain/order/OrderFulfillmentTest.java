package dev.oms.domain.order;

import static dev.oms.domain.order.OrderMother.AGENT;
import static dev.oms.domain.order.OrderMother.NOW;
import static dev.oms.domain.order.OrderMother.anOrder;
import static dev.oms.domain.order.OrderMother.eventTypes;
import static dev.oms.domain.order.OrderMother.fresh;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.oms.domain.DomainException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderFulfillmentTest {
    private static FulfillmentRequest req(Object... lineAndQty) {
        List<FulfillmentLine> lines = new java.util.ArrayList<>();
        for (int i = 0; i < lineAndQty.length; i += 2) lines.add(new FulfillmentLine((String) lineAndQty[i], ((Number) lineAndQty[i + 1]).longValue(), null, null));
        return new FulfillmentRequest("wh_1", lines, "dhl", "express", null, null);
    }

    private static Order confirmed() { return anOrder().line("SKU-1", 3, 1000).line("SKU-2", 2, 500).confirmed(); }

    private static ShipmentRequest shipment(String fulfillmentId, String... tracking) {
        return new ShipmentRequest(List.of(fulfillmentId), "dhl", "express", List.of(tracking), null, 1200, null);
    }

    private static TrackingEvent report(String id, String tracking, TrackingStatus status) {
        return new TrackingEvent(id, tracking, status, NOW, "Leeds", null, "carrier", false);
    }

    private static String code(Runnable r) { return assertThrows(DomainException.class, r::run).code(); }

    @Test
    void aFulfilmentAllocatesUnitsAndEmitsCreated() {
        Order o = confirmed();
        Fulfillment f = OrderFulfillment.create(o, req("line_1", 2), "ful_1", Fulfillment.DIRECT, true, AGENT, NOW);

        assertEquals(FulfillmentStatus.PENDING, f.status());
        assertEquals(2, o.units("line_1", UnitMeasure.ALLOCATED));
        assertEquals(0, o.units("line_1", UnitMeasure.SHIPPED));
        assertEquals(1, OrderFulfillment.remaining(o, "line_1"));
        assertEquals(List.of("fulfillment.created"), eventTypes(o));
        assertEquals("unfulfilled", o.state().fulfillmentStatus);
    }

    @Test
    void aLineCanNeverBeFulfilledBeyondWhatIsLeftAcrossFulfilments() {
        Order o = confirmed();
        OrderFulfillment.create(o, req("line_1", 2), "ful_1", Fulfillment.DIRECT, true, AGENT, NOW);
        assertEquals("fulfillment.quantity_exceeds_remaining", code(() -> OrderFulfillment.create(o, req("line_1", 2), "ful_2", "direct", true, AGENT, NOW)));
        // the same line twice in one request counts together
        assertEquals("fulfillment.quantity_exceeds_remaining", code(() -> OrderFulfillment.create(o, req("line_1", 1, "line_1", 1), "ful_2", "direct", true, AGENT, NOW)));
        OrderFulfillment.create(o, req("line_1", 1), "ful_3", Fulfillment.DIRECT, true, AGENT, NOW);
        assertEquals(0, OrderFulfillment.remaining(o, "line_1"));
    }

    @Test
    void cancellingAFulfilmentFreesItsUnitsButNotOnceShipped() {
        Order o = confirmed();
        OrderFulfillment.create(o, req("line_1", 3), "ful_1", Fulfillment.DIRECT, true, AGENT, NOW);
        OrderFulfillment.cancel(o, "ful_1", "wrong warehouse", NOW);
        assertEquals(3, OrderFulfillment.remaining(o, "line_1"));
        OrderFulfillment.create(o, req("line_1", 3), "ful_2", Fulfillment.DIRECT, true, AGENT, NOW);
        OrderFulfillment.ship(o, shipment("ful_2", "T1"), "shp_1", AGENT, NOW);
        assertEquals("fulfillment.already_shipped", code(() -> OrderFulfillment.cancel(o, "ful_2", "late", NOW)));
        // cancelling a cancelled fulfilment changes nothing
        int events = o.pendingEvents().size();
        OrderFulfillment.cancel(o, "ful_1", "again", NOW);
        assertEquals(events, o.pendingEvents().size());
    }

    @Test
    void onlyConfirmedOrdersWithoutHoldOrCancellationAreFulfilled() {
        assertEquals("order.not_fulfillable", code(() -> OrderFulfillment.create(anOrder().line("A", 1, 100).created(), req("line_1", 1), "f", "direct", true, AGENT, NOW)));
        assertEquals("order.blocked.on_hold", code(() -> OrderFulfillment.create(anOrder().line("A", 1, 100).onHoldFrom(OrderStatus.CONFIRMED), req("line_1", 1), "f", "direct", true, AGENT, NOW)));
        assertEquals("order.cancellation_in_progress", code(() -> OrderFulfillment.create(anOrder().line("A", 1, 100).cancelling(), req("line_1", 1), "f", "direct", true, AGENT, NOW)));
        assertEquals("order.not_fulfillable", code(() -> OrderFulfillment.create(anOrder().line("A", 1, 100).completed(), req("line_1", 1), "f", "direct", true, AGENT, NOW)));
    }

    @Test
    void badLinesAreRefused() {
        Order o = confirmed();
        assertEquals("request.invalid", code(() -> OrderFulfillment.create(o, req("line_9", 1), "f", "direct", true, AGENT, NOW)));
        assertEquals("request.invalid", code(() -> OrderFulfillment.create(o, req(), "f", "direct", true, AGENT, NOW)));
        FulfillmentRequest serials = new FulfillmentRequest("wh", List.of(new FulfillmentLine("line_1", 2, "lot", List.of("S1"))), null, null, null, null);
        assertEquals("request.invalid", code(() -> OrderFulfillment.create(o, serials, "f", "direct", true, AGENT, NOW)));
    }

    @Test
    void withoutPartialShipmentsAFulfilmentMustHoldEveryRemainingUnit() {
        Order o = confirmed();
        assertEquals("fulfillment.partial_not_allowed", code(() -> OrderFulfillment.create(o, req("line_1", 3), "f", "direct", false, AGENT, NOW)));
        OrderFulfillment.create(o, req("line_1", 3, "line_2", 2), "ful_1", Fulfillment.DIRECT, false, AGENT, NOW);
    }

    @Test
    void splitShipmentsDriveTheOrderStatuses() {
        Order o = confirmed();
        OrderFulfillment.create(o, req("line_1", 3), "ful_1", Fulfillment.DIRECT, true, AGENT, NOW);
        OrderFulfillment.create(o, req("line_2", 2), "ful_2", Fulfillment.DIRECT, true, AGENT, NOW);
        OrderFulfillment.ship(o, shipment("ful_1", "T1", "T2"), "shp_1", AGENT, NOW);
        assertEquals("partially_fulfilled", o.state().fulfillmentStatus);
        assertEquals("shipped", o.state().shippingStatus);
        assertEquals(NOW, o.state().firstShippedAt);
        assertTrue(eventTypes(o).containsAll(List.of("shipment.created", "order.shipped")));

        Instant later = NOW.plusSeconds(60);
        OrderFulfillment.ship(o, shipment("ful_2", "T3"), "shp_2", AGENT, later);
        assertEquals("fulfilled", o.state().fulfillmentStatus);
        assertEquals(NOW, o.state().firstShippedAt);

        OrderFulfillment.track(o, "shp_1", List.of(report("e1", "T1", TrackingStatus.DELIVERED), report("e2", "T2", TrackingStatus.DELIVERED)), later);
        assertEquals("partially_delivered", o.state().shippingStatus);
        assertEquals(FulfillmentStatus.DELIVERED, o.child(Fulfillment.class, "ful_1").orElseThrow().status());
        OrderFulfillment.track(o, "shp_2", List.of(report("e3", "T3", TrackingStatus.DELIVERED)), later.plusSeconds(5));
        assertEquals("delivered", o.state().shippingStatus);
        assertEquals(later.plusSeconds(5), o.state().lastDeliveredAt);
    }

    @Test
    void trackingNeverMovesBackwardsButKeepsLateReports() {
        Order o = confirmed();
        OrderFulfillment.create(o, req("line_1", 3), "ful_1", Fulfillment.DIRECT, true, AGENT, NOW);
        OrderFulfillment.ship(o, shipment("ful_1", "T1"), "shp_1", AGENT, NOW);
        OrderFulfillment.track(o, "shp_1", List.of(report("e1", "T1", TrackingStatus.OUT_FOR_DELIVERY)), NOW);
        Shipment s = OrderFulfillment.track(o, "shp_1", List.of(report("e2", "T1", TrackingStatus.IN_TRANSIT)), NOW);
        assertEquals(TrackingStatus.OUT_FOR_DELIVERY, s.status());
        assertEquals(2, s.events().size());
        assertTrue(!s.events().get(1).applied());
        assertEquals(FulfillmentStatus.IN_TRANSIT, o.child(Fulfillment.class, "ful_1").orElseThrow().status());

        s = OrderFulfillment.track(o, "shp_1", List.of(report("e3", "T1", TrackingStatus.DELIVERED)), NOW);
        assertEquals(TrackingStatus.DELIVERED, s.status());
        s = OrderFulfillment.track(o, "shp_1", List.of(report("e4", "T1", TrackingStatus.IN_TRANSIT)), NOW);
        assertEquals(TrackingStatus.DELIVERED, s.status());
        assertEquals(4, s.events().size());
        // a report seen before is not kept twice and changes nothing
        int events = o.pendingEvents().size();
        OrderFulfillment.track(o, "shp_1", List.of(report("e4", "T1", TrackingStatus.IN_TRANSIT)), NOW);
        assertEquals(events, o.pendingEvents().size());
    }

    @Test
    void anExceptionKeepsProgressAndTheParcelCarriesOn() {
        Parcel p = Parcel.labelled("T1").after(TrackingStatus.OUT_FOR_DELIVERY).after(TrackingStatus.EXCEPTION);
        assertEquals(TrackingStatus.EXCEPTION, p.status());
        assertEquals(TrackingStatus.OUT_FOR_DELIVERY, p.progress());
        assertEquals(TrackingStatus.EXCEPTION, p.after(TrackingStatus.IN_TRANSIT).status());
        assertEquals(TrackingStatus.OUT_FOR_DELIVERY, p.after(TrackingStatus.OUT_FOR_DELIVERY).status());
        assertEquals(TrackingStatus.DELIVERED, p.after(TrackingStatus.DELIVERED).status());
        assertEquals(TrackingStatus.DELIVERED, p.after(TrackingStatus.DELIVERED).after(TrackingStatus.RETURNED_TO_SENDER).status());
    }

    @Test
    void aShipmentMergesItsParcels() {
        List<Parcel> parcels = List.of(Parcel.labelled("A").after(TrackingStatus.DELIVERED), Parcel.labelled("B").after(TrackingStatus.IN_TRANSIT));
        assertEquals(TrackingStatus.IN_TRANSIT, Shipment.merged(parcels));
        assertEquals(TrackingStatus.EXCEPTION, Shipment.merged(List.of(parcels.get(0), Parcel.labelled("B").after(TrackingStatus.EXCEPTION))));
        assertEquals(TrackingStatus.RETURNED_TO_SENDER, Shipment.merged(List.of(parcels.get(0), Parcel.labelled("B").after(TrackingStatus.RETURNED_TO_SENDER))));

        Order o = confirmed();
        OrderFulfillment.create(o, req("line_1", 3), "ful_1", Fulfillment.DIRECT, true, AGENT, NOW);
        OrderFulfillment.ship(o, shipment("ful_1", "A", "B"), "shp_1", AGENT, NOW);
        Shipment s = OrderFulfillment.track(o, "shp_1", List.of(report("1", "A", TrackingStatus.DELIVERED)), NOW);
        assertEquals(TrackingStatus.LABEL_CREATED, s.status());
        assertEquals(FulfillmentStatus.SHIPPED, o.child(Fulfillment.class, "ful_1").orElseThrow().status());
        s = OrderFulfillment.track(o, "shp_1", List.of(report("2", "B", TrackingStatus.DELIVERED)), NOW);
        assertEquals(TrackingStatus.DELIVERED, s.status());
        assertNotNull(s.deliveredAt());
        assertTrue(eventTypes(o).containsAll(List.of("shipment.delivered", "fulfillment.delivered")));
        assertEquals("shipment.parcel_not_found", code(() -> OrderFulfillment.track(o, "shp_1", List.of(report("3", "Z", TrackingStatus.IN_TRANSIT)), NOW)));
    }

    @Test
    void shippingChecksEachFulfilment() {
        Order o = confirmed();
        OrderFulfillment.create(o, req("line_1", 1), "ful_1", Fulfillment.DIRECT, true, AGENT, NOW);
        OrderFulfillment.create(o, req("line_1", 1), "ful_2", Fulfillment.DIRECT, true, AGENT, NOW);
        OrderFulfillment.cancel(o, "ful_2", "x", NOW);
        assertEquals("fulfillment.cancelled", code(() -> OrderFulfillment.ship(o, shipment("ful_2", "T"), "s", AGENT, NOW)));
        assertEquals("fulfillment.not_found", code(() -> OrderFulfillment.ship(o, shipment("ful_9", "T"), "s", AGENT, NOW)));
        assertEquals("request.invalid", code(() -> OrderFulfillment.ship(o, shipment("ful_1", "T", "T"), "s", AGENT, NOW)));
        OrderFulfillment.ship(o, shipment("ful_1", "T"), "shp_1", AGENT, NOW);
        assertEquals("fulfillment.already_shipped", code(() -> OrderFulfillment.ship(o, shipment("ful_1", "U"), "s", AGENT, NOW)));
    }

    @Test
    void patchMovesForwardThroughWarehouseSteps() {
        Order o = confirmed();
        OrderFulfillment.create(o, req("line_1", 1), "ful_1", Fulfillment.DIRECT, true, AGENT, NOW);
        assertEquals(FulfillmentStatus.PICKING, OrderFulfillment.update(o, "ful_1", FulfillmentStatus.PICKING, null, null, NOW).status());
        assertEquals(FulfillmentStatus.PACKED, OrderFulfillment.update(o, "ful_1", FulfillmentStatus.PACKED, NOW.plusSeconds(86400), null, NOW).status());
        assertEquals("fulfillment.invalid_transition", code(() -> OrderFulfillment.update(o, "ful_1", FulfillmentStatus.PICKING, null, null, NOW)));
        assertEquals("fulfillment.invalid_transition", code(() -> OrderFulfillment.update(o, "ful_1", FulfillmentStatus.DELIVERED, null, null, NOW)));
        OrderFulfillment.cancel(o, "ful_1", "x", NOW);
        assertEquals("fulfillment.closed", code(() -> OrderFulfillment.update(o, "ful_1", null, NOW, null, NOW)));
    }

    @Test
    void receiptConfirmationDeliversTheFulfilmentAndItsShipment() {
        Order o = confirmed();
        OrderFulfillment.create(o, req("line_1", 3, "line_2", 2), "ful_1", Fulfillment.DIRECT, true, AGENT, NOW);
        assertEquals("fulfillment.not_shipped", code(() -> OrderFulfillment.confirmReceipt(o, "ful_1", "buyer", null, NOW)));
        OrderFulfillment.ship(o, shipment("ful_1", "T"), "shp_1", AGENT, NOW);
        OrderFulfillment.confirmReceipt(o, "ful_1", "buyer", "all good", NOW);
        assertEquals(TrackingStatus.DELIVERED, o.child(Shipment.class, "shp_1").orElseThrow().status());
        assertEquals("delivered", o.state().shippingStatus);
        assertEquals("fulfilled", o.state().fulfillmentStatus);
        int events = o.pendingEvents().size();
        OrderFulfillment.confirmReceipt(o, "ful_1", "buyer", null, NOW);
        assertEquals(events, o.pendingEvents().size());
    }

    @Test
    void cancellingTheOrderRefusesShippedUnits() {
        Order o = confirmed();
        OrderFulfillment.create(o, req("line_1", 2), "ful_1", Fulfillment.DIRECT, true, AGENT, NOW);
        OrderFulfillment.ship(o, shipment("ful_1", "T"), "shp_1", AGENT, NOW);
        Order stored = fresh(o);
        assertEquals("order.blocked.already_shipped", code(() -> stored.requestCancellation("can_1", "r", true, false, AGENT, NOW)));
        assertEquals("order.blocked.already_shipped", code(() -> stored.requestPartialCancellation("can_1",
                List.of(new Cancellation.LineQuantity("line_1", 2)), "r", true, false, AGENT, NOW)));
        stored.requestPartialCancellation("can_1", List.of(new Cancellation.LineQuantity("line_1", 1)), "r", true, false, AGENT, NOW);
    }

    @Test
    void aPartialCancellationCancelsTheNewestOpenFulfilmentsItNeeds() {
        Order o = anOrder().line("SKU-1", 5, 1000).line("SKU-2", 2, 500).confirmed();
        OrderFulfillment.create(o, req("line_1", 2), "ful_1", Fulfillment.DIRECT, true, AGENT, NOW);
        OrderFulfillment.create(o, req("line_1", 2, "line_2", 1), "ful_2", Fulfillment.DIRECT, true, AGENT, NOW);
        Order stored = fresh(o);
        Cancellation one = stored.requestPartialCancellation("can_1", List.of(new Cancellation.LineQuantity("line_1", 1)), "r", true, false, AGENT, NOW);
        assertEquals(List.of(), OrderFulfillment.toCancelFor(stored, one));
        Order stored2 = anOrder().line("SKU-1", 5, 1000).line("SKU-2", 2, 500).confirmed();
        OrderFulfillment.create(stored2, req("line_1", 2), "ful_1", Fulfillment.DIRECT, true, AGENT, NOW);
        OrderFulfillment.create(stored2, req("line_1", 2, "line_2", 1), "ful_2", Fulfillment.DIRECT, true, AGENT, NOW);
        Cancellation three = stored2.requestPartialCancellation("can_2", List.of(new Cancellation.LineQuantity("line_1", 3)), "r", true, false, AGENT, NOW);
        assertEquals(List.of("ful_2"), OrderFulfillment.toCancelFor(stored2, three).stream().map(Fulfillment::id).toList());
        assertEquals(java.util.Map.of("SKU-1", 2L, "SKU-2", 1L), OrderFulfillment.unitsBySku(stored2, OrderFulfillment.toCancelFor(stored2, three)));
    }

    @Test
    void cancellingTheUnitsNotShippedLeavesTheOrderFulfilled() {
        Order o = anOrder().line("SKU-1", 2, 1000).confirmed();
        OrderFulfillment.create(o, req("line_1", 1), "ful_1", Fulfillment.DIRECT, true, AGENT, NOW);
        OrderFulfillment.ship(o, shipment("ful_1", "T"), "shp_1", AGENT, NOW);
        assertEquals("partially_fulfilled", o.state().fulfillmentStatus);
        Order stored = fresh(o);
        stored.requestPartialCancellation("can_1", List.of(new Cancellation.LineQuantity("line_1", 1)), "r", true, false, AGENT, NOW);
        stored.completeCancellation("can_1", NOW);
        assertEquals("fulfilled", stored.state().fulfillmentStatus);
    }

    @Test
    void aRenderedLabelIsAttachedOnce() {
        Order o = confirmed();
        OrderFulfillment.create(o, req("line_1", 1), "ful_1", Fulfillment.DIRECT, true, AGENT, NOW);
        OrderFulfillment.ship(o, shipment("ful_1", "T"), "shp_1", AGENT, NOW);
        OrderDocument pdf = new OrderDocument("doc_1", "label", "label.pdf", "application/pdf", 10L, "k1", OrderDocument.AVAILABLE, "shp_1", "labels", NOW);
        OrderDocument zpl = new OrderDocument("doc_2", "label", "label.zpl", "application/zpl", 5L, "k2", OrderDocument.AVAILABLE, "shp_1", "labels", NOW);
        Shipment s = OrderFulfillment.attachLabel(o, "shp_1", pdf, zpl, null, NOW);
        assertEquals(Shipment.LABEL_READY, s.labelStatus());
        assertEquals(2, o.children(OrderDocument.class).size());
        int events = o.pendingEvents().size();
        OrderFulfillment.attachLabel(o, "shp_1", pdf, zpl, null, NOW);
        assertEquals(events, o.pendingEvents().size());
    }
}
