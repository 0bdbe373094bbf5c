package dev.oms.app.shipping;

import dev.oms.app.CommandContext;
import dev.oms.app.FulfillmentService;
import dev.oms.app.connector.CarrierService;
import dev.oms.domain.DomainException;
import dev.oms.domain.order.Order;
import dev.oms.domain.order.OrderFulfillment;
import dev.oms.domain.order.Shipment;
import java.time.Clock;

/**
 * Cancels a shipment the carrier has not taken yet (seed 003 {@code POST /v1/fulfillment/shipments/{id}/cancel}), in
 * three steps that are each safe to repeat, so a retry after any failure finishes the job:
 * <ol>
 *   <li>checks the shipment on the order (not cancelled, no parcel moved: 409 {@code shipment.handed_over}) and takes
 *   it off its draft manifest (409 {@code shipment.manifest_submitted} when the manifest was submitted);</li>
 *   <li>voids the label with the carrier under the key it was bought with ({@link OrderFulfillment#bookingKeyOf}); a carrier
 *   that refuses ({@code rejected}) stops here with 409 {@code shipment.void_rejected} and nothing changes on the
 *   order;</li>
 *   <li>records the cancellation on the order ({@code shipment.cancelled}; the fulfilments are packed again).</li>
 * </ol>
 */
public final class ShipmentCancellations {
    public static final String VOID_REJECTED = "rejected";

    private final FulfillmentService fulfillments;
    private final ManifestService manifests;
    private final CarrierService carrier;
    private final Clock clock;

    public ShipmentCancellations(FulfillmentService fulfillments, ManifestService manifests, CarrierService carrier, Clock clock) {
        this.fulfillments = fulfillments;
        this.manifests = manifests;
        this.carrier = carrier;
        this.clock = clock;
    }

    public record Cancelled(Order order, Shipment shipment) { }

    public Cancelled cancel(CommandContext ctx, String shipmentId, String reason) {
        Order current = fulfillments.orderOfShipment(ctx, shipmentId);
        fulfillments.transactions().checkVersion(ctx, current);
        Shipment s = OrderFulfillment.checkShipmentCancellable(current, shipmentId);
        current.assertNotLockedAgainst(ctx.caller().subject(), clock.instant());
        manifests.unbook(ctx, shipmentId);
        String voidStatus = s.labelReference() != null ? "not_applicable"
                : carrier.refundLabel(ctx.tenantId(), OrderFulfillment.bookingKeyOf(current, s));
        if (VOID_REJECTED.equals(voidStatus)) {
            throw DomainException.conflict("shipment.void_rejected", "The carrier refused to void the label of shipment " + shipmentId,
                    "The label stays valid: ship the parcels, or ask the carrier; the shipment is unchanged.").with("shipment_id", shipmentId);
        }
        return fulfillments.transactions().mutate(ctx, current.id(), true, o -> new Cancelled(o,
                OrderFulfillment.cancelShipment(o, shipmentId, ctx.caller().actor(), reason, voidStatus, clock.instant())));
    }
}
