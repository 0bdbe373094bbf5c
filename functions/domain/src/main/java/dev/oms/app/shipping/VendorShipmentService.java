package dev.oms.app.shipping;

import dev.oms.app.CommandContext;
import dev.oms.app.ReturnService;
import dev.oms.app.connector.CarrierService;
import dev.oms.app.port.IdGenerator;
import dev.oms.app.port.ShippingRecordStore.Claim;
import dev.oms.domain.DomainException;
import dev.oms.domain.order.Address;
import dev.oms.domain.order.ReturnLine;
import dev.oms.domain.order.ReturnRequest;
import dev.oms.domain.order.ReturnState;
import dev.oms.domain.shipping.VendorShipment;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Shipments to suppliers (seed 003 section 11): the carrier books the parcels under {@code vendor:<id>} before the
 * record is written (with an Idempotency-Key the id comes from the request's key, so a retry after a crash books
 * nothing twice). {@link #shipBack} sends a return's units that do not go back to stock to the supplier, once per return.
 */
public final class VendorShipmentService {
    private final ShippingCommits commits;
    private final ReturnService returns;
    private final CarrierService carrier;
    private final IdGenerator ids;
    private final Clock clock;

    public VendorShipmentService(ShippingCommits commits, ReturnService returns, CarrierService carrier, IdGenerator ids, Clock clock) {
        this.commits = commits;
        this.returns = returns;
        this.carrier = carrier;
        this.ids = ids;
        this.clock = clock;
    }

    /** What to send: to whom and where, under which reference, which units, how. */
    public record Request(String supplierId, String referenceType, String reference, String fromWarehouseId, Address to,
                          List<VendorShipment.Line> lines, String carrier, String serviceCode, List<Integer> parcelWeights) {
        public Request {
            lines = List.copyOf(lines);
            parcelWeights = List.copyOf(parcelWeights);
        }
    }

    public VendorShipment get(CommandContext ctx, String id) { return commits.get(ctx, VendorShipment.class, id, "vendor_shipment.not_found"); }

    public VendorShipment create(CommandContext ctx, Request req) { return book(ctx, req, null, null, List.of()); }

    /**
     * Ships the units of a received return that do not go back to stock (received, less restockable) to the supplier,
     * under the return's RMA. 409 {@code return.not_received} before anything arrived; 422
     * {@code return.nothing_to_ship_back} when every unit is restocked; once per return (409 {@code return.already_shipped_back}).
     */
    public VendorShipment shipBack(CommandContext ctx, String returnId, String supplierId, String fromWarehouseId, Address to, String carrierName,
                                   String serviceCode, List<Integer> parcelWeights) {
        ReturnService.Result found = returns.find(ctx, returnId);
        ReturnRequest r = found.ret();
        if (r.state().awaitingGoods() || r.state() == ReturnState.CANCELLED) {
            throw DomainException.conflict("return.not_received", "Nothing of return " + returnId + " has arrived", "Receive the goods first.")
                    .with("current_status", r.state().wire());
        }
        List<VendorShipment.Line> lines = new ArrayList<>();
        for (ReturnLine l : r.lines()) {
            long units = l.received() - (l.approved() == null ? 0 : l.restockable());
            if (units > 0) lines.add(new VendorShipment.Line(l.sku(), units, l.serials()));
        }
        if (lines.isEmpty()) {
            throw DomainException.unprocessable("return.nothing_to_ship_back", "Every unit of return " + returnId + " goes back to stock", "Nothing to send.");
        }
        Request req = new Request(supplierId, "rma", r.rma(), fromWarehouseId, to, lines, carrierName, serviceCode, parcelWeights);
        Claim once = new Claim("SHIP_BACK#" + returnId, DomainException.conflict("return.already_shipped_back",
                "Return " + returnId + " was shipped back to its supplier already", "GET the vendor shipment instead."));
        return book(ctx, req, returnId, found.order().id(), List.of(once));
    }

    private VendorShipment book(CommandContext ctx, Request req, String returnId, String orderId, List<Claim> claims) {
        String key = ctx.journal().requestKey();
        String id = key == null ? ids.next("vsh") : "vsh_" + key.substring(0, 26).toUpperCase(Locale.ROOT);
        var found = commits.store().find(ctx.tenantId(), VendorShipment.class, id);
        if (found.isPresent()) return found.get();
        CarrierService.Booking b = carrier.book(ctx.tenantId(), new CarrierService.BookingRequest(req.carrier(), req.serviceCode(), null, req.to(),
                req.parcelWeights().isEmpty() ? null : req.parcelWeights(), orderId, id), "vendor:" + id);
        VendorShipment v = new VendorShipment(id, req.supplierId(), req.referenceType(), req.reference(), returnId, orderId, req.fromWarehouseId(),
                req.lines(), b.carrier(), b.serviceCode(), b.trackingNumbers(), VendorShipment.BOOKED, 1, ctx.caller().actor().id(), clock.instant());
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("vendor_shipment_id", id);
        d.put("supplier_id", v.supplierId());
        d.put("reference_type", v.referenceType());
        d.put("reference", v.reference());
        d.put("return_id", returnId);
        d.put("carrier", v.carrier());
        d.put("tracking_numbers", v.trackingNumbers());
        d.put("units", v.lines().stream().mapToLong(VendorShipment.Line::quantity).sum());
        return commits.create(ctx, new ShippingCommits.Change<>(v, List.of(ShippingCommits.event("vendor_shipment.created", d)), claims));
    }
}
