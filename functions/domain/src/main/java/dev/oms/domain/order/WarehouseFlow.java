package dev.oms.domain.order;

import dev.oms.domain.Actor;
import dev.oms.domain.DomainException;
import dev.oms.domain.warehouse.WarehouseStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The warehouse's steps on an order's fulfilment (seed 003): the same fulfilment as {@link OrderFulfillment}'s, moved
 * through {@link WarehouseStatus} forward only. Each step sets the canonical status it stands for, so the order's
 * {@code fulfillment_status} and {@code shipping_status} follow, and records {@code fulfillment.warehouse_status_changed}
 * (with the order's statuses). Shipping goes through {@link OrderFulfillment#ship} (a shipment is recorded) and
 * cancelling through {@link OrderFulfillment#cancel} (the reservation is released by the use case).
 */
public final class WarehouseFlow {
    private WarehouseFlow() { }

    /** Creates the fulfilment with its warehouse part at {@code created}. */
    public static Fulfillment create(Order o, FulfillmentRequest req, String id, Instant requestedShipDate, String source,
                                     boolean allowPartial, Actor actor, Instant now) {
        Fulfillment f = OrderFulfillment.create(o, req, id, Fulfillment.DIRECT, allowPartial, actor, now);
        if (f.warehouse() != null) return f;
        Fulfillment withWarehouse = f.withWarehouse(new FulfillmentWarehouse(WarehouseStatus.CREATED, null, null, requestedShipDate, source), now);
        o.putChild(withWarehouse);
        return withWarehouse;
    }

    /**
     * Moves the fulfilment to warehouse step {@code to} (forward only; the same step again changes nothing). {@code
     * shipped} and {@code cancelled} have their own operations. {@code details} go into the event's data.
     */
    public static Fulfillment advance(Order o, String id, WarehouseStatus to, Map<String, Object> details, Instant now) {
        if (to == WarehouseStatus.SHIPPED || to == WarehouseStatus.CANCELLED) {
            throw new IllegalArgumentException(to.wire() + " has its own operation");
        }
        Fulfillment f = o.requireChild(Fulfillment.class, id, "fulfillment.not_found");
        WarehouseStatus from = f.warehouseStatus();
        if (from == to) return f;
        if (!from.mayMoveTo(to) || (to == WarehouseStatus.CLOSED && from != WarehouseStatus.SHIPPED)) throw invalidTransition(f, to);
        return apply(o, f, f.warehouseView().withStatus(to), details, now);
    }

    /** Records the allocation (and pick list) the fulfilment is in, moving it to {@code to} when that is a step forward. */
    public static Fulfillment link(Order o, String id, String allocationId, String picklistId, WarehouseStatus to, Map<String, Object> details, Instant now) {
        Fulfillment f = o.requireChild(Fulfillment.class, id, "fulfillment.not_found");
        requireOpen(f);
        FulfillmentWarehouse w = f.warehouseView();
        if (allocationId != null) w = w.withAllocation(allocationId);
        if (picklistId != null) w = w.withPicklist(picklistId);
        WarehouseStatus from = f.warehouseStatus();
        if (to != null && to != from) {
            if (!from.mayMoveTo(to)) throw invalidTransition(f, to);
            w = w.withStatus(to);
        }
        if (w.equals(f.warehouse())) return f;
        return apply(o, f, w, details, now);
    }

    /**
     * Records an allocation of the fulfilment: {@code allocated} when {@code whole}, else {@code awaiting_allocation}
     * (a partial or failed allocation waits for stock), and {@code fulfillment.allocated} with {@code details}.
     */
    public static Fulfillment allocated(Order o, String id, String allocationId, boolean whole, Map<String, Object> details, Instant now) {
        Fulfillment f = o.requireChild(Fulfillment.class, id, "fulfillment.not_found");
        requireOpen(f);
        WarehouseStatus from = f.warehouseStatus();
        WarehouseStatus to = whole ? WarehouseStatus.ALLOCATED : WarehouseStatus.AWAITING_ALLOCATION;
        FulfillmentWarehouse w = f.warehouseView().withAllocation(allocationId);
        if (to != from) {
            if (!from.mayMoveTo(to)) throw invalidTransition(f, to);
            w = w.withStatus(to);
        }
        Fulfillment next = apply(o, f, w, Map.of("allocation_id", allocationId), now);
        Map<String, Object> d = Order.data("fulfillment_id", id, "allocation_id", allocationId, "warehouse_status", next.warehouseStatus().wire());
        d.putAll(details);
        o.record("fulfillment.allocated", OrderFulfillment.withStatuses(o, d));
        return next;
    }

    /** Records that the fulfilment's allocation gave its units back. */
    public static void allocationReleased(Order o, String id, String allocationId, String reason, Instant now) {
        Fulfillment f = o.requireChild(Fulfillment.class, id, "fulfillment.not_found");
        o.touch(now);
        o.record("fulfillment.allocation_released", Order.data("fulfillment_id", id, "allocation_id", allocationId,
                "warehouse_status", f.warehouseStatus().wire()), reason);
    }

    /** Changes the warehouse or the requested ship date while nothing is allocated yet. */
    public static Fulfillment reschedule(Order o, String id, String warehouseId, Instant shipDate, Instant now) {
        Fulfillment f = o.requireChild(Fulfillment.class, id, "fulfillment.not_found");
        requireOpen(f);
        boolean moves = warehouseId != null && !warehouseId.equals(f.warehouseId());
        if (moves && f.warehouseStatus().ordinal() >= WarehouseStatus.ALLOCATED.ordinal()) {
            throw DomainException.conflict("fulfillment.already_allocated", "Fulfilment " + id + " is " + f.warehouseStatus().wire()
                            + ": its stock is allocated in warehouse " + f.warehouseId(),
                    "Release its allocation first, then change the warehouse.").with("current_status", f.warehouseStatus().wire());
        }
        Fulfillment next = moves ? f.movedTo(warehouseId, now) : f;
        FulfillmentWarehouse w = f.warehouseView();
        if (shipDate != null) w = w.withShipDate(shipDate);
        if (!moves && w.equals(f.warehouse())) return f;
        next = next.withWarehouse(w, now);
        o.putChild(next);
        o.touch(now);
        o.record("fulfillment.updated", Order.data("fulfillment_id", id, "fields", moves && shipDate != null ? List.of("warehouse_id", "requested_ship_date")
                        : moves ? List.of("warehouse_id") : List.of("requested_ship_date"), "from", f.status().wire(), "to", next.status().wire()));
        return next;
    }

    /**
     * Ships a fulfilment that is {@code ready_to_ship} in shipment {@code shipmentId} (the shipping routes call this once
     * the carrier answered): the seed 000 shipment is recorded and the fulfilment becomes {@code shipped}.
     */
    public static Shipment ship(Order o, String id, ShipmentRequest req, String shipmentId, Actor actor, Instant now) {
        Fulfillment f = o.requireChild(Fulfillment.class, id, "fulfillment.not_found");
        if (f.warehouseStatus() != WarehouseStatus.READY_TO_SHIP) throw invalidTransition(f, WarehouseStatus.SHIPPED);
        WarehouseStatus from = f.warehouseStatus();
        Shipment s = OrderFulfillment.ship(o, req, shipmentId, actor, now);
        o.record("fulfillment.warehouse_status_changed", OrderFulfillment.withStatuses(o, Order.data("fulfillment_id", id,
                "warehouse_id", f.warehouseId(), "from", from.wire(), "to", WarehouseStatus.SHIPPED.wire(), "status", FulfillmentStatus.SHIPPED.wire(),
                "shipment_id", shipmentId)));
        return s;
    }

    private static Fulfillment apply(Order o, Fulfillment f, FulfillmentWarehouse w, Map<String, Object> details, Instant now) {
        WarehouseStatus from = f.warehouseStatus();
        Fulfillment next = f.withWarehouse(w, now);
        o.putChild(next);
        o.touch(now);
        if (from != w.status()) {
            Map<String, Object> d = Order.data("fulfillment_id", f.id(), "warehouse_id", f.warehouseId(), "from", from.wire(),
                    "to", w.status().wire(), "status", next.status().wire(), "allocation_id", w.allocationId(), "picklist_id", w.picklistId());
            if (details != null) d.putAll(details);
            o.record("fulfillment.warehouse_status_changed", OrderFulfillment.withStatuses(o, d));
        } else {
            // the same step, new references: an order change is written only with an event
            FulfillmentWarehouse before = f.warehouseView();
            List<String> fields = new java.util.ArrayList<>();
            if (!java.util.Objects.equals(before.allocationId(), w.allocationId())) fields.add("allocation_id");
            if (!java.util.Objects.equals(before.picklistId(), w.picklistId())) fields.add("picklist_id");
            if (!java.util.Objects.equals(before.requestedShipDate(), w.requestedShipDate())) fields.add("requested_ship_date");
            o.record("fulfillment.updated", Order.data("fulfillment_id", f.id(), "fields", fields, "from", f.status().wire(), "to", next.status().wire()));
        }
        return next;
    }

    private static void requireOpen(Fulfillment f) {
        if (!f.warehouseStatus().isOpen()) {
            throw DomainException.conflict("fulfillment.closed", "Fulfilment " + f.id() + " is " + f.warehouseStatus().wire() + " and can no longer change",
                    "Only open fulfilments (before shipped) change in the warehouse.").with("current_status", f.warehouseStatus().wire());
        }
    }

    static DomainException invalidTransition(Fulfillment f, WarehouseStatus to) {
        return DomainException.conflict("fulfillment.invalid_transition",
                        "A fulfilment cannot go from " + f.warehouseStatus().wire() + " to " + to.wire() + " in the warehouse",
                        "Warehouse steps go forward: created, awaiting_allocation, allocated, picking, picked, packing, ready_to_ship, shipped, closed.")
                .with("from", f.warehouseStatus().wire()).with("to", to.wire());
    }
}
