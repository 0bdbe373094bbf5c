package dev.oms.app.shipping;

import dev.oms.app.CommandContext;
import dev.oms.app.FulfillmentService;
import dev.oms.app.connector.CarrierService;
import dev.oms.app.port.DocumentStorage;
import dev.oms.app.port.IdGenerator;
import dev.oms.app.port.WarehouseStore;
import dev.oms.app.port.ShippingRecordStore.Claim;
import dev.oms.domain.DomainException;
import dev.oms.domain.order.Shipment;
import dev.oms.domain.shipping.Manifest;
import dev.oms.domain.warehouse.ManifestSchedule;
import dev.oms.domain.warehouse.Warehouse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Manifests per warehouse and carrier and dispatch day (seed 003 section 5). The day a shipment belongs to follows
 * the cut-off in the warehouse's time zone ({@link ManifestSchedule}); each manifest carries its schedule (time zone
 * and cut-off: given with the manifest, else the warehouse record's time zone and cut-off for the carrier, else the
 * warehouse's latest manifest's, else UTC and 17:00). One manifest per warehouse, carrier and day; each shipment on one
 * manifest only. {@code submit} closes the manifest out with the carrier (a scan form, under the key
 * {@code manifest:<id>}, {@code manifest:<id>:<version>} when a rejected one is submitted again) and files it as CSV and
 * PDF; the carrier accepts or rejects the form at once or later ({@link #checkCarrierAnswer}).
 */
public final class ManifestService {
    private final ShippingCommits commits;
    private final FulfillmentService fulfillments;
    private final CarrierService carrier;
    private final DocumentStorage storage;
    private final ManifestFiles files;
    private final dev.oms.app.port.Deadlines deadlines;
    private final WarehouseStore warehouses;
    private final IdGenerator ids;
    private final Clock clock;

    public ManifestService(ShippingCommits commits, FulfillmentService fulfillments, CarrierService carrier, DocumentStorage storage,
                           ManifestFiles files, dev.oms.app.port.Deadlines deadlines, WarehouseStore warehouses, IdGenerator ids, Clock clock) {
        this.warehouses = warehouses;
        this.commits = commits;
        this.fulfillments = fulfillments;
        this.carrier = carrier;
        this.storage = storage;
        this.files = files;
        this.deadlines = deadlines;
        this.ids = ids;
        this.clock = clock;
    }

    /** The deadline kind that closes a draft manifest at its cut-off: {@code manifest_close:<manifest id>}. */
    public static final String CLOSE_KIND = "manifest_close:";
    /** The deadline kind that asks the carrier again about a pending scan form: {@code manifest_check:<manifest id>}. */
    public static final String CHECK_KIND = "manifest_check:";
    /** How long a pending scan form waits before the carrier is asked again. */
    public static final java.time.Duration CHECK_EVERY = java.time.Duration.ofMinutes(5);
    /** Who closes a manifest at its cut-off. */
    public static final String CUTOFF_ACTOR = "manifest-cutoff";

    /** Where a submitted manifest's CSV file lives. */
    public static String fileKey(String tenantId, String manifestId) { return "manifests/" + tenantId + "/" + manifestId + ".csv"; }

    /** Where a submitted manifest's PDF (the driver's copy) lives. */
    public static String pdfKey(String tenantId, String manifestId) { return "manifests/" + tenantId + "/" + manifestId + ".pdf"; }

    public Manifest get(CommandContext ctx, String id) { return commits.get(ctx, Manifest.class, id, "manifest.not_found"); }

    /**
     * A new draft manifest of {@code shipmentIds} (may be empty). {@code timezone}/{@code cutoff} null: the schedule of
     * the warehouse's latest manifest with this carrier, else UTC and 17:00.
     */
    public Manifest create(CommandContext ctx, String warehouseId, String carrierName, LocalDate dispatchDate, String timezone, LocalTime cutoff,
                           List<String> shipmentIds) {
        List<Manifest.Entry> entries = new ArrayList<>();
        for (String id : shipmentIds) entries.add(entry(ShipmentFacts.of(fulfillments, ctx, id), warehouseId, carrierName));
        Schedule s = schedule(ctx.tenantId(), warehouseId, carrierName, timezone, cutoff);
        Manifest m = Manifest.draft(ids.next("mfst"), warehouseId, carrierName, dispatchDate, s.timezone(), s.cutoff(), entries, ctx.caller().actor().id(), clock.instant());
        return watched(ctx, commits.create(ctx, new ShippingCommits.Change<>(m, List.of(ShippingCommits.event("manifest.created", data(m))), claims(ctx, m, m.shipments(), true))));
    }

    /**
     * Puts a shipment on the draft manifest of the day it is dispatched: the day its label belongs to, or the next
     * dispatch day when that one has passed (now is after its cut-off) or was submitted already. The draft is created
     * when there is none (the warehouse's schedule inherited).
     */
    public Manifest book(CommandContext ctx, String shipmentId) {
        ShipmentFacts f = ShipmentFacts.of(fulfillments, ctx, shipmentId);
        if (f.carrier() == null) throw DomainException.unprocessable("shipment.no_carrier", "Shipment " + shipmentId + " names no carrier", "Nothing to book.");
        Schedule s = schedule(ctx.tenantId(), f.warehouseId(), f.carrier(), null, null);
        ManifestSchedule schedule = Manifest.schedule(s.timezone(), s.cutoff());
        Instant now = clock.instant();
        LocalDate day = schedule.manifestDate(f.labelBoughtAt().isAfter(now) ? f.labelBoughtAt() : now);
        for (int i = 0; i < 30; i++, day = schedule.nextShippingDay(day)) {
            List<Manifest> those = commits.store().manifests(ctx.tenantId(), f.warehouseId(), f.carrier(), day);
            Manifest draft = those.stream().filter(m -> Manifest.DRAFT.equals(m.status())).findFirst().orElse(null);
            if (draft != null) {
                Manifest.Entry e = entry(f, draft.warehouseId(), draft.carrier());
                return commits.update(ctx, Manifest.class, draft.id(), "manifest.not_found", m -> {
                    Manifest next = m.add(List.of(e), clock.instant());
                    return new ShippingCommits.Change<>(next, List.of(ShippingCommits.event("manifest.shipment_added",
                            Map.of("manifest_id", m.id(), "shipment_id", e.shipmentId(), "order_id", e.orderId()))), claims(ctx, next, List.of(e), false));
                });
            }
            if (those.isEmpty()) {
                Manifest m = Manifest.draft(ids.next("mfst"), f.warehouseId(), f.carrier(), day, s.timezone(), s.cutoff(), List.of(entry(f, f.warehouseId(), f.carrier())),
                        ctx.caller().actor().id(), now);
                return watched(ctx, commits.create(ctx, new ShippingCommits.Change<>(m, List.of(ShippingCommits.event("manifest.created", data(m))), claims(ctx, m, m.shipments(), true))));
            }
        }
        throw DomainException.conflict("manifest.none_open", "No open manifest in the next 30 shipping days", "Retry later.");
    }

    /**
     * Takes a shipment off the manifest it was booked on, before it is cancelled: nothing to do when it is on none;
     * removed from a draft or a manifest the carrier rejected ({@code manifest.shipment_removed}); 409 {@code shipment.manifest_submitted} when its
     * manifest was submitted (the carrier has its scan form). The shipment's claim stays: a cancelled shipment is
     * never booked again.
     */
    public void unbook(CommandContext ctx, String shipmentId) {
        String manifestId = commits.store().claimant(ctx.tenantId(), "MANIFESTED#" + shipmentId).orElse(null);
        if (manifestId == null) return;
        Manifest current = commits.store().find(ctx.tenantId(), Manifest.class, manifestId).orElse(null);
        if (current == null || current.shipments().stream().noneMatch(e -> e.shipmentId().equals(shipmentId))) return;
        if (!current.changeable()) {
            throw DomainException.conflict("shipment.manifest_submitted", "Shipment " + shipmentId + " is on manifest " + manifestId + ", which is " + current.status(),
                    "The carrier has the manifest's scan form: the shipment can no longer be cancelled; bring the goods back through a return.")
                    .with("shipment_id", shipmentId).with("manifest_id", manifestId);
        }
        // its own commit: the expected version and the idempotent answer belong to the order's cancellation
        commits.update(ctx.onLatestVersion().withoutJournal(), Manifest.class, manifestId, "manifest.not_found", m -> {
            if (!m.changeable()) {
                throw DomainException.conflict("shipment.manifest_submitted", "Manifest " + manifestId + " was submitted meanwhile",
                        "The shipment can no longer be cancelled.").with("shipment_id", shipmentId).with("manifest_id", manifestId);
            }
            Manifest next = m.without(shipmentId, clock.instant());
            return new ShippingCommits.Change<>(next, List.of(ShippingCommits.event("manifest.shipment_removed",
                    Map.of("manifest_id", m.id(), "shipment_id", shipmentId, "reason", "shipment_cancelled"))));
        });
    }

    /**
     * Closes the manifest (a draft, or a rejected one again) out with the carrier and files its CSV and PDF; a submitted
     * or accepted manifest is answered as it is. The carrier's answer is recorded with it when it comes at once
     * ({@code manifest.accepted} or {@code manifest.rejected}); a pending one is asked about again by the sweeper.
     */
    public Manifest submit(CommandContext ctx, String id) {
        Manifest current = get(ctx, id);
        if (Manifest.SUBMITTED.equals(current.status()) || Manifest.ACCEPTED.equals(current.status())) return current;
        current.checkSubmittable();
        if (ctx.expectedVersion() != null && ctx.expectedVersion() != current.version()) {
            throw DomainException.conflict("manifest.version_conflict", id + " has changed since you read it (it is now at version " + current.version() + ")",
                    "GET it again and send the change with the new ETag.").with("current_version", current.version());
        }
        String key = current.scanFormId() == null ? "manifest:" + id : "manifest:" + id + ":" + current.version();
        CarrierService.ScanForm form = carrier.scanForm(ctx.tenantId(), current.trackingNumbers(), key);
        storage.put(fileKey(ctx.tenantId(), id), "text/csv", csv(current).getBytes(StandardCharsets.UTF_8));
        storage.put(pdfKey(ctx.tenantId(), id), "application/pdf", files.pdf(current.submitted(form.id(), form.documentUrl(), clock.instant())));
        String outcome = switch (form.status()) {
            case CarrierService.FORM_ACCEPTED -> Manifest.ACCEPTED;
            case CarrierService.FORM_REJECTED -> Manifest.REJECTED;
            default -> Manifest.SUBMITTED;
        };
        if (Manifest.SUBMITTED.equals(outcome)) {
            // before the commit, so a crash after it never leaves a pending form unwatched (a check of an answered one is cleared)
            deadlines.set(new dev.oms.app.port.Deadlines.Deadline(ctx.tenantId(), id, CHECK_KIND + id, clock.instant().plus(CHECK_EVERY), null));
        }
        return commits.update(ctx, Manifest.class, id, "manifest.not_found", m -> {
            Manifest next = m.submitted(form.id(), form.documentUrl(), outcome, form.message(), clock.instant());
            Map<String, Object> d = data(next);
            d.put("status", Manifest.SUBMITTED);
            d.put("scan_form_id", form.id());
            List<dev.oms.domain.DomainEvent> events = new ArrayList<>(List.of(ShippingCommits.event("manifest.submitted", d)));
            if (!Manifest.SUBMITTED.equals(outcome)) events.add(answerEvent(next));
            return new ShippingCommits.Change<>(next, events);
        });
    }

    /** {@code manifest.accepted}, or {@code manifest.rejected} with the carrier's {@code reason}. */
    private static dev.oms.domain.DomainEvent answerEvent(Manifest m) {
        Map<String, Object> d = data(m);
        d.put("scan_form_id", m.scanFormId());
        if (Manifest.REJECTED.equals(m.status())) d.put("reason", m.rejectionReason());
        return ShippingCommits.event(Manifest.ACCEPTED.equals(m.status()) ? "manifest.accepted" : "manifest.rejected", d);
    }

    /** A new draft is closed at its cut-off by the sweeper: its deadline (the policies' deadline index). */
    private Manifest watched(CommandContext ctx, Manifest draft) {
        if (Manifest.DRAFT.equals(draft.status())) {
            deadlines.set(new dev.oms.app.port.Deadlines.Deadline(ctx.tenantId(), draft.id(), CLOSE_KIND + draft.id(), draft.closesAt(), null));
        }
        return draft;
    }

    /**
     * The cut-off sweeper (every 5 minutes), over the due deadlines of both kinds: each draft manifest whose cut-off has
     * passed is submitted as {@value #CUTOFF_ACTOR} (the carrier's scan form, the CSV and the PDF,
     * {@code manifest.submitted}; an empty one stays a draft), and each submitted manifest whose scan form was pending
     * gets the carrier's answer ({@link #checkCarrierAnswer}). Answers each manifest's outcome: {@code submitted},
     * {@code accepted}, {@code rejected}, {@code pending}, {@code empty}, {@code already_submitted}, {@code gone}, or the
     * refusal's code (a carrier that does not answer leaves the deadline for the next sweep).
     */
    public Map<String, String> closeAtCutoff(java.time.Instant now, int limit) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (var d : deadlines.due(now, limit)) {
            boolean close = d.kind().startsWith(CLOSE_KIND);
            if (!close && !d.kind().startsWith(CHECK_KIND)) continue;
            String id = d.kind().substring(close ? CLOSE_KIND.length() : CHECK_KIND.length());
            CommandContext system = new CommandContext(new dev.oms.app.security.Caller(d.tenantId(), CUTOFF_ACTOR, "system",
                    java.util.Set.of("service"), null, null), null, null, "cut-off", null);
            String outcome;
            try {
                Manifest m = commits.store().find(d.tenantId(), Manifest.class, id).orElse(null);
                if (m == null) outcome = "gone";
                else if (!close) outcome = checkCarrierAnswer(system, id);
                else if (!Manifest.DRAFT.equals(m.status())) outcome = "already_submitted";
                else if (m.shipments().isEmpty()) outcome = "empty";
                else outcome = submit(system, id).status();
            } catch (dev.oms.app.connector.ConnectorException unavailable) {
                out.put(id, "connector.unavailable"); // the next sweep tries again
                continue;
            } catch (DomainException refused) {
                outcome = refused.code();
            }
            if (CarrierService.FORM_PENDING.equals(outcome)) {
                deadlines.move(new dev.oms.app.port.Deadlines.Deadline(d.tenantId(), d.orderId(), CHECK_KIND + id, now.plus(CHECK_EVERY), null));
            } else {
                deadlines.clear(d.tenantId(), d.orderId(), d.kind());
            }
            out.put(id, outcome);
        }
        return out;
    }

    /**
     * Asks the carrier about a submitted manifest's scan form and records its answer ({@code manifest.accepted} or
     * {@code manifest.rejected}); answers the manifest's status, {@code pending} while the carrier has not decided.
     */
    public String checkCarrierAnswer(CommandContext ctx, String id) {
        Manifest current = get(ctx, id);
        if (!Manifest.SUBMITTED.equals(current.status())) return current.status();
        CarrierService.ScanForm form = carrier.scanFormStatus(ctx.tenantId(), current.scanFormId());
        if (CarrierService.FORM_PENDING.equals(form.status())) return CarrierService.FORM_PENDING;
        return commits.update(ctx, Manifest.class, id, "manifest.not_found", m -> {
            Manifest next = m.answered(CarrierService.FORM_ACCEPTED.equals(form.status()), form.message(), clock.instant());
            return new ShippingCommits.Change<>(next, List.of(answerEvent(next)));
        }).status();
    }

    private record Schedule(String timezone, LocalTime cutoff) { }

    /**
     * The schedule of a new manifest: what the request gives, else the warehouse record's time zone and its cut-off for
     * the carrier (or for every carrier), else the warehouse's latest manifest's with this carrier, else UTC and 17:00.
     */
    private Schedule schedule(String tenantId, String warehouseId, String carrierName, String timezone, LocalTime cutoff) {
        if (timezone != null && cutoff != null) return new Schedule(timezone, cutoff);
        Warehouse w = warehouses.find(tenantId, warehouseId).orElse(null);
        String zone = timezone != null ? timezone : w != null && w.timezone() != null ? w.timezone() : null;
        LocalTime at = cutoff != null ? cutoff : w == null ? null : cutoffOf(w, carrierName);
        if (zone != null && at != null) return new Schedule(zone, at);
        var latest = commits.store().latestManifest(tenantId, warehouseId, carrierName);
        if (zone == null) zone = latest.map(Manifest::timezone).orElse("UTC");
        if (at == null) at = latest.map(Manifest::cutoff).orElse(Manifest.DEFAULT_CUTOFF);
        return new Schedule(zone, at);
    }

    /** The warehouse's cut-off for the carrier (its name compared without case), else its cut-off for every carrier. */
    static LocalTime cutoffOf(Warehouse w, String carrierName) {
        LocalTime any = null;
        for (Warehouse.Cutoff c : w.cutoffs()) {
            if (c.carrier() == null) any = c.time();
            else if (c.carrier().equalsIgnoreCase(carrierName)) return c.time();
        }
        return any;
    }

    private static Manifest.Entry entry(ShipmentFacts f, String warehouseId, String carrierName) {
        if (Shipment.CANCELLED.equals(f.status())) {
            throw DomainException.conflict("shipment.already_cancelled", "Shipment " + f.shipmentId() + " was cancelled", "Book its new shipment instead.")
                    .with("shipment_id", f.shipmentId());
        }
        if (!f.warehouseId().equals(warehouseId)) {
            throw DomainException.unprocessable("manifest.warehouse_mismatch", "Shipment " + f.shipmentId() + " leaves warehouse " + f.warehouseId() + ", not " + warehouseId,
                    "Put it on a manifest of " + f.warehouseId() + ".").with("shipment_id", f.shipmentId());
        }
        if (f.carrier() == null || !f.carrier().equals(carrierName)) {
            throw DomainException.unprocessable("manifest.carrier_mismatch", "Shipment " + f.shipmentId() + " goes with " + f.carrier() + ", not " + carrierName,
                    "Put it on a manifest of its carrier.").with("shipment_id", f.shipmentId());
        }
        return new Manifest.Entry(f.shipmentId(), f.orderId(), f.trackingNumbers(), f.labelBoughtAt());
    }

    /** Each shipment on one manifest only; with {@code day}, one manifest per warehouse, carrier and day. */
    private static List<Claim> claims(CommandContext ctx, Manifest m, List<Manifest.Entry> added, boolean day) {
        List<Claim> out = new ArrayList<>();
        if (day) {
            out.add(new Claim("MANIFEST#" + m.warehouseId() + "#" + m.carrier() + "#" + m.dispatchDate(), DomainException.conflict("manifest.exists",
                    "Warehouse " + m.warehouseId() + " has a manifest for " + m.carrier() + " on " + m.dispatchDate() + " already",
                    "Add the shipments to it with POST /v1/fulfillment/shipments/{shipmentId}/book, or choose another dispatch_date.")));
        }
        for (Manifest.Entry e : added) {
            out.add(new Claim("MANIFESTED#" + e.shipmentId(), DomainException.conflict("shipment.already_manifested",
                    "Shipment " + e.shipmentId() + " is on a manifest already", "Nothing to do.").with("shipment_id", e.shipmentId())));
        }
        return out;
    }

    static Map<String, Object> data(Manifest m) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("manifest_id", m.id());
        d.put("warehouse_id", m.warehouseId());
        d.put("carrier", m.carrier());
        d.put("dispatch_date", m.dispatchDate().toString());
        d.put("status", m.status());
        d.put("shipment_ids", m.shipments().stream().map(Manifest.Entry::shipmentId).toList());
        return d;
    }

    static String csv(Manifest m) {
        StringBuilder b = new StringBuilder("manifest_id,warehouse_id,carrier,dispatch_date,shipment_id,order_id,tracking_number\n");
        for (Manifest.Entry e : m.shipments()) {
            for (String n : e.trackingNumbers()) {
                b.append(String.join(",", m.id(), m.warehouseId(), m.carrier(), m.dispatchDate().toString(), e.shipmentId(), e.orderId(), n)).append('\n');
            }
        }
        return b.toString();
    }
}
