package dev.oms.domain.warehouse.pack;

import dev.oms.domain.DomainException;
import dev.oms.domain.warehouse.StockLot;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules of packing, serials and lots on a fulfilment's {@link FulfilmentPacking} (pure: the use case reads the
 * picked units and the stock, and writes what these answer):
 * <ul>
 *   <li>never more units of a line in packages than were picked, nor serials than units picked;</li>
 *   <li>a serial packed is one assigned to that line, and goes into one package only;</li>
 *   <li>a sealed package never changes; sealing needs a weight;</li>
 *   <li>a lot consumed exists at the location, is not expired or short-dated on the ship date ({@link StockLot#fresh}),
 *       has the units, and never more units are consumed for a line than it has.</li>
 * </ul>
 */
public final class Packing {
    private Packing() { }

    /** What was picked of a fulfilment: units per order line and each line's SKU. */
    public record Picked(Map<String, Long> units, Map<String, String> skus) {
        public long of(String lineId) { return units.getOrDefault(lineId, 0L); }
    }

    /** A package as the packer describes it. */
    public record Draft(List<PackedPackage.Item> items, Integer weightGrams, PackedPackage.Dimensions dimensions) { }

    public static FulfilmentPacking pack(FulfilmentPacking current, Picked picked, List<Draft> drafts, List<String> packageIds, String stationId,
                                         String sessionId, String packedBy, Instant now) {
        if (current.packages().size() + drafts.size() > FulfilmentPacking.MAX_PACKAGES) {
            throw DomainException.conflict("pack.too_many_packages", "A fulfilment has at most " + FulfilmentPacking.MAX_PACKAGES + " packages",
                    "Pack the units in fewer packages.");
        }
        Map<String, Long> adding = new LinkedHashMap<>();
        Set<String> serialsInRequest = new HashSet<>();
        List<PackedPackage> next = new ArrayList<>(current.packages());
        for (int i = 0; i < drafts.size(); i++) {
            Draft d = drafts.get(i);
            List<PackedPackage.Item> items = new ArrayList<>();
            for (PackedPackage.Item item : d.items()) {
                String sku = picked.skus().get(item.lineId());
                if (sku == null) {
                    throw DomainException.unprocessable("pack.line_not_in_fulfillment", "Line " + item.lineId() + " is not in fulfilment " + current.fulfillmentId(),
                            "Pack the lines of the fulfilment.").with("line_id", item.lineId());
                }
                if (item.sku() != null && !item.sku().equals(sku)) {
                    throw DomainException.unprocessable("line.sku_mismatch", "Line " + item.lineId() + " is SKU " + sku, "Scan the line's SKU.")
                            .with("line_id", item.lineId());
                }
                if (item.serials().size() > item.quantity()) {
                    throw DomainException.unprocessable("pack.too_many_serials", "More serials than units for line " + item.lineId(),
                            "Give at most one serial per unit.").with("line_id", item.lineId());
                }
                for (String s : item.serials()) {
                    if (current.serials().stream().noneMatch(a -> a.lineId().equals(item.lineId()) && a.serial().equals(s))) {
                        throw DomainException.unprocessable("pack.serial_not_assigned", "Serial " + s + " is not assigned to line " + item.lineId(),
                                "Assign the serial to the picked unit first (serials/assign).").with("serial", s);
                    }
                    if (!serialsInRequest.add(sku + "\n" + s) || current.packageOfSerial(sku, s) != null) {
                        throw DomainException.conflict("pack.serial_already_packed", "Serial " + s + " is packed already",
                                "A unit goes into one package.").with("serial", s);
                    }
                }
                adding.merge(item.lineId(), item.quantity(), Long::sum);
                items.add(new PackedPackage.Item(item.lineId(), sku, item.quantity(), item.serials()));
            }
            next.add(new PackedPackage(packageIds.get(i), stationId, sessionId, items, d.weightGrams(), d.dimensions(), PackedPackage.OPEN, packedBy, now, null));
        }
        for (Map.Entry<String, Long> e : adding.entrySet()) {
            long already = current.packed(e.getKey()), have = picked.of(e.getKey());
            if (already + e.getValue() > have) {
                throw DomainException.conflict("pack.quantity_exceeds_picked", "Line " + e.getKey() + " has " + have + " units picked and "
                        + already + " packed; " + e.getValue() + " more cannot be packed", "Pack only picked units.")
                        .with("line_id", e.getKey()).with("picked", have).with("packed", already);
            }
        }
        return new FulfilmentPacking(current.fulfillmentId(), current.orderId(), current.warehouseId(), next, current.serials(), current.lots(),
                current.version() + 1, current.createdAt(), now);
    }

    /** Seals an open package (weight and dimensions given here replace the packed ones). */
    public static FulfilmentPacking seal(FulfilmentPacking current, String packageId, String stationId, Integer weightGrams,
                                         PackedPackage.Dimensions dimensions, Instant now) {
        PackedPackage p = current.pkg(packageId);
        if (p == null) throw DomainException.notFound("package.not_found", "No package " + packageId + " in fulfilment " + current.fulfillmentId());
        if (p.sealed()) {
            throw DomainException.conflict("package.already_sealed", "Package " + packageId + " is sealed", "A sealed package never changes; pack another.")
                    .with("sealed_at", p.sealedAt().toString());
        }
        if (!p.stationId().equals(stationId)) {
            throw DomainException.conflict("package.other_station", "Package " + packageId + " is being packed at " + p.stationId(),
                    "Seal it at its pack station.").with("station_id", p.stationId());
        }
        Integer weight = weightGrams != null ? weightGrams : p.weightGrams();
        if (weight == null) throw DomainException.invalidField("weight_grams", "package.weight_required", "A package is weighed before it is sealed");
        PackedPackage sealed = new PackedPackage(p.id(), p.stationId(), p.sessionId(), p.items(), weight, dimensions != null ? dimensions : p.dimensions(),
                PackedPackage.SEALED, p.packedBy(), p.packedAt(), now);
        List<PackedPackage> next = new ArrayList<>();
        for (PackedPackage x : current.packages()) next.add(x.id().equals(packageId) ? sealed : x);
        return new FulfilmentPacking(current.fulfillmentId(), current.orderId(), current.warehouseId(), next, current.serials(), current.lots(),
                current.version() + 1, current.createdAt(), now);
    }

    /** Whether every picked unit is in a sealed package (the fulfilment is then ready to ship). */
    public static boolean everythingSealed(FulfilmentPacking p, Picked picked) {
        if (picked.units().values().stream().mapToLong(Long::longValue).sum() == 0) return false;
        for (Map.Entry<String, Long> e : picked.units().entrySet()) {
            long sealed = p.packages().stream().filter(PackedPackage::sealed).mapToLong(x -> x.units(e.getKey())).sum();
            if (sealed < e.getValue()) return false;
        }
        return true;
    }

    /** Serial numbers for picked units of a line: one per unit, each once on the fulfilment (the store claims it per tenant and SKU). */
    public static FulfilmentPacking assignSerials(FulfilmentPacking current, Picked picked, String lineId, List<String> serials, String by, Instant now) {
        String sku = picked.skus().get(lineId);
        if (sku == null) {
            throw DomainException.unprocessable("serial.line_not_in_fulfillment", "Line " + lineId + " is not in fulfilment " + current.fulfillmentId(),
                    "Assign serials to the fulfilment's lines.").with("line_id", lineId);
        }
        if (new HashSet<>(serials).size() != serials.size()) {
            throw DomainException.invalidField("serials", "serials.duplicate", "Name each serial once");
        }
        for (String s : serials) {
            if (current.serials().stream().anyMatch(a -> a.sku().equals(sku) && a.serial().equals(s))) {
                throw DomainException.conflict("serial.already_assigned", "Serial " + s + " of " + sku + " is assigned already",
                        "A serial number belongs to one unit.").with("serial", s).with("sku", sku);
            }
        }
        long have = picked.of(lineId), already = current.serialsOf(lineId);
        if (already + serials.size() > have) {
            throw DomainException.conflict("serial.exceeds_picked", "Line " + lineId + " has " + have + " units picked and " + already
                    + " serials assigned", "Assign one serial per picked unit.").with("line_id", lineId).with("picked", have).with("assigned", already);
        }
        if (current.serials().size() + serials.size() > FulfilmentPacking.MAX_SERIALS) {
            throw DomainException.conflict("serial.too_many", "A fulfilment has at most " + FulfilmentPacking.MAX_SERIALS + " serials", "Split the fulfilment.");
        }
        List<FulfilmentPacking.SerialAssignment> next = new ArrayList<>(current.serials());
        for (String s : serials) next.add(new FulfilmentPacking.SerialAssignment(lineId, sku, s, by, now));
        return new FulfilmentPacking(current.fulfillmentId(), current.orderId(), current.warehouseId(), current.packages(), next, current.lots(),
                current.version() + 1, current.createdAt(), now);
    }

    /**
     * Consumes {@code quantity} units of a lot at a location for a line, given the lot as the inventory reports it now
     * (null: it has none there), the ship date and the minimum shelf life; the line's units bound what is consumed.
     */
    public static FulfilmentPacking consumeLot(FulfilmentPacking current, String consumptionId, String lineId, String sku, long lineUnits, StockLot lot,
                                               String locationId, String lotId, long quantity, LocalDate shipDate, int minShelfLifeDays, String by, Instant now) {
        if (lot == null) {
            throw DomainException.notFound("lot.not_found", "No lot " + lotId + " of " + sku + " at " + locationId);
        }
        if (!lot.fresh(shipDate, minShelfLifeDays)) {
            throw DomainException.conflict("lot.short_dated", "Lot " + lotId + " expires on " + lot.expiry() + ", before " + shipDate + " plus "
                    + minShelfLifeDays + " days of shelf life", "Pick a lot that lasts longer.").with("expiry", lot.expiry().toString());
        }
        if (quantity > lot.available()) {
            throw DomainException.conflict("lot.insufficient_quantity", "Lot " + lotId + " has " + lot.available() + " units available at " + locationId,
                    "Consume at most what the lot has.").with("available", lot.available());
        }
        long already = current.consumed(lineId);
        if (already + quantity > lineUnits) {
            throw DomainException.conflict("lot.exceeds_line", "Line " + lineId + " has " + lineUnits + " units and " + already + " are consumed already",
                    "Consume at most the line's units.").with("line_id", lineId).with("consumed", already);
        }
        if (current.lots().size() >= FulfilmentPacking.MAX_LOT_CONSUMPTIONS) {
            throw DomainException.conflict("lot.too_many", "A fulfilment records at most " + FulfilmentPacking.MAX_LOT_CONSUMPTIONS + " lot consumptions",
                    "Consume larger quantities at once.");
        }
        List<FulfilmentPacking.LotConsumption> next = new ArrayList<>(current.lots());
        next.add(new FulfilmentPacking.LotConsumption(consumptionId, lineId, sku, lot.warehouseId(), locationId, lotId, lot.expiry(), quantity, by, now));
        return new FulfilmentPacking(current.fulfillmentId(), current.orderId(), current.warehouseId(), current.packages(), current.serials(), next,
                current.version() + 1, current.createdAt(), now);
    }
}
