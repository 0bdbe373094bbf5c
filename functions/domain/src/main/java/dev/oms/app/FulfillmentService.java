package dev.oms.app;

import dev.oms.app.connector.CarrierService;
import dev.oms.app.connector.InventoryService;
import dev.oms.app.connector.InventoryService.SkuQuantity;
import dev.oms.app.port.IdGenerator;
import dev.oms.app.port.SagaCallbacks;
import dev.oms.app.port.TenantSettingsStore;
import dev.oms.domain.DomainException;
import dev.oms.domain.order.Fulfillment;
import dev.oms.domain.order.FulfillmentRequest;
import dev.oms.domain.order.FulfillmentStatus;
import dev.oms.domain.order.Order;
import dev.oms.domain.order.OrderDocument;
import dev.oms.domain.order.OrderFulfillment;
import dev.oms.domain.order.Shipment;
import dev.oms.domain.order.ShipmentRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Fulfilments and shipments: creating a fulfilment reserves its units with the inventory service and allocates them;
 * shipping books parcels with the carrier when the request has no tracking numbers of its own, records the shipment,
 * and wakes a fulfill-order saga that waits for it; cancelling an unshipped fulfilment releases its reservation.
 * Connector calls carry keys derived from the fulfilment, so a retried request reserves, books and releases once.
 */
public final class FulfillmentService {
    private final OrderTransactions tx;
    private final TenantSettingsStore settings;
    private final InventoryService inventory;
    private final CarrierService carrier;
    private final SagaCallbacks callbacks;
    private final IdGenerator ids;
    private final Clock clock;

    public FulfillmentService(OrderTransactions tx, TenantSettingsStore settings, InventoryService inventory, CarrierService carrier,
                              SagaCallbacks callbacks, IdGenerator ids, Clock clock) {
        this.tx = tx;
        this.settings = settings;
        this.inventory = inventory;
        this.carrier = carrier;
        this.callbacks = callbacks;
        this.ids = ids;
        this.clock = clock;
    }

    public record Created(Order order, Fulfillment fulfillment) { }

    public record Requested(Order order, String fulfillmentId) { }

    public record Shipped(Order order, Shipment shipment) { }

    public OrderTransactions transactions() { return tx; }

    // ---- create ---------------------------------------------------------------------------------------------------

    /**
     * Creates a fulfilment now: the rules are checked, the units reserved (409 {@code order.blocked.inventory_unavailable}
     * when stock is short), then allocated in the order's transaction; a write that fails gives the reservation back.
     */
    public Created create(CommandContext ctx, String orderId, FulfillmentRequest req) { return create(ctx, orderId, req, ids.next("ful")); }

    /**
     * Creates the fulfilment with an id the caller chose (a bulk job's row): a fulfilment with that id already there is
     * answered as it is, and its reservation (same key) is not made twice.
     */
    public Created create(CommandContext ctx, String orderId, FulfillmentRequest given, String id) {
        return create(ctx, orderId, given, id, (o, req, partial, now) ->
                OrderFulfillment.create(o, req, id, Fulfillment.DIRECT, partial, ctx.caller().actor(), now));
    }

    /** How a checked and reserved fulfilment is written on the order (the warehouse routes add their part). */
    public interface Creation {
        Fulfillment create(Order o, FulfillmentRequest req, boolean allowPartial, Instant now);
    }

    /** {@link #create(CommandContext, String, FulfillmentRequest, String)} writing the fulfilment with {@code creation}. */
    public Created create(CommandContext ctx, String orderId, FulfillmentRequest given, String id, Creation creation) {
        java.util.Optional<Fulfillment> done = tx.get(ctx, orderId).child(Fulfillment.class, id);
        if (done.isPresent()) return new Created(tx.get(ctx, orderId), done.get());
        FulfillmentRequest req = withWarehouse(ctx.tenantId(), given);
        boolean partial = settings.get(ctx.tenantId()).allowPartialShipments();
        Order current = tx.get(ctx, orderId);
        Map<String, Long> wanted = OrderFulfillment.check(current, req, partial);
        List<SkuQuantity> skus = skus(current, wanted);
        reserve(ctx.tenantId(), orderId, id, skus);
        try {
            return tx.mutate(ctx, orderId, true, o -> new Created(o, creation.create(o, req, partial, clock.instant())));
        } catch (RuntimeException e) {
            release(ctx.tenantId(), orderId, skus, id);
            throw e;
        }
    }

    /** Asks the fulfill-order saga to create the fulfilment ({@code fulfillment.requested}); answers the id it will have. */
    public Requested request(CommandContext ctx, String orderId, FulfillmentRequest given, long shipWithinSeconds) {
        FulfillmentRequest req = withWarehouse(ctx.tenantId(), given);
        String id = ids.next("ful");
        boolean partial = settings.get(ctx.tenantId()).allowPartialShipments();
        return tx.mutate(ctx, orderId, true, o -> {
            OrderFulfillment.request(o, req, id, partial, shipWithinSeconds, clock.instant());
            return new Requested(o, id);
        });
    }

    /**
     * The request as given when it names a warehouse; otherwise sent to the tenant's {@code default_warehouse}, and
     * 400 {@code fulfillment.warehouse_required} when the tenant has none.
     */
    FulfillmentRequest withWarehouse(String tenantId, FulfillmentRequest req) {
        if (req.warehouseId() != null) return req;
        String fallback = settings.get(tenantId).defaultWarehouse();
        if (fallback == null) {
            throw DomainException.invalidField("warehouse_id", "fulfillment.warehouse_required",
                    "warehouse_id is required: the tenant has no default_warehouse setting");
        }
        return req.withWarehouse(fallback);
    }

    /** Reserves a fulfilment's units; stock that is short is refused (not retried). */
    void reserve(String tenantId, String orderId, String fulfillmentId, List<SkuQuantity> skus) {
        List<String> missing = inventory.unavailable(tenantId, skus);
        if (!missing.isEmpty()) {
            throw DomainException.conflict("order.blocked.inventory_unavailable", "Not enough stock for " + missing,
                    "Wait for stock or fulfil fewer units.").with("skus", missing);
        }
        inventory.reserve(tenantId, orderId, skus, fulfillmentId + ":reserve");
    }

    // ---- read ------------------------------------------------------------------------------------------------------

    public Order order(CommandContext ctx, String orderId) { return tx.get(ctx, orderId); }

    /** The order that owns a shipment named alone, checked like the order itself (another customer's: 404). */
    public Order orderOfShipment(CommandContext ctx, String shipmentId) {
        Order o = tx.get(ctx, tx.orderIdOfChild(ctx, shipmentId, "shipment.not_found"));
        o.requireChild(Shipment.class, shipmentId, "shipment.not_found");
        return o;
    }

    // ---- change ----------------------------------------------------------------------------------------------------

    public Created update(CommandContext ctx, String orderId, String fulfillmentId, FulfillmentStatus to, Instant estimate, List<String> tracking) {
        return tx.mutate(ctx, orderId, true, o -> new Created(o, OrderFulfillment.update(o, fulfillmentId, to, estimate, tracking, clock.instant())));
    }

    /**
     * Cancels an unshipped fulfilment. Its reservation is released first (under the fulfilment's key, so a retry after
     * a failed write releases once); a fulfilment that shipped in the meantime gets its reservation back.
     */
    public Created cancel(CommandContext ctx, String orderId, String fulfillmentId, String reason) {
        Order current = tx.get(ctx, orderId);
        Fulfillment before = current.requireChild(Fulfillment.class, fulfillmentId, "fulfillment.not_found");
        boolean releasing = before.status().isOpen();
        if (releasing) {
            if (ctx.expectedVersion() != null && ctx.expectedVersion() != current.version()) releasing = false;
            current.assertNotLockedAgainst(ctx.caller().subject(), clock.instant());
        }
        if (releasing) {
            OrderFulfillment.cancel(current, fulfillmentId, reason, clock.instant());
            release(ctx.tenantId(), current, before);
        }
        Created c;
        try {
            c = tx.mutate(ctx, orderId, true, o -> new Created(o, OrderFulfillment.cancel(o, fulfillmentId, reason, clock.instant())));
        } catch (RuntimeException e) {
            if (releasing) inventory.reserve(ctx.tenantId(), orderId, bySku(OrderFulfillment.unitsBySku(current, List.of(before))), fulfillmentId + ":restore");
            throw e;
        }
        finishWaitingSaga(c.fulfillment(), false);
        return c;
    }

    void release(String tenantId, Order o, Fulfillment f) {
        release(tenantId, o.id(), bySku(OrderFulfillment.unitsBySku(o, List.of(f))), f.id());
    }

    /** Gives back a fulfilment's reservation, under a key of its own: however often asked, once. */
    void release(String tenantId, String orderId, List<SkuQuantity> skus, String fulfillmentId) {
        inventory.release(tenantId, orderId, skus, fulfillmentId + ":release");
    }

    public Created confirmReceipt(CommandContext ctx, String orderId, String fulfillmentId, String receivedBy, String note) {
        return tx.mutate(ctx, orderId, false, o -> new Created(o,
                OrderFulfillment.confirmReceipt(o, fulfillmentId, receivedBy, note, clock.instant())));
    }

    // ---- ship ------------------------------------------------------------------------------------------------------

    /**
     * Ships fulfilments in one new shipment. Without tracking numbers, the carrier books one parcel per weight given (or
     * one) under a key made of the fulfilment ids, so a retry gets the same numbers. A saga waiting for any of the
     * fulfilments is told once the shipment is written.
     */
    public Shipped ship(CommandContext ctx, String orderId, ShipmentRequest req, List<Integer> parcelWeights) {
        Order current = tx.get(ctx, orderId);
        OrderFulfillment.checkShippable(current, req.fulfillmentIds());
        String shipmentId = ids.next("shp");
        Fulfillment first = current.requireChild(Fulfillment.class, req.fulfillmentIds().get(0), "fulfillment.not_found");
        String hint = req.carrier() != null ? req.carrier() : first.carrierHint();
        String service = req.serviceCode() != null ? req.serviceCode() : first.serviceCode();
        ShipmentRequest booked = req.booked(hint, service, req.trackingNumbers());
        if (req.trackingNumbers().isEmpty()) {
            CarrierService.Booking b = carrier.book(ctx.tenantId(), new CarrierService.BookingRequest(hint, service, null,
                    current.state().shippingAddress, parcelWeights, orderId, shipmentId), OrderFulfillment.bookingKey(current, req.fulfillmentIds()));
            booked = req.booked(b.carrier(), b.serviceCode(), b.trackingNumbers());
        }
        ShipmentRequest toRecord = booked;
        Shipped s = tx.mutate(ctx, orderId, true, o -> new Shipped(o,
                OrderFulfillment.ship(o, toRecord, shipmentId, ctx.caller().actor(), clock.instant())));
        for (String fid : req.fulfillmentIds()) s.order().child(Fulfillment.class, fid).ifPresent(f -> finishWaitingSaga(f, true));
        return s;
    }

    /** Tells a saga waiting on the fulfilment that it shipped (or was cancelled); a lost callback ends in the saga's timeout. */
    private void finishWaitingSaga(Fulfillment f, boolean shipped) {
        if (f.taskToken() == null) return;
        try {
            if (shipped) callbacks.succeed(f.taskToken(), Map.of("fulfillment_id", f.id(), "shipment_id", f.shipmentId(), "shipped", true));
            else callbacks.fail(f.taskToken(), "FulfillmentCancelled", "Fulfilment " + f.id() + " was cancelled");
        } catch (RuntimeException lost) {
            // the saga's wait times out and its compensation sees what happened to the fulfilment
        }
    }

    /** Files a shipment's rendered label and packing slip (the label job); a label that is ready already stays. */
    public Shipped attachLabel(String tenantId, String orderId, String shipmentId, OrderDocument pdf, OrderDocument zpl, OrderDocument packingSlip) {
        return attachLabel(tenantId, orderId, shipmentId, pdf, zpl, null, packingSlip);
    }

    /** The same with the PNG image of the label. */
    public Shipped attachLabel(String tenantId, String orderId, String shipmentId, OrderDocument pdf, OrderDocument zpl, OrderDocument png,
                               OrderDocument packingSlip) {
        CommandContext ctx = new CommandContext(new dev.oms.app.security.Caller(tenantId, "label-job", "system", java.util.Set.of("service"), null, null),
                null, null, null, null);
        return tx.mutate(ctx, orderId, false, o -> new Shipped(o, OrderFulfillment.attachLabel(o, shipmentId, pdf, zpl, png, packingSlip, clock.instant())));
    }

    // ---- tracking -------------------------------------------------------------------------------------------------

    /**
     * Applies carrier reports to a shipment (the carrier sandbox, the fulfilment webhook, a refresh from the carrier).
     */
    /** Records that a ready label was rendered again, the same label under the same documents ({@code shipment.label_regenerated}). */
    public Shipped labelRegenerated(CommandContext ctx, String orderId, String shipmentId) {
        return tx.mutate(ctx, orderId, false, o -> new Shipped(o, OrderFulfillment.labelRegenerated(o, shipmentId, ctx.reason())));
    }

    public Shipped track(CommandContext ctx, String orderId, String shipmentId, List<CarrierService.TrackingReport> reports, String source) {
        return tx.mutate(ctx, orderId, false, o -> new Shipped(o,
                OrderFulfillment.track(o, shipmentId, TrackingReports.events(reports, source), clock.instant())));
    }

    /**
     * The shipment's tracking, with what the carrier knows now merged in. When the carrier does not answer, the
     * tracking stored so far is returned (marked by {@code refreshed = false}).
     */
    public TrackingView tracking(CommandContext ctx, String shipmentId) {
        Order o = orderOfShipment(ctx, shipmentId);
        Shipment s = o.requireChild(Shipment.class, shipmentId, "shipment.not_found");
        List<CarrierService.TrackingReport> reports = new ArrayList<>();
        try {
            for (String number : s.trackingNumbers()) reports.addAll(carrier.tracking(ctx.tenantId(), number));
        } catch (DomainException unavailable) {
            return new TrackingView(o, s, false);
        }
        List<CarrierService.TrackingReport> fresh = reports.stream().filter(r -> !s.hasEvent(r.id())).toList();
        if (fresh.isEmpty()) return new TrackingView(o, s, true);
        Shipped updated = track(carrierContext(ctx.tenantId(), "poll"), o.id(), shipmentId, fresh, "carrier");
        return new TrackingView(updated.order(), updated.shipment(), true);
    }

    public record TrackingView(Order order, Shipment shipment, boolean refreshed) { }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    /** Units by order line, as units by SKU. */
    static List<SkuQuantity> skus(Order o, Map<String, Long> unitsByLine) {
        Map<String, Long> bySku = new java.util.LinkedHashMap<>();
        unitsByLine.forEach((line, n) -> bySku.merge(o.line(line).sku(), n, Math::addExact));
        return bySku(bySku);
    }

    static List<SkuQuantity> bySku(Map<String, Long> bySku) {
        return bySku.entrySet().stream().map(e -> new SkuQuantity(e.getKey(), e.getValue())).toList();
    }

    /** The caller carrier news acts as. */
    public static CommandContext carrierContext(String tenantId, String source) {
        return new CommandContext(new dev.oms.app.security.Caller(tenantId, "carrier:" + source, "service", java.util.Set.of("service"), null, null),
                null, null, null, null);
    }
}
