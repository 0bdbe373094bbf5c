package dev.oms.app.shipping;

import dev.oms.app.CommandContext;
import dev.oms.app.FulfillmentService;
import dev.oms.app.port.IdGenerator;
import dev.oms.app.port.ShippingRecordStore.Claim;
import dev.oms.domain.DomainException;
import dev.oms.domain.shipping.Asn;
import dev.oms.domain.shipping.VendorShipment;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Advance shipping notices (seed 003 section 5): the shipments named (an order's {@code shp_...} or a vendor shipment
 * {@code vsh_...} of the tenant) with their carriers and tracking numbers, sent to the trading partner as
 * {@code asn.created} (its webhook subscription). One notice per {@code asn_reference} (409 {@code asn.reference_exists}).
 */
public final class AsnService {
    private final ShippingCommits commits;
    private final FulfillmentService fulfillments;
    private final IdGenerator ids;
    private final Clock clock;

    public AsnService(ShippingCommits commits, FulfillmentService fulfillments, IdGenerator ids, Clock clock) {
        this.commits = commits;
        this.fulfillments = fulfillments;
        this.ids = ids;
        this.clock = clock;
    }

    public Asn create(CommandContext ctx, String reference, String partnerId, List<String> shipmentIds, Instant expectedArrival) {
        if (expectedArrival != null && expectedArrival.isBefore(clock.instant())) {
            throw DomainException.invalidField("expected_arrival", "asn.arrival_in_past", "expected_arrival is in the past");
        }
        List<Asn.Shipment> shipments = new ArrayList<>();
        var seen = new HashSet<String>();
        for (int i = 0; i < shipmentIds.size(); i++) {
            String id = shipmentIds.get(i);
            if (!seen.add(id)) throw DomainException.invalidField("shipments[" + i + "]", "shipments.duplicate", "A shipment may appear once");
            if (id.startsWith("vsh_")) {
                VendorShipment v = commits.get(ctx, VendorShipment.class, id, "vendor_shipment.not_found");
                shipments.add(new Asn.Shipment(id, v.orderId(), v.carrier(), v.trackingNumbers()));
            } else {
                ShipmentFacts f = ShipmentFacts.of(fulfillments, ctx, id);
                shipments.add(new Asn.Shipment(id, f.orderId(), f.carrier(), f.trackingNumbers()));
            }
        }
        Asn asn = new Asn(ids.next("asn"), reference, partnerId, shipments, expectedArrival, Asn.SENT, 1, ctx.caller().actor().id(), clock.instant());
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("asn_id", asn.id());
        d.put("asn_reference", reference);
        d.put("partner_id", partnerId);
        d.put("expected_arrival", expectedArrival == null ? null : expectedArrival.toString());
        d.put("shipments", shipments.stream().map(s -> (Object) shipmentData(s)).toList());
        Claim unique = new Claim("ASN_REF#" + reference, DomainException.conflict("asn.reference_exists", "An ASN with reference " + reference + " was sent already",
                "Use another asn_reference."));
        return commits.create(ctx, new ShippingCommits.Change<>(asn, List.of(ShippingCommits.event("asn.created", d)), List.of(unique)));
    }

    private static Map<String, Object> shipmentData(Asn.Shipment s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("shipment_id", s.shipmentId());
        m.put("order_id", s.orderId());
        m.put("carrier", s.carrier());
        m.put("tracking_numbers", s.trackingNumbers());
        return m;
    }
}
