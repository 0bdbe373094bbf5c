package dev.oms.domain.order;

import dev.oms.domain.warehouse.WarehouseStatus;
import java.time.Instant;
import java.util.List;

/**
 * Units of an order's lines that one warehouse prepares and ships together (see {@link FulfillmentStatus}). A
 * fulfilment that is not cancelled holds its units ({@code ALLOCATED}); once shipped it counts them {@code SHIPPED},
 * once delivered {@code DELIVERED}. {@code mode} is {@code direct} (created by a request) or {@code saga} (created
 * by the fulfill-order saga, which waits for its shipment with {@code taskToken}).
 */
public record Fulfillment(String id, String warehouseId, FulfillmentStatus status, List<FulfillmentLine> lines,
                          String carrierHint, String serviceCode, String shipmentReference, String externalReference,
                          String mode, Instant estimatedDelivery, List<String> trackingNumbers, String shipmentId,
                          String taskToken, String cancelReason, String createdBy, Instant createdAt, Instant updatedAt,
                          Instant shippedAt, Instant deliveredAt, Instant cancelledAt, FulfillmentWarehouse warehouse) implements LineUnits {
    public static final String DIRECT = "direct", SAGA = "saga";

    public Fulfillment {
        lines = List.copyOf(lines);
        trackingNumbers = trackingNumbers == null ? List.of() : List.copyOf(trackingNumbers);
    }

    @Override
    public String kind() { return "fulfillment"; }

    /** The warehouse's view of this fulfilment's step (seed 003); derived from {@link #status} when the warehouse never set it. */
    public WarehouseStatus warehouseStatus() {
        return warehouse == null ? WarehouseStatus.of(status) : warehouse.status();
    }

    /** The warehouse part, never null (derived from the canonical status when none was stored). */
    public FulfillmentWarehouse warehouseView() {
        return warehouse == null ? FulfillmentWarehouse.at(warehouseStatus()) : warehouse;
    }

    @Override
    public long units(String lineId, UnitMeasure measure) {
        boolean counts = switch (measure) {
            case ALLOCATED -> status != FulfillmentStatus.CANCELLED;
            case SHIPPED -> status.isShipped();
            case DELIVERED -> status == FulfillmentStatus.DELIVERED;
            default -> false;
        };
        if (!counts) return 0;
        long n = 0;
        for (FulfillmentLine l : lines) if (l.lineId().equals(lineId)) n += l.quantity();
        return n;
    }

    public long units(String lineId) {
        long n = 0;
        for (FulfillmentLine l : lines) if (l.lineId().equals(lineId)) n += l.quantity();
        return n;
    }

    Fulfillment withStatus(FulfillmentStatus to, Instant now) {
        return new Fulfillment(id, warehouseId, to, lines, carrierHint, serviceCode, shipmentReference, externalReference, mode,
                estimatedDelivery, trackingNumbers, shipmentId, taskToken, cancelReason, createdBy, createdAt, now,
                shippedAt, to == FulfillmentStatus.DELIVERED && deliveredAt == null ? now : deliveredAt, cancelledAt, followed(to));
    }

    Fulfillment withDetails(Instant newEstimate, List<String> newTracking, Instant now) {
        return new Fulfillment(id, warehouseId, status, lines, carrierHint, serviceCode, shipmentReference, externalReference, mode,
                newEstimate == null ? estimatedDelivery : newEstimate, newTracking == null ? trackingNumbers : newTracking,
                shipmentId, taskToken, cancelReason, createdBy, createdAt, now, shippedAt, deliveredAt, cancelledAt, warehouse);
    }

    Fulfillment shipped(String newShipmentId, List<String> tracking, Instant now) {
        return new Fulfillment(id, warehouseId, FulfillmentStatus.SHIPPED, lines, carrierHint, serviceCode, shipmentReference,
                externalReference, mode, estimatedDelivery, tracking, newShipmentId, taskToken, cancelReason, createdBy, createdAt,
                now, now, deliveredAt, cancelledAt, followed(FulfillmentStatus.SHIPPED));
    }

    /** Back to {@code packed} (warehouse: {@code ready_to_ship}) when its shipment was cancelled before handover. */
    Fulfillment unshipped(Instant now) {
        return new Fulfillment(id, warehouseId, FulfillmentStatus.PACKED, lines, carrierHint, serviceCode, shipmentReference,
                externalReference, mode, estimatedDelivery, List.of(), null, taskToken, cancelReason, createdBy, createdAt,
                now, null, deliveredAt, cancelledAt, followed(FulfillmentStatus.PACKED));
    }

    Fulfillment cancelled(String reason, Instant now) {
        return new Fulfillment(id, warehouseId, FulfillmentStatus.CANCELLED, lines, carrierHint, serviceCode, shipmentReference,
                externalReference, mode, estimatedDelivery, trackingNumbers, shipmentId, taskToken, reason, createdBy, createdAt,
                now, shippedAt, deliveredAt, now, followed(FulfillmentStatus.CANCELLED));
    }

    Fulfillment withTaskToken(String token, Instant now) {
        return new Fulfillment(id, warehouseId, status, lines, carrierHint, serviceCode, shipmentReference, externalReference, mode,
                estimatedDelivery, trackingNumbers, shipmentId, token, cancelReason, createdBy, createdAt, now, shippedAt,
                deliveredAt, cancelledAt, warehouse);
    }

    /** The same fulfilment at warehouse step {@code w}, its canonical status following ({@link WarehouseStatus#canonical}). */
    Fulfillment withWarehouse(FulfillmentWarehouse w, Instant now) {
        FulfillmentStatus canonical = status.isShipped() && w.status().canonical() == FulfillmentStatus.SHIPPED ? status : w.status().canonical();
        return new Fulfillment(id, warehouseId, canonical, lines, carrierHint, serviceCode, shipmentReference, externalReference, mode,
                estimatedDelivery, trackingNumbers, shipmentId, taskToken, cancelReason, createdBy, createdAt, now, shippedAt,
                deliveredAt, canonical == FulfillmentStatus.CANCELLED && cancelledAt == null ? now : cancelledAt, w);
    }

    /** The same fulfilment sent to another warehouse (only while nothing is allocated). */
    Fulfillment movedTo(String newWarehouseId, Instant now) {
        return new Fulfillment(id, newWarehouseId, status, lines, carrierHint, serviceCode, shipmentReference, externalReference, mode,
                estimatedDelivery, trackingNumbers, shipmentId, taskToken, cancelReason, createdBy, createdAt, now, shippedAt,
                deliveredAt, cancelledAt, warehouse);
    }

    private FulfillmentWarehouse followed(FulfillmentStatus to) {
        return warehouse == null ? null : warehouse.following(to);
    }
}
