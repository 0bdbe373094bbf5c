package dev.oms.app.shipping;

import dev.oms.app.AuditService;
import dev.oms.app.CommandContext;
import dev.oms.app.FulfillmentService;
import dev.oms.app.connector.CarrierService;
import dev.oms.app.port.AuditFilter;
import dev.oms.app.port.Page;
import dev.oms.app.port.PageRequest;
import dev.oms.app.port.StoredEvent;
import dev.oms.domain.DomainException;
import dev.oms.domain.order.Address;
import dev.oms.domain.order.Order;
import dev.oms.domain.order.Shipment;
import dev.oms.domain.order.ShipmentPickups;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The warehouse's operations on the orders' shipments: carrier pickups and the operations list. Both work on the
 * canonical shipment (a child of its order); the list follows the tenant's {@code shipment.created} events (newest
 * first) and reads each shipment's order, so its filters see the shipment as it is now.
 */
public final class ShipmentOperations {
    /** A pickup window is at most 7 days long and ends in the future. */
    public static final Duration MAX_WINDOW = Duration.ofDays(7);

    private final FulfillmentService fulfillments;
    private final AuditService audit;
    private final CarrierService carrier;
    private final Address pickupAddress;
    private final Clock clock;

    public ShipmentOperations(FulfillmentService fulfillments, AuditService audit, CarrierService carrier, Address pickupAddress, Clock clock) {
        this.fulfillments = fulfillments;
        this.audit = audit;
        this.carrier = carrier;
        this.pickupAddress = pickupAddress;
        this.clock = clock;
    }

    public record Scheduled(Order order, Shipment shipment, CarrierService.Pickup pickup) { }

    /**
     * Books a carrier pickup of the shipment's parcels within {@code [earliest, latest]} (key
     * {@code pickup:<shipment>:<earliest>:<latest>}: the same window books one pickup, a new window another).
     */
    public Scheduled schedulePickup(CommandContext ctx, String shipmentId, Instant earliest, Instant latest, String instructions) {
        if (!earliest.isBefore(latest) || Duration.between(earliest, latest).compareTo(MAX_WINDOW) > 0) {
            throw DomainException.invalidField("latest", "pickup.window_invalid", "latest must be after earliest, at most 7 days later");
        }
        if (!latest.isAfter(clock.instant())) throw DomainException.invalidField("latest", "pickup.window_past", "The pickup window has passed");
        Order current = fulfillments.orderOfShipment(ctx, shipmentId);
        Shipment s = ShipmentPickups.checkCollectable(current, shipmentId);
        CarrierService.Pickup p = carrier.schedulePickup(ctx.tenantId(), new CarrierService.PickupRequest(s.trackingNumbers(), pickupAddress, earliest, latest, instructions),
                "pickup:" + shipmentId + ":" + earliest + ":" + latest);
        return fulfillments.transactions().mutate(ctx, current.id(), true, o -> new Scheduled(o,
                ShipmentPickups.scheduled(o, shipmentId, p.id(), p.carrier(), p.confirmation(), p.earliest(), p.latest()), p));
    }

    public record Listed(Order order, Shipment shipment, String warehouseId) { }

    /**
     * The tenant's shipments, newest first, of a warehouse and/or in a status; a page examines at most
     * {@code page.limit()} shipments, so it may hold fewer than that with more to come.
     */
    public Page<Listed> list(CommandContext ctx, String warehouseId, String status, PageRequest page) {
        Page<StoredEvent> created = audit.search(ctx, new AuditFilter(null, "shipment.created", null, null), page);
        List<Listed> out = new ArrayList<>();
        for (StoredEvent e : created.items()) {
            Object shipmentId = e.data().get("shipment_id");
            if (!(shipmentId instanceof String id) || e.orderId() == null) continue;
            Order o;
            try {
                o = fulfillments.order(ctx, e.orderId());
            } catch (DomainException gone) {
                continue; // a deleted order's shipments leave the list
            }
            var s = o.child(Shipment.class, id);
            if (s.isEmpty()) continue;
            String warehouse = ShipmentFacts.warehouseOf(o, s.get());
            if (warehouseId != null && !warehouseId.equals(warehouse)) continue;
            if (status != null && !status.equals(s.get().statusWire())) continue;
            out.add(new Listed(o, s.get(), warehouse));
        }
        return new Page<>(out, created.nextPosition());
    }
}
