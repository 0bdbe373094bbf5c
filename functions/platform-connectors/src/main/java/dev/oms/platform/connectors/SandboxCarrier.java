package dev.oms.platform.connectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.connector.CarrierService;
import dev.oms.app.connector.ConnectorException;
import dev.oms.domain.DomainException;
import dev.oms.domain.order.Address;
import dev.oms.domain.order.TrackingStatus;
import dev.oms.platform.dynamo.Keys;
import dev.oms.platform.dynamo.SingleTable;
import dev.oms.platform.json.Json;
import dev.oms.platform.json.Times;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A parcel carrier kept in the table. Booking answers one tracking number per parcel, derived from the tenant and
 * the idempotency key ({@code SBX} and 12 digits), so the same booking always gets the same numbers; each parcel is
 * stored with where it belongs (order and shipment) and a first {@code label_created} event. {@link #addEvent}
 * plays the carrier reporting progress (the local runtime's {@code POST /local/sandbox/carrier/{trackingNumber}/events}).
 * Faults: connector {@code carrier}, operations {@code book}, {@code tracking}, {@code return_label}, {@code refund_label},
 * {@code pickup}, {@code scan_form}.
 */
public final class SandboxCarrier implements CarrierService {
    public static final String DEFAULT_CARRIER = "sandbox-post", DEFAULT_SERVICE = "standard";
    private final SingleTable table;
    private final SandboxOperations operations;
    private final Clock clock;

    public SandboxCarrier(SingleTable table, Clock clock) {
        this.table = table;
        this.operations = new SandboxOperations(table);
        this.clock = clock;
    }

    /** Where a sandbox parcel belongs. */
    public record ParcelRef(String trackingNumber, String orderId, String shipmentId) { }

    @Override
    public Booking book(String tenantId, BookingRequest request, String idempotencyKey) {
        ObjectNode result = operations.once(tenantId, "carrier", "book#" + idempotencyKey, () -> {
            refuse(fault("book"), "book");
            String carrier = request.carrier() == null ? DEFAULT_CARRIER : request.carrier();
            String service = request.serviceCode() == null ? DEFAULT_SERVICE : request.serviceCode();
            int parcels = Math.max(1, request.parcelWeights() == null ? 1 : request.parcelWeights().size());
            ObjectNode o = Json.object().put("carrier", carrier).put("service_code", service);
            ArrayNode numbers = o.putArray("tracking_numbers");
            for (int i = 0; i < parcels; i++) {
                String number = trackingNumber(tenantId, idempotencyKey, i);
                numbers.add(number);
                saveParcel(tenantId, number, carrier, service, request.orderId(), request.shipmentId(), "label_created", "Label created");
            }
            return o;
        });
        List<String> numbers = new ArrayList<>();
        result.path("tracking_numbers").forEach(n -> numbers.add(n.asText()));
        return new Booking(result.path("carrier").asText(), result.path("service_code").asText(), numbers);
    }

    @Override
    public List<TrackingReport> tracking(String tenantId, String trackingNumber) {
        SandboxFaults.Mode fault = fault("tracking");
        refuse(fault, "tracking");
        List<TrackingReport> out = new ArrayList<>();
        parcel(tenantId, trackingNumber).ifPresent(p -> p.path("events").forEach(e -> out.add(report(trackingNumber, e))));
        return out;
    }

    @Override
    public ReturnLabel returnLabel(String tenantId, String rmaId, Address from, Address to, String idempotencyKey) {
        ObjectNode result = operations.once(tenantId, "carrier", "return#" + idempotencyKey, () -> {
            refuse(fault("return_label"), "return_label");
            String number = trackingNumber(tenantId, "return#" + idempotencyKey, 0);
            saveParcel(tenantId, number, DEFAULT_CARRIER, "return", null, rmaId, "label_created", "Return label created");
            return Json.object().put("carrier", DEFAULT_CARRIER).put("service_code", "return").put("tracking_number", number);
        });
        return new ReturnLabel(result.path("carrier").asText(), result.path("service_code").asText(), result.path("tracking_number").asText());
    }

    /** The sandbox books a pickup of parcels it labelled, once per key (confirmation {@code SBX-PU-...}). */
    @Override
    public Pickup schedulePickup(String tenantId, PickupRequest request, String idempotencyKey) {
        ObjectNode r = operations.once(tenantId, "carrier", "pickup#" + idempotencyKey, () -> {
            refuse(fault("pickup"), "pickup");
            requireParcels(tenantId, request.trackingNumbers());
            String digits = trackingNumber(tenantId, "pickup#" + idempotencyKey, 0).substring(3);
            return Json.object().put("id", "pkp_" + digits).put("confirmation", "SBX-PU-" + digits);
        });
        return new Pickup(r.path("id").asText(), DEFAULT_CARRIER, "pickup", r.path("confirmation").asText(), request.earliest(), request.latest());
    }

    /**
     * The sandbox closes out parcels it labelled on one form per key (no printable document) and accepts it at once; a
     * {@code decline} fault makes it reject the form, a {@code defer} fault leaves it pending.
     */
    @Override
    public ScanForm scanForm(String tenantId, List<String> trackingNumbers, String idempotencyKey) {
        ObjectNode r = operations.once(tenantId, "carrier", "scan_form#" + idempotencyKey, () -> {
            SandboxFaults.Mode fault = fault("scan_form");
            requireParcels(tenantId, trackingNumbers);
            return Json.object().put("id", "sf_" + trackingNumber(tenantId, "scan_form#" + idempotencyKey, 0).substring(3))
                    .put("status", formStatus(fault));
        });
        String status = r.path("status").asText(FORM_ACCEPTED);
        return new ScanForm(r.path("id").asText(), trackingNumbers, null, status, status.equals(FORM_REJECTED) ? REJECTION : null);
    }

    /** A pending form is decided when asked again: accepted, unless a {@code decline} (rejected) or {@code defer} (still pending) fault says otherwise. */
    @Override
    public ScanForm scanFormStatus(String tenantId, String scanFormId) {
        String status = formStatus(fault("scan_form_status"));
        return new ScanForm(scanFormId, List.of(), null, status, status.equals(FORM_REJECTED) ? REJECTION : null);
    }

    static final String REJECTION = "the sandbox carrier rejected the scan form";

    private static String formStatus(SandboxFaults.Mode fault) {
        if (fault == SandboxFaults.Mode.DECLINE) return FORM_REJECTED;
        if (fault == SandboxFaults.Mode.DEFER) return FORM_PENDING;
        return FORM_ACCEPTED;
    }

    private void requireParcels(String tenantId, List<String> trackingNumbers) {
        for (String number : trackingNumbers) {
            if (parcel(tenantId, number).isEmpty()) {
                throw DomainException.unprocessable("carrier.parcel_not_found", "The carrier labelled no parcel " + number,
                        "Only parcels labelled through this carrier can be collected or closed out.");
            }
        }
    }

    /** The sandbox refunds an unused label at once; one it never booked under the key is {@code not_bought}. */
    @Override
    public String refundLabel(String tenantId, String idempotencyKey) {
        boolean booked = operations.find(tenantId, "carrier", "return#" + idempotencyKey).isPresent()
                || operations.find(tenantId, "carrier", "book#" + idempotencyKey).isPresent();
        if (!booked) return REFUND_NOT_BOUGHT;
        return operations.once(tenantId, "carrier", "refund#" + idempotencyKey, () -> {
            refuse(fault("refund_label"), "refund_label");
            return Json.object().put("refund_status", "refunded");
        }).path("refund_status").asText();
    }

    /**
     * The carrier reports news of a parcel: answers where the parcel belongs and the report, or 404
     * {@code carrier.parcel_not_found} for a tracking number the sandbox never booked.
     */
    public AddedEvent addEvent(String tenantId, String trackingNumber, String status, String location, String description) {
        if (!TrackingStatus.isWire(status)) {
            throw DomainException.invalidField("status", "tracking.status_unknown", "status must be one of label_created, in_transit, "
                    + "out_for_delivery, delivered, exception, returned_to_sender");
        }
        ObjectNode p = parcel(tenantId, trackingNumber).orElseThrow(() ->
                DomainException.notFound("carrier.parcel_not_found", "The sandbox carrier has no parcel " + trackingNumber));
        ObjectNode e = event(p.path("events").size(), status, location, description);
        ((ArrayNode) p.withArray("events")).add(e);
        table.put(p);
        return new AddedEvent(new ParcelRef(trackingNumber, text(p, "order_id"), text(p, "shipment_id")), report(trackingNumber, e));
    }

    public record AddedEvent(ParcelRef parcel, TrackingReport report) { }

    private void saveParcel(String tenantId, String number, String carrier, String service, String orderId, String shipmentId,
                            String status, String description) {
        ObjectNode item = Json.object();
        item.put(Keys.PK, Keys.sandboxParcel(tenantId, number));
        item.put(Keys.SK, Keys.SINGLE);
        item.put("type", "sandbox_parcel");
        item.put("tracking_number", number);
        item.put("carrier", carrier);
        item.put("service_code", service);
        item.put("order_id", orderId);
        item.put("shipment_id", shipmentId);
        item.putArray("events").add(event(0, status, null, description));
        table.put(item);
    }

    private ObjectNode event(int index, String status, String location, String description) {
        ObjectNode e = Json.object();
        e.put("id", "trk_" + index);
        e.put("status", status);
        e.put("occurred_at", Times.format(clock.instant()));
        e.put("location", location);
        e.put("description", description);
        return e;
    }

    private static TrackingReport report(String trackingNumber, JsonNode e) {
        return new TrackingReport(trackingNumber + ":" + e.path("id").asText(), trackingNumber, e.path("status").asText(),
                Times.parse(e.path("occurred_at").asText()), text(e, "location"), text(e, "description"));
    }

    private Optional<ObjectNode> parcel(String tenantId, String trackingNumber) {
        return table.get(Keys.sandboxParcel(tenantId, trackingNumber), Keys.SINGLE);
    }

    /** {@code SBX} and 12 digits of SHA-256(tenant, key, parcel): deterministic, Code 128 friendly. */
    static String trackingNumber(String tenantId, String key, int parcel) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest((tenantId + "\n" + key + "\n" + parcel).getBytes(StandardCharsets.UTF_8));
            long n = 0;
            for (int i = 0; i < 8; i++) n = (n << 8) | (h[i] & 0xff);
            return "SBX" + String.format("%012d", Math.floorMod(n, 1_000_000_000_000L));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(JsonNode n, String field) { return n.hasNonNull(field) ? n.get(field).asText() : null; }

    private static SandboxFaults.Mode fault(String operation) {
        SandboxFaults.Mode fault = SandboxFaults.next("carrier", operation);
        if (fault == SandboxFaults.Mode.FAIL) throw new ConnectorException("carrier", operation, "sandbox fault injected");
        if (fault == SandboxFaults.Mode.TIMEOUT) throw new ConnectorException("carrier", operation, "timed out");
        return fault;
    }

    private static void refuse(SandboxFaults.Mode fault, String operation) {
        if (fault == SandboxFaults.Mode.DECLINE) throw new ConnectorException("carrier", operation, "the carrier refused the booking");
    }
}
