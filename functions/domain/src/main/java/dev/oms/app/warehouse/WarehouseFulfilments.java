package dev.oms.app.warehouse;

import dev.oms.app.CommandContext;
import dev.oms.app.FulfillmentService;
import dev.oms.app.OrderTransactions;
import dev.oms.domain.DomainException;
import dev.oms.domain.order.Fulfillment;
import dev.oms.domain.order.FulfillmentRequest;
import dev.oms.domain.order.Order;
import dev.oms.domain.order.Shipment;
import dev.oms.domain.order.ShipmentRequest;
import dev.oms.domain.order.WarehouseFlow;
import dev.oms.domain.warehouse.WarehouseStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The warehouse's use cases on an order's fulfilment (seed 003): the same record and rules as {@link FulfillmentService}
 * (creating reserves stock, cancelling releases it), seen with its {@link WarehouseStatus}. A fulfilment is named by
 * its id alone; another tenant's (or another customer's) is 404 {@code fulfillment.not_found}. The shipping routes move
 * fulfilments {@code ready_to_ship → shipped} through {@link #markShipped}; keep its signature stable.
 */
public final class WarehouseFulfilments {
    private final FulfillmentService fulfillments;
    private final OrderTransactions tx;
    private final dev.oms.app.port.IdGenerator ids;
    private final Clock clock;

    public WarehouseFulfilments(FulfillmentService fulfillments, dev.oms.app.port.IdGenerator ids, Clock clock) {
        this.fulfillments = fulfillments;
        this.tx = fulfillments.transactions();
        this.ids = ids;
        this.clock = clock;
    }

    /**
     * A fulfilment with the order that owns it (the order's version is the fulfilment's ETag). Create and cancel answer
     * {@link FulfillmentService.Created}, the result the canonical use case commits with the idempotency record.
     */
    public record Found(Order order, Fulfillment fulfillment) { }

    public record ShippedFulfilment(Order order, Fulfillment fulfillment, Shipment shipment) { }

    /** Creates a fulfilment of an order's lines at {@code created}: the rules of seed 000, the stock reserved. */
    public FulfillmentService.Created create(CommandContext ctx, String orderId, FulfillmentRequest req, Instant requestedShipDate, String source) {
        return create(ctx, orderId, req, ids.next("ful"), requestedShipDate, source);
    }

    /** The same with an id the caller chose (an import's row): a fulfilment with that id already there is answered as it is. */
    public FulfillmentService.Created create(CommandContext ctx, String orderId, FulfillmentRequest given, String id, Instant requestedShipDate, String source) {
        String scope = ctx.caller().warehouseScope();
        FulfillmentRequest req = scope == null || given.warehouseId() != null ? given
                : new FulfillmentRequest(scope, given.lines(), given.carrierHint(), given.serviceCode(), given.shipmentReference(), given.externalReference());
        dev.oms.app.security.WarehouseScope.require(ctx.caller(), req.warehouseId());
        return fulfillments.create(ctx, orderId, req, id, (o, r, partial, now) ->
                WarehouseFlow.create(o, r, id, requestedShipDate, source, partial, ctx.caller().actor(), now));
    }

    /** The order, checked like the order itself (another tenant's or customer's: 404). */
    public Order order(CommandContext ctx, String orderId) { return tx.get(ctx, orderId); }

    public Found get(CommandContext ctx, String fulfillmentId) { return find(tx, ctx, fulfillmentId); }

    /** The same read for a function that only reads fulfilments (it needs no {@link FulfillmentService}). */
    public static Found find(OrderTransactions tx, CommandContext ctx, String fulfillmentId) {
        Order o = tx.get(ctx, tx.orderIdOfChild(ctx, fulfillmentId, "fulfillment.not_found"));
        return new Found(o, inScope(ctx, o, fulfillmentId));
    }

    /**
     * The fulfilment, when the caller may act in its warehouse: a warehouse key's caller sees another warehouse's
     * fulfilment as missing (404 {@code fulfillment.not_found}), like another tenant's.
     */
    static Fulfillment inScope(CommandContext ctx, Order o, String fulfillmentId) {
        Fulfillment f = o.requireChild(Fulfillment.class, fulfillmentId, "fulfillment.not_found");
        if (!ctx.caller().mayUseWarehouse(f.warehouseId())) throw DomainException.notFound("fulfillment.not_found", "No fulfilment " + fulfillmentId);
        return f;
    }


    /** Moves a fulfilment forward to a warehouse step ({@code shipped} and {@code cancelled} have their own methods). */
    public Found advance(CommandContext ctx, String fulfillmentId, WarehouseStatus to, Map<String, Object> details) {
        return change(ctx, fulfillmentId, o -> WarehouseFlow.advance(o, fulfillmentId, to, details, clock.instant()));
    }

    /** Links the fulfilment to an allocation or pick list, moving it to {@code to} (null: the step stays). */
    public Found link(CommandContext ctx, String fulfillmentId, String allocationId, String picklistId, WarehouseStatus to, Map<String, Object> details) {
        return change(ctx, fulfillmentId, o -> WarehouseFlow.link(o, fulfillmentId, allocationId, picklistId, to, details, clock.instant()));
    }

    /** Packing is done: the fulfilment waits for its shipment. */
    public Found markReadyToShip(CommandContext ctx, String fulfillmentId) {
        return advance(ctx, fulfillmentId, WarehouseStatus.READY_TO_SHIP, Map.of());
    }

    /**
     * A {@code ready_to_ship} fulfilment leaves in a shipment: the order's shipment is recorded (carrier, service, one
     * tracking number per parcel) under {@code shipmentId}, and the fulfilment becomes {@code shipped}.
     */
    public ShippedFulfilment markShipped(CommandContext ctx, String fulfillmentId, String shipmentId, String carrier, String serviceCode,
                                         List<String> trackingNumbers, Integer weightGrams) {
        String orderId = tx.orderIdOfChild(ctx, fulfillmentId, "fulfillment.not_found");
        ShipmentRequest req = new ShipmentRequest(List.of(fulfillmentId), carrier, serviceCode, trackingNumbers, null, weightGrams, null);
        return tx.mutate(ctx, orderId, true, o -> {
            Shipment s = WarehouseFlow.ship(o, fulfillmentId, req, shipmentId, ctx.caller().actor(), clock.instant());
            return new ShippedFulfilment(o, o.requireChild(Fulfillment.class, fulfillmentId, "fulfillment.not_found"), s);
        });
    }

    /** The warehouse is done with a shipped fulfilment. */
    public Found close(CommandContext ctx, String fulfillmentId) {
        return advance(ctx, fulfillmentId, WarehouseStatus.CLOSED, Map.of());
    }

    /** Another warehouse (before allocation) or requested ship date. */
    public Found reschedule(CommandContext ctx, String fulfillmentId, String warehouseId, Instant shipDate) {
        return change(ctx, fulfillmentId, o -> WarehouseFlow.reschedule(o, fulfillmentId, warehouseId, shipDate, clock.instant()));
    }

    /** Cancels an unshipped fulfilment, releasing its reservation ({@link FulfillmentService#cancel}). */
    public FulfillmentService.Created cancel(CommandContext ctx, String fulfillmentId, String reason) {
        String orderId = get(ctx, fulfillmentId).order().id();
        return fulfillments.cancel(ctx, orderId, fulfillmentId, reason);
    }

    private Found change(CommandContext ctx, String fulfillmentId, java.util.function.Function<Order, Fulfillment> step) {
        String orderId = tx.orderIdOfChild(ctx, fulfillmentId, "fulfillment.not_found");
        return tx.mutate(ctx, orderId, true, o -> {
            inScope(ctx, o, fulfillmentId);
            return new Found(o, step.apply(o));
        });
    }
}
