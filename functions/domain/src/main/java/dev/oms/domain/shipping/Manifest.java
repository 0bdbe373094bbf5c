package dev.oms.domain.shipping;

import dev.oms.domain.DomainException;
import dev.oms.domain.warehouse.ManifestSchedule;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * What one warehouse hands one carrier on one dispatch day: the shipments whose labels were bought before that day's
 * cut-off in the warehouse's time zone ({@link ManifestSchedule}). {@code draft} while shipments are added; {@code submit}
 * closes it out with the carrier (a scan form) and makes it {@code submitted}; the carrier's answer may make it
 * {@code accepted} or {@code rejected} ({@code answeredAt}, and the carrier's {@code rejectionReason}); a rejected
 * manifest may be submitted again (a new scan form). A shipment is on one manifest only (the store guards it).
 */
public record Manifest(String id, String warehouseId, String carrier, LocalDate dispatchDate, String timezone, LocalTime cutoff,
                       String status, List<Entry> shipments, String scanFormId, String scanFormUrl, long version, String createdBy,
                       Instant createdAt, Instant updatedAt, Instant submittedAt, Instant answeredAt, String rejectionReason) implements ShippingRecord {
    public static final String DRAFT = "draft", SUBMITTED = "submitted", ACCEPTED = "accepted", REJECTED = "rejected";
    /** Shipments per manifest: the scan form's and the item's bound. */
    public static final int MAX_SHIPMENTS = 500;
    public static final LocalTime DEFAULT_CUTOFF = LocalTime.of(17, 0);

    /** A shipment on the manifest: its order, parcels and when its label was bought. */
    public record Entry(String shipmentId, String orderId, List<String> trackingNumbers, Instant labelBoughtAt) {
        public Entry {
            trackingNumbers = List.copyOf(trackingNumbers);
        }
    }

    public Manifest {
        shipments = List.copyOf(shipments);
    }

    @Override
    public String aggregateType() { return "manifest"; }

    public ManifestSchedule schedule() { return schedule(timezone, cutoff); }

    /** The warehouse's shipping days are Monday to Friday. */
    public static ManifestSchedule schedule(String timezone, LocalTime cutoff) {
        return new ManifestSchedule(ZoneId.of(timezone), cutoff, EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), null);
    }

    public Instant closesAt() { return schedule().closesAt(dispatchDate); }

    public List<String> trackingNumbers() { return shipments.stream().flatMap(e -> e.trackingNumbers().stream()).toList(); }

    /**
     * A new draft manifest for {@code dispatchDate} (null: the day the first shipment's label belongs to) with its first
     * shipments, each checked against the cut-off.
     */
    public static Manifest draft(String id, String warehouseId, String carrier, LocalDate dispatchDate, String timezone, LocalTime cutoff,
                                 List<Entry> entries, String actor, Instant now) {
        ManifestSchedule schedule = schedule(timezone, cutoff);
        LocalDate day = dispatchDate != null ? dispatchDate : entries.isEmpty() ? schedule.manifestDate(now) : schedule.manifestDate(entries.get(0).labelBoughtAt());
        if (!schedule.ships(day)) {
            throw DomainException.invalidField("dispatch_date", "manifest.not_a_shipping_day", day + " is not a shipping day of warehouse " + warehouseId);
        }
        Manifest m = new Manifest(id, warehouseId, carrier, day, timezone, cutoff, DRAFT, List.of(), null, null, 1, actor, now, now, null, null, null);
        return m.withShipments(entries, now, 0);
    }

    /**
     * Adds shipments to a draft. A label bought at or after this day's cut-off (in the warehouse's zone) belongs to a later
     * manifest and is refused; one bought earlier may go on this one (a parcel that missed its own day's pickup).
     */
    public Manifest add(List<Entry> entries, Instant now) {
        if (!DRAFT.equals(status)) {
            throw DomainException.conflict("manifest.not_draft", "Manifest " + id + " is " + status + "; shipments are added to drafts only",
                    "Book the shipment on the next manifest.").with("current_status", status);
        }
        return withShipments(entries, now, 1);
    }

    private Manifest withShipments(List<Entry> entries, Instant now, long bump) {
        ManifestSchedule schedule = schedule();
        List<Entry> all = new ArrayList<>(shipments);
        for (Entry e : entries) {
            if (all.stream().anyMatch(x -> x.shipmentId().equals(e.shipmentId()))) {
                throw DomainException.conflict("shipment.already_manifested", "Shipment " + e.shipmentId() + " is on manifest " + id + " already",
                        "Nothing to do.").with("manifest_id", id);
            }
            LocalDate belongs = schedule.manifestDate(e.labelBoughtAt());
            if (belongs.isAfter(dispatchDate)) {
                throw DomainException.unprocessable("manifest.wrong_dispatch_date", "The label of shipment " + e.shipmentId()
                        + " was bought after the cut-off of " + dispatchDate + " (" + cutoff + " " + timezone + "): its manifest is " + belongs,
                        "Put the shipment on the manifest of " + belongs + " or later.").with("shipment_id", e.shipmentId()).with("manifest_date", belongs.toString());
            }
            all.add(e);
        }
        if (all.size() > MAX_SHIPMENTS) {
            throw DomainException.unprocessable("manifest.full", "A manifest holds at most " + MAX_SHIPMENTS + " shipments", "Start another manifest.");
        }
        return new Manifest(id, warehouseId, carrier, dispatchDate, timezone, cutoff, status, all, scanFormId, scanFormUrl, version + bump,
                createdBy, createdAt, now, submittedAt, answeredAt, rejectionReason);
    }

    /** Whether shipments may still be taken off it: a draft, or a manifest the carrier rejected (it has no scan form of it). */
    public boolean changeable() { return DRAFT.equals(status) || REJECTED.equals(status); }

    /** The draft (or rejected manifest) without a shipment (cancelled before handover). */
    public Manifest without(String shipmentId, Instant now) {
        List<Entry> rest = shipments.stream().filter(e -> !e.shipmentId().equals(shipmentId)).toList();
        return new Manifest(id, warehouseId, carrier, dispatchDate, timezone, cutoff, status, rest, scanFormId, scanFormUrl, version + 1,
                createdBy, createdAt, now, submittedAt, answeredAt, rejectionReason);
    }

    /** Closes the draft (or a rejected manifest, again) out with the carrier's scan form; an empty manifest is not submitted. */
    public Manifest submitted(String formId, String formUrl, Instant now) { return submitted(formId, formUrl, SUBMITTED, null, now); }

    /**
     * Closes the manifest out with a scan form the carrier answered at once: {@code outcome} {@link #SUBMITTED} (it is
     * still checking it), {@link #ACCEPTED} or {@link #REJECTED} (with its {@code reason}); one version.
     */
    public Manifest submitted(String formId, String formUrl, String outcome, String reason, Instant now) {
        checkSubmittable();
        if (!SUBMITTED.equals(outcome) && !ACCEPTED.equals(outcome) && !REJECTED.equals(outcome)) throw new IllegalArgumentException(outcome);
        return new Manifest(id, warehouseId, carrier, dispatchDate, timezone, cutoff, outcome, shipments, formId, formUrl, version + 1,
                createdBy, createdAt, now, now, SUBMITTED.equals(outcome) ? null : now, REJECTED.equals(outcome) ? rejection(reason) : null);
    }

    private static String rejection(String reason) { return reason == null || reason.isBlank() ? "rejected by the carrier" : reason; }

    /** The carrier's answer to the submitted scan form: {@link #ACCEPTED}, or {@link #REJECTED} with its reason. */
    public Manifest answered(boolean accepted, String reason, Instant now) {
        if (!SUBMITTED.equals(status)) {
            throw DomainException.conflict("manifest.invalid_transition", "Manifest " + id + " is " + status + "; only a submitted manifest is answered",
                    "Nothing to do.").with("from", status).with("to", accepted ? ACCEPTED : REJECTED);
        }
        return new Manifest(id, warehouseId, carrier, dispatchDate, timezone, cutoff, accepted ? ACCEPTED : REJECTED, shipments, scanFormId, scanFormUrl,
                version + 1, createdBy, createdAt, now, submittedAt, now, accepted ? null : rejection(reason));
    }

    /** A draft, or a manifest the carrier rejected, with shipments. */
    public void checkSubmittable() {
        if (!DRAFT.equals(status) && !REJECTED.equals(status)) {
            throw DomainException.conflict("manifest.invalid_transition", "Manifest " + id + " is " + status + "; only a draft or a rejected manifest is submitted",
                    "Nothing to do: it was submitted already.").with("from", status).with("to", SUBMITTED);
        }
        if (shipments.isEmpty()) {
            throw DomainException.unprocessable("manifest.empty", "Manifest " + id + " has no shipments", "Add shipments before submitting it.");
        }
    }
}
