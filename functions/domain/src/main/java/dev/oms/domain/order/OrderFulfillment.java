package dev.oms.domain.order;

import dev.oms.domain.Actor;
import dev.oms.domain.DomainException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fulfilment rules of an order: fulfilments allocate units of its lines (never more than a line has left), ship
 * in shipments, are tracked parcel by parcel, and are delivered. Each operation changes the order's children through
 * {@link Order#putChild}, records its events and keeps the order's {@code fulfillment_status} and
 * {@code shipping_status} up to date (see {@link #refreshStatuses}).
 */
public final class OrderFulfillment {
    public static final int MAX_LINES = Order.MAX_LINES;
    public static final int MAX_SERIALS = 1_000;

    private OrderFulfillment() { }

    // ---- create ----------------------------------------------------------------------------------------------------

    /**
     * Checks that the order may be fulfilled and that the request fits what its lines have left; answers the units
     * asked per line. Used before reserving stock and again when the fulfilment is created.
     */
    public static Map<String, Long> check(Order o, FulfillmentRequest req, boolean allowPartial) {
        assertFulfillable(o);
        if (req.lines().isEmpty()) throw DomainException.invalidField("lines", "field.required", "A fulfilment needs at least one line");
        if (req.lines().size() > MAX_LINES) throw DomainException.invalidField("lines", "lines.too_many", "At most " + MAX_LINES + " lines");
        Map<String, Long> wanted = new LinkedHashMap<>();
        Set<String> serials = new HashSet<>();
        for (int i = 0; i < req.lines().size(); i++) {
            FulfillmentLine l = req.lines().get(i);
            String at = "lines[" + i + "]";
            if (o.lines().stream().noneMatch(x -> x.id().equals(l.lineId()))) {
                throw DomainException.invalidField(at + ".line_id", "line.not_found", "Order " + o.id() + " has no line " + l.lineId());
            }
            if (l.quantity() <= 0) throw DomainException.invalidField(at + ".quantity", "quantity.not_positive", "quantity must be positive");
            if (!l.serials().isEmpty() && l.serials().size() != l.quantity()) {
                throw DomainException.invalidField(at + ".serials", "serials.count_mismatch",
                        "Give one serial number per unit (" + l.quantity() + "), or none");
            }
            for (String s : l.serials()) {
                if (!serials.add(s)) throw DomainException.invalidField(at + ".serials", "serials.duplicate", "Serial " + s + " appears twice");
            }
            wanted.merge(l.lineId(), l.quantity(), Math::addExact);
        }
        for (Map.Entry<String, Long> e : wanted.entrySet()) {
            long left = remaining(o, e.getKey());
            if (e.getValue() > left) {
                throw DomainException.conflict("fulfillment.quantity_exceeds_remaining",
                                "Line " + e.getKey() + " has " + left + " unit(s) left to fulfil, " + e.getValue() + " asked",
                                "Fulfil at most the units not yet in another fulfilment; cancel a fulfilment to free its units.")
                        .with("line_id", e.getKey()).with("remaining", left);
            }
        }
        if (!allowPartial) {
            for (OrderLine line : o.lines()) {
                long left = remaining(o, line.id());
                if (left > 0 && wanted.getOrDefault(line.id(), 0L) != left) {
                    throw DomainException.unprocessable("fulfillment.partial_not_allowed",
                                    "This tenant ships orders complete: line " + line.id() + " needs all " + left + " remaining unit(s)",
                                    "Put every remaining unit of every line in the fulfilment, or allow partial shipments.")
                            .with("line_id", line.id()).with("remaining", left);
                }
            }
        }
        return wanted;
    }

    /** Units of a line not yet held by a fulfilment that is not cancelled. */
    public static long remaining(Order o, String lineId) {
        return Math.max(0, o.line(lineId).quantity() - o.units(lineId, UnitMeasure.ALLOCATED));
    }

    public static Fulfillment create(Order o, FulfillmentRequest req, String id, String mode, boolean allowPartial, Actor actor, Instant now) {
        java.util.Optional<Fulfillment> existing = o.child(Fulfillment.class, id);
        if (existing.isPresent()) return existing.get();
        Map<String, Long> wanted = check(o, req, allowPartial);
        Fulfillment f = new Fulfillment(id, req.warehouseId(), FulfillmentStatus.PENDING, req.lines(), req.carrierHint(),
                req.serviceCode(), req.shipmentReference(), req.externalReference(), mode, null, List.of(), null, null, null,
                actor.id(), now, now, null, null, null, null);
        o.putChild(f);
        o.touch(now);
        Map<String, Object> d = Order.data("fulfillment_id", id, "warehouse_id", req.warehouseId(), "status", f.status().wire(),
                "mode", mode, "lines", lineData(wanted), "carrier_hint", req.carrierHint(), "service_code", req.serviceCode(),
                "external_reference", req.externalReference());
        o.record("fulfillment.created", withStatuses(o, d));
        return f;
    }

    /**
     * Accepts a request for the fulfill-order saga: the rules are checked now (nothing is reserved or allocated yet);
     * the saga reserves stock and creates fulfilment {@code id} from the event's data, and gives up (releasing and
     * cancelling) when it has not shipped within {@code shipWithinSeconds}.
     */
    public static void request(Order o, FulfillmentRequest req, String id, boolean allowPartial, long shipWithinSeconds, Instant now) {
        Map<String, Long> wanted = check(o, req, allowPartial);
        o.touch(now);
        List<Object> lines = new ArrayList<>();
        for (FulfillmentLine l : req.lines()) {
            lines.add(Order.data("line_id", l.lineId(), "quantity", l.quantity(), "lot_id", l.lotId(), "serials", l.serials()));
        }
        o.record("fulfillment.requested", Order.data("fulfillment_id", id, "warehouse_id", req.warehouseId(), "lines", lines,
                "units", lineData(wanted), "carrier_hint", req.carrierHint(), "service_code", req.serviceCode(),
                "shipment_reference", req.shipmentReference(), "external_reference", req.externalReference(),
                "ship_within_seconds", shipWithinSeconds));
    }

    private static void assertFulfillable(Order o) {
        assertNoCancellation(o);
        if (o.status() == OrderStatus.ON_HOLD) {
            throw DomainException.conflict("order.blocked.on_hold", "Order " + o.id() + " is on hold",
                    "Release the order's holds, then fulfil it.");
        }
        if (o.status() != OrderStatus.CONFIRMED) {
            throw DomainException.conflict("order.not_fulfillable", "A " + o.status().wire() + " order cannot be fulfilled",
                    "Only confirmed orders are fulfilled; confirm the order first.").with("current_status", o.status().wire());
        }
    }

    private static void assertNoCancellation(Order o) {
        if (o.openCancellation() != null || o.status() == OrderStatus.CANCELLING) {
            throw DomainException.conflict("order.cancellation_in_progress", "Order " + o.id() + " has a cancellation in progress",
                    "Wait for the cancellation to finish.");
        }
    }

    // ---- update, cancel --------------------------------------------------------------------------------------------

    /** A warehouse step ({@code picking}, {@code packed}), {@code in_transit}, an estimated delivery or tracking numbers. */
    public static Fulfillment update(Order o, String id, FulfillmentStatus to, Instant estimate, List<String> tracking, Instant now) {
        Fulfillment f = o.requireChild(Fulfillment.class, id, "fulfillment.not_found");
        if (f.status() == FulfillmentStatus.CANCELLED || f.status() == FulfillmentStatus.DELIVERED) {
            throw DomainException.conflict("fulfillment.closed", "Fulfilment " + id + " is " + f.status().wire() + " and can no longer change",
                    "Nothing can be changed on a cancelled or delivered fulfilment.").with("current_status", f.status().wire());
        }
        List<String> fields = new ArrayList<>();
        Fulfillment next = f;
        if (to != null && to != f.status()) {
            if (!f.status().mayPatchTo(to)) throw invalidTransition(f, to);
            next = next.withStatus(to, now);
            fields.add("status");
        }
        if (estimate != null && !estimate.equals(f.estimatedDelivery())) fields.add("estimated_delivery");
        if (tracking != null && !tracking.equals(f.trackingNumbers())) fields.add("tracking_numbers");
        if (fields.isEmpty()) return f;
        next = next.withDetails(estimate, tracking, now);
        o.putChild(next);
        o.touch(now);
        o.record("fulfillment.updated", Order.data("fulfillment_id", id, "fields", fields, "from", f.status().wire(),
                "to", next.status().wire(), "estimated_delivery", next.estimatedDelivery() == null ? null : next.estimatedDelivery().toString(),
                "tracking_numbers", next.trackingNumbers()));
        return next;
    }

    /**
     * Cancels a fulfilment that has not shipped; its units are free for another fulfilment. Cancelling a cancelled
     * fulfilment changes nothing.
     */
    public static Fulfillment cancel(Order o, String id, String reason, Instant now) {
        Fulfillment f = o.requireChild(Fulfillment.class, id, "fulfillment.not_found");
        if (f.status() == FulfillmentStatus.CANCELLED) return f;
        if (!f.status().isOpen()) {
            throw DomainException.conflict("fulfillment.already_shipped", "Fulfilment " + id + " is " + f.status().wire() + " and can no longer be cancelled",
                    "Shipped goods come back through a return.").with("current_status", f.status().wire());
        }
        Fulfillment cancelled = f.cancelled(reason, now);
        o.putChild(cancelled);
        o.touch(now);
        Map<String, Object> d = Order.data("fulfillment_id", id, "from", f.status().wire(), "reason", reason,
                "lines", lineData(units(f)));
        o.record("fulfillment.cancelled", withStatuses(o, d), reason);
        return cancelled;
    }

    /** Keeps the saga's task token on the fulfilment, so shipping it tells the waiting saga. */
    public static Fulfillment awaitShipment(Order o, String id, String taskToken, Instant now) {
        Fulfillment f = o.requireChild(Fulfillment.class, id, "fulfillment.not_found");
        if (taskToken.equals(f.taskToken())) return f;
        if (!Fulfillment.SAGA.equals(f.mode())) {
            throw DomainException.conflict("fulfillment.not_saga", "Fulfilment " + id + " is not run by the fulfill-order saga", "Nothing waits for it.");
        }
        Fulfillment next = f.withTaskToken(taskToken, now);
        o.putChild(next);
        o.touch(now);
        o.record("fulfillment.updated", Order.data("fulfillment_id", id, "fields", List.of("awaiting_shipment"),
                "from", f.status().wire(), "to", f.status().wire()));
        return next;
    }

    /** The saga told the customer about the shipment: its wait on the fulfilment is over (the token is dropped). */
    public static Fulfillment sagaNotified(Order o, String id, Instant now) { return dropTaskToken(o, id, "customer_notified", now); }

    /**
     * The saga gave up waiting but the fulfilment provider is shipping it after all: nothing waits any more, so its
     * shipment is announced like any other (the notifications subscriber sends the email).
     */
    public static Fulfillment sagaLeftToProvider(Order o, String id, Instant now) { return dropTaskToken(o, id, "left_to_provider", now); }

    /** Nothing waits on the fulfilment any more; {@code why} is the field the {@code fulfillment.updated} event names. */
    private static Fulfillment dropTaskToken(Order o, String id, String why, Instant now) {
        Fulfillment f = o.requireChild(Fulfillment.class, id, "fulfillment.not_found");
        if (f.taskToken() == null) return f;
        Fulfillment next = f.withTaskToken(null, now);
        o.putChild(next);
        o.touch(now);
        o.record("fulfillment.updated", Order.data("fulfillment_id", id, "fields", List.of(why), "from", f.status().wire(), "to", f.status().wire()));
        return next;
    }

    // ---- ship ---------------------------------------------------------------------------------------------------------

    /**
     * Records a shipment of open fulfilments: each becomes {@code shipped}, with the shipment's tracking numbers; the
     * shipment starts with one {@code label_created} parcel per tracking number.
     */
    public static Shipment ship(Order o, ShipmentRequest req, String shipmentId, Actor actor, Instant now) {
        List<Fulfillment> fs = checkShippable(o, req.fulfillmentIds());
        if (req.trackingNumbers().isEmpty()) throw DomainException.invalidField("tracking_numbers", "field.required", "A shipment needs a tracking number");
        if (new HashSet<>(req.trackingNumbers()).size() != req.trackingNumbers().size()) {
            throw DomainException.invalidField("tracking_numbers", "tracking_numbers.duplicate", "Each parcel has its own tracking number");
        }
        List<Parcel> parcels = req.trackingNumbers().stream().map(Parcel::labelled).toList();
        return record(o, req, fs, parcels, shipmentId, actor, now);
    }

    /** The open fulfilments a shipment may take, checked before a carrier is asked for tracking numbers. */
    public static List<Fulfillment> checkShippable(Order o, List<String> fulfillmentIds) {
        assertNoCancellation(o);
        if (o.status() == OrderStatus.ON_HOLD) {
            throw DomainException.conflict("order.blocked.on_hold", "Order " + o.id() + " is on hold", "Release the order's holds, then ship it.");
        }
        if (o.status() != OrderStatus.CONFIRMED) {
            throw DomainException.conflict("order.not_fulfillable", "A " + o.status().wire() + " order cannot be shipped",
                    "Only confirmed orders are shipped.").with("current_status", o.status().wire());
        }
        if (fulfillmentIds.isEmpty()) throw DomainException.invalidField("fulfillment_ids", "field.required", "Name the fulfilments shipped");
        if (fulfillmentIds.size() > ShipmentRequest.MAX_FULFILLMENTS) {
            throw DomainException.invalidField("fulfillment_ids", "field.too_many", "A shipment holds at most " + ShipmentRequest.MAX_FULFILLMENTS + " fulfilments");
        }
        if (new HashSet<>(fulfillmentIds).size() != fulfillmentIds.size()) {
            throw DomainException.invalidField("fulfillment_ids", "fulfillment_ids.duplicate", "Name each fulfilment once");
        }
        List<Fulfillment> fs = new ArrayList<>();
        for (String id : fulfillmentIds) {
            Fulfillment f = o.requireChild(Fulfillment.class, id, "fulfillment.not_found");
            if (f.status() == FulfillmentStatus.CANCELLED) {
                throw DomainException.conflict("fulfillment.cancelled", "Fulfilment " + id + " is cancelled", "Create a new fulfilment.");
            }
            if (f.status().isShipped()) {
                throw DomainException.conflict("fulfillment.already_shipped", "Fulfilment " + id + " has already shipped (shipment " + f.shipmentId() + ")",
                        "Each fulfilment ships once; see its shipment.").with("shipment_id", f.shipmentId());
            }
            fs.add(f);
        }
        return fs;
    }

    private static Shipment record(Order o, ShipmentRequest req, List<Fulfillment> fs, List<Parcel> parcels, String shipmentId, Actor actor, Instant now) {
        String labelStatus = req.labelReference() != null ? Shipment.LABEL_EXTERNAL : Shipment.LABEL_PENDING;
        Shipment s = new Shipment(shipmentId, req.fulfillmentIds(), req.carrier(), req.serviceCode(), parcels, req.weightGrams(),
                req.dimensions(), req.labelReference(), labelStatus, null, null, List.of(), actor.id(), now, now, null, null);
        o.putChild(s);
        for (Fulfillment f : fs) o.putChild(f.shipped(shipmentId, req.trackingNumbers(), now));
        if (o.state().firstShippedAt == null) o.state().firstShippedAt = now;
        o.touch(now);
        o.record("shipment.created", Order.data("shipment_id", shipmentId, "fulfillment_ids", req.fulfillmentIds(),
                "carrier", req.carrier(), "service_code", req.serviceCode(), "tracking_numbers", req.trackingNumbers(),
                "parcel_count", parcels.size(), "weight_grams", req.weightGrams(), "label_status", labelStatus));
        Map<String, Object> shipped = Order.data("fulfillment_id", req.fulfillmentIds().get(0), "fulfillment_ids", req.fulfillmentIds(),
                "shipment_id", shipmentId, "tracking_numbers", req.trackingNumbers(), "carrier", req.carrier(),
                "service_code", req.serviceCode(), "customer_id", o.customerId(),
                "saga", fs.stream().allMatch(f -> Fulfillment.SAGA.equals(f.mode()) && f.taskToken() != null));
        o.record("order.shipped", withStatuses(o, shipped));
        return s;
    }

    // ---- the carrier's booking key ---------------------------------------------------------------------------------

    /**
     * The key the carrier books a new shipment of these fulfilments under: {@code ship:<fulfilment ids>}, so a retried
     * request gets the same labels, and {@code #r<n>} after it when {@code n} earlier shipments of any of them were
     * cancelled (their labels are void: a new shipment must buy new ones).
     */
    public static String bookingKey(Order o, List<String> fulfillmentIds) {
        return bookingKey(fulfillmentIds, cancelledBefore(o, fulfillmentIds, null));
    }

    /** The key a shipment's labels were bought under (what {@link #bookingKey(Order, List)} answered when it was created). */
    public static String bookingKeyOf(Order o, Shipment s) {
        return bookingKey(s.fulfillmentIds(), cancelledBefore(o, s.fulfillmentIds(), s));
    }

    private static String bookingKey(List<String> fulfillmentIds, long cancelled) {
        String key = "ship:" + String.join(",", fulfillmentIds);
        return cancelled == 0 ? key : key + "#r" + cancelled;
    }

    private static long cancelledBefore(Order o, List<String> fulfillmentIds, Shipment of) {
        return o.children(Shipment.class).stream()
                .filter(x -> x.isCancelled() && x.fulfillmentIds().stream().anyMatch(fulfillmentIds::contains))
                .filter(x -> of == null || (!x.id().equals(of.id()) && x.createdAt().isBefore(of.createdAt())))
                .count();
    }

    // ---- cancel a shipment before handover ------------------------------------------------------------------------

    /**
     * Checks that a shipment may still be cancelled: not cancelled already (409 {@code shipment.already_cancelled}),
     * and the carrier has not taken it (every parcel still {@code label_created}, nothing delivered; else 409
     * {@code shipment.handed_over}). Answers the shipment.
     */
    public static Shipment checkShipmentCancellable(Order o, String shipmentId) {
        Shipment s = o.requireChild(Shipment.class, shipmentId, "shipment.not_found");
        if (s.isCancelled()) {
            throw DomainException.conflict("shipment.already_cancelled", "Shipment " + shipmentId + " was cancelled already",
                    "Nothing to do; create a new shipment for its fulfilments.").with("shipment_id", shipmentId);
        }
        if (s.handedOver()) {
            throw DomainException.conflict("shipment.handed_over", "The carrier has taken shipment " + shipmentId + " (it is " + s.statusWire() + ")",
                    "A shipment is cancelled only before handover; bring the goods back through a return.")
                    .with("shipment_id", shipmentId).with("current_status", s.statusWire());
        }
        return s;
    }

    /**
     * Cancels a shipment the carrier has not taken: the shipment keeps its record as {@code cancelled} (with the
     * label's void status) and its fulfilments are packed again (no shipment, no tracking numbers), so the order's
     * {@code fulfillment_status} and {@code shipping_status} step back. Records {@code shipment.cancelled}.
     */
    public static Shipment cancelShipment(Order o, String shipmentId, Actor actor, String reason, String voidStatus, Instant now) {
        Shipment s = checkShipmentCancellable(o, shipmentId);
        Shipment next = s.cancelled(new Shipment.Cancellation(now, actor.id(), reason, voidStatus), now);
        o.putChild(next);
        for (String fid : s.fulfillmentIds()) {
            o.child(Fulfillment.class, fid).filter(f -> shipmentId.equals(f.shipmentId()) && f.status().isShipped())
                    .ifPresent(f -> o.putChild(f.unshipped(now)));
        }
        o.touch(now);
        o.record("shipment.cancelled", withStatuses(o, Order.data("shipment_id", shipmentId, "fulfillment_ids", s.fulfillmentIds(),
                "carrier", s.carrier(), "tracking_numbers", s.trackingNumbers(), "reason", reason, "void_status", voidStatus)));
        return next;
    }

    // ---- tracking and delivery --------------------------------------------------------------------------------------

    /**
     * Applies carrier reports to a shipment's parcels. Reports already seen (same id) are skipped; reports that would
     * move a parcel back are kept as not applied. When the last parcel is delivered, the shipment and its fulfilments
     * are delivered. Answers the shipment (unchanged when every report was known).
     */
    public static Shipment track(Order o, String shipmentId, List<TrackingEvent> reports, Instant now) {
        Shipment s = o.requireChild(Shipment.class, shipmentId, "shipment.not_found");
        List<Parcel> parcels = new ArrayList<>(s.parcels());
        List<TrackingEvent> added = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (TrackingEvent e : reports) {
            if (s.hasEvent(e.id()) || !seen.add(e.id())) continue;
            int at = parcels.stream().map(Parcel::trackingNumber).toList().indexOf(e.trackingNumber());
            if (at < 0) {
                throw DomainException.unprocessable("shipment.parcel_not_found", "Shipment " + shipmentId + " has no parcel " + e.trackingNumber(),
                        "Send tracking for one of the shipment's tracking numbers.").with("tracking_numbers", s.trackingNumbers());
            }
            Parcel before = parcels.get(at);
            Parcel after = s.deliveredAt() != null || s.isCancelled() ? before : before.after(e.status());
            parcels.set(at, after);
            added.add(e.applied(!after.equals(before)));
        }
        if (added.isEmpty()) return s;
        TrackingStatus from = s.status();
        Shipment next = s.withParcels(parcels, added, now);
        boolean delivered = next.deliveredAt() == null && Shipment.merged(parcels) == TrackingStatus.DELIVERED;
        if (delivered) next = next.delivered(now);
        o.putChild(next);
        List<Object> evs = new ArrayList<>();
        for (TrackingEvent e : added) {
            evs.add(Order.data("tracking_number", e.trackingNumber(), "status", e.status().wire(), "applied", e.applied(),
                    "occurred_at", e.occurredAt() == null ? null : e.occurredAt().toString(), "location", e.location()));
        }
        List<String> delivered_ = new ArrayList<>();
        for (String fid : s.fulfillmentIds()) {
            Fulfillment f = o.child(Fulfillment.class, fid).orElse(null);
            if (f == null || s.isCancelled() || f.status() == FulfillmentStatus.DELIVERED || f.status() == FulfillmentStatus.CANCELLED) continue;
            if (delivered) {
                o.putChild(f.withStatus(FulfillmentStatus.DELIVERED, now));
                delivered_.add(fid);
            } else if (f.status() == FulfillmentStatus.SHIPPED && next.status().rank() >= TrackingStatus.IN_TRANSIT.rank()) {
                o.putChild(f.withStatus(FulfillmentStatus.IN_TRANSIT, now));
            }
        }
        o.touch(now);
        if (delivered) o.state().lastDeliveredAt = now;
        o.record("shipment.tracking_updated", withStatuses(o, Order.data("shipment_id", shipmentId, "from", from.wire(),
                "status", next.status().wire(), "events", evs)));
        for (String fid : delivered_) {
            o.record("fulfillment.delivered", withStatuses(o, Order.data("fulfillment_id", fid, "shipment_id", shipmentId, "source", "carrier")));
        }
        if (delivered) o.record("shipment.delivered", withStatuses(o, Order.data("shipment_id", shipmentId, "source", "carrier",
                "fulfillment_ids", s.fulfillmentIds())));
        return next;
    }

    /**
     * The customer (a B2B buyer, a drop-ship destination) confirms the goods arrived: the fulfilment is delivered, and
     * its shipment too once all the shipment's fulfilments are. Confirming again changes nothing.
     */
    public static Fulfillment confirmReceipt(Order o, String id, String receivedBy, String note, Instant now) {
        Fulfillment f = o.requireChild(Fulfillment.class, id, "fulfillment.not_found");
        if (f.status() == FulfillmentStatus.DELIVERED) return f;
        if (!f.status().isShipped()) {
            throw DomainException.conflict("fulfillment.not_shipped", "Fulfilment " + id + " is " + f.status().wire() + " and has not shipped",
                    "Ship the fulfilment first; only shipped goods can be received.").with("current_status", f.status().wire());
        }
        Fulfillment done = f.withStatus(FulfillmentStatus.DELIVERED, now);
        o.putChild(done);
        o.state().lastDeliveredAt = now;
        o.touch(now);
        o.record("fulfillment.delivered", withStatuses(o, Order.data("fulfillment_id", id, "shipment_id", f.shipmentId(),
                "source", "receipt", "received_by", receivedBy, "note", note)), note);
        Shipment s = f.shipmentId() == null ? null : o.child(Shipment.class, f.shipmentId()).orElse(null);
        if (s != null && s.deliveredAt() == null) {
            boolean all = s.fulfillmentIds().stream().allMatch(fid -> o.child(Fulfillment.class, fid)
                    .map(x -> x.status() == FulfillmentStatus.DELIVERED || x.status() == FulfillmentStatus.CANCELLED).orElse(true));
            if (all) {
                o.putChild(s.delivered(now));
                o.record("shipment.delivered", withStatuses(o, Order.data("shipment_id", s.id(), "source", "receipt",
                        "fulfillment_ids", s.fulfillmentIds())));
            }
        }
        return done;
    }

    // ---- labels --------------------------------------------------------------------------------------------------------

    /**
     * Files the rendered label (PDF and ZPL) of a shipment, and its packing slip, with the order's documents and marks
     * the label ready. A
     * shipment whose label is ready already keeps it (a redelivered label job changes nothing).
     */
    public static Shipment attachLabel(Order o, String shipmentId, OrderDocument pdf, OrderDocument zpl, OrderDocument packingSlip, Instant now) {
        return attachLabel(o, shipmentId, pdf, zpl, null, packingSlip, now);
    }

    /** The same with the label as a PNG image too (its document id derives from the shipment: {@link #pngLabelId}). */
    public static Shipment attachLabel(Order o, String shipmentId, OrderDocument pdf, OrderDocument zpl, OrderDocument png, OrderDocument packingSlip,
                                       Instant now) {
        Shipment s = o.requireChild(Shipment.class, shipmentId, "shipment.not_found");
        if (!Shipment.LABEL_PENDING.equals(s.labelStatus())) return s;
        o.attachDocument(pdf, now);
        o.attachDocument(zpl, now);
        if (png != null) o.attachDocument(png, now);
        if (packingSlip != null) o.attachDocument(packingSlip, now);
        Shipment next = s.withLabel(pdf.id(), zpl.id(), now);
        o.putChild(next);
        o.record("shipment.label_ready", Order.data("shipment_id", shipmentId, "document_id", pdf.id(), "zpl_document_id", zpl.id(),
                "packing_slip_document_id", packingSlip == null ? null : packingSlip.id(),
                "tracking_numbers", s.trackingNumbers()));
        return next;
    }

    /** The document id of a shipment's PNG label: {@code doc_png} and the shipment id without its prefix. */
    public static String pngLabelId(String shipmentId) { return "doc_png" + shipmentId.substring(shipmentId.indexOf('_') + 1); }

    /** Records that the ready label of a shipment was rendered again (the same label, the same documents). */
    public static Shipment labelRegenerated(Order o, String shipmentId, String reason) {
        Shipment s = o.requireChild(Shipment.class, shipmentId, "shipment.not_found");
        o.record("shipment.label_regenerated", Order.data("shipment_id", shipmentId, "document_id", s.labelDocumentId(),
                "zpl_document_id", s.zplDocumentId(), "tracking_numbers", s.trackingNumbers()), reason);
        return s;
    }

    // ---- cancellation of the order -------------------------------------------------------------------------------------

    /**
     * The open fulfilments a cancellation has to cancel: all of them for a whole order; for some units, per line, the
     * newest open fulfilments holding that line until the units left unallocated cover the cancelled quantity.
     */
    public static List<Fulfillment> toCancelFor(Order o, Cancellation c) {
        List<Fulfillment> open = o.children(Fulfillment.class).stream().filter(f -> f.status().isOpen()).toList();
        if (c.scope().equals(Cancellation.FULL)) return open;
        List<Fulfillment> out = new ArrayList<>();
        for (Cancellation.LineQuantity q : c.lines()) {
            long free = remaining(o, q.lineId()) + out.stream().mapToLong(f -> f.units(q.lineId())).sum();
            for (int i = open.size() - 1; i >= 0 && free < q.quantity(); i--) {
                Fulfillment f = open.get(i);
                if (f.units(q.lineId()) == 0 || out.contains(f)) continue;
                out.add(f);
                free += f.units(q.lineId());
            }
        }
        return out;
    }

    /** Units held by fulfilments, by SKU (what their reservations are). */
    public static Map<String, Long> unitsBySku(Order o, List<Fulfillment> fs) {
        Map<String, Long> bySku = new LinkedHashMap<>();
        for (Fulfillment f : fs) for (FulfillmentLine l : f.lines()) bySku.merge(o.line(l.lineId()).sku(), l.quantity(), Math::addExact);
        return bySku;
    }

    /** Refuses to cancel units that already left the warehouse ({@code order.blocked.already_shipped}). */
    static void assertNotShipped(Order o, Map<String, Long> cancelled) {
        for (Map.Entry<String, Long> e : cancelled.entrySet()) {
            OrderLine line = o.line(e.getKey());
            long shipped = o.units(line.id(), UnitMeasure.SHIPPED);
            if (e.getValue() > line.quantity() - shipped) {
                throw DomainException.conflict("order.blocked.already_shipped",
                                "Line " + line.id() + " has " + shipped + " unit(s) shipped; " + (line.quantity() - shipped) + " can still be cancelled",
                                "Cancel only units that have not shipped; shipped goods come back through a return.")
                        .with("line_id", line.id()).with("shipped", shipped);
            }
        }
    }

    // ---- statuses -----------------------------------------------------------------------------------------------------

    /**
     * {@code fulfillment_status}: {@code unfulfilled} while no unit has shipped, {@code fulfilled} once every unit of
     * every line has, {@code partially_fulfilled} in between. {@code shipping_status}: {@code not_shipped};
     * {@code delivered} when every shipped unit is delivered; {@code exception} when a shipment on its way has a problem
     * (or went back to the sender); {@code partially_delivered} when some shipped units are delivered; {@code in_transit}
     * when a carrier reports movement; {@code shipped} before that.
     */
    public static void refreshStatuses(Order o) {
        long shipped = 0, delivered = 0;
        boolean all = true;
        for (OrderLine l : o.lines()) {
            long s = Math.min(l.quantity(), o.units(l.id(), UnitMeasure.SHIPPED));
            shipped += s;
            delivered += Math.min(s, o.units(l.id(), UnitMeasure.DELIVERED));
            if (s < l.quantity()) all = false;
        }
        OrderState st = o.state();
        st.fulfillmentStatus = shipped == 0 ? "unfulfilled" : all ? "fulfilled" : "partially_fulfilled";
        List<Shipment> moving = o.children(Shipment.class).stream().filter(s -> s.deliveredAt() == null && !s.isCancelled()).toList();
        if (shipped == 0) st.shippingStatus = "not_shipped";
        else if (delivered == shipped) st.shippingStatus = "delivered";
        else if (moving.stream().anyMatch(s -> s.status() == TrackingStatus.EXCEPTION || s.status() == TrackingStatus.RETURNED_TO_SENDER)) st.shippingStatus = "exception";
        else if (delivered > 0) st.shippingStatus = "partially_delivered";
        else if (moving.stream().anyMatch(s -> s.status().rank() >= TrackingStatus.IN_TRANSIT.rank())) st.shippingStatus = "in_transit";
        else st.shippingStatus = "shipped";
    }

    static Map<String, Object> withStatuses(Order o, Map<String, Object> d) {
        refreshStatuses(o);
        d.put("fulfillment_status", o.state().fulfillmentStatus);
        d.put("shipping_status", o.state().shippingStatus);
        return d;
    }

    private static Map<String, Long> units(Fulfillment f) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (FulfillmentLine l : f.lines()) m.merge(l.lineId(), l.quantity(), Math::addExact);
        return m;
    }

    private static List<Object> lineData(Map<String, Long> byLine) {
        List<Object> out = new ArrayList<>();
        byLine.forEach((k, v) -> out.add(Order.data("line_id", k, "quantity", v)));
        return out;
    }

    private static DomainException invalidTransition(Fulfillment f, FulfillmentStatus to) {
        return DomainException.conflict("fulfillment.invalid_transition",
                        "A fulfilment cannot go from " + f.status().wire() + " to " + to.wire(),
                        "A PATCH moves a fulfilment forward through picking and packed (or shipped to in_transit); ship, cancel and confirm-receipt have their own endpoints.")
                .with("from", f.status().wire()).with("to", to.wire());
    }
}
